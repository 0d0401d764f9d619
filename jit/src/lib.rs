//! Elle's Cranelift backend: compiles a hot proto to native x86-64 code
//! that runs on the interpreter's own frames (see `elle_core::backend`).
//!
//! Each compiled proto gets its own `JITModule`, so its memory is freed as
//! soon as the proto is: the engine's collector frees the proto, the proto
//! drops its claim on the shared `CodeCache`, the cache drops the
//! `CompiledProto`, and that frees the module. Code is written while
//! mapped read-write and mapped read-execute before it is first run
//! (`JITModule::finalize_definitions`); it is never writable and
//! executable at once.

mod lower;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

use cranelift_codegen::isa::OwnedTargetIsa;
use cranelift_codegen::settings::{self, Configurable};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, Linkage, Module};
use elle_core::backend::{
    CodeBackend, CodeCache, Jit, JitMode, JitSettings, NativeCode, NativeEntry, Op, ProtoView,
    Refusal,
};

use crate::lower::Lowering;

/// Protos longer than this many instructions stay interpreted (their
/// compile time would outweigh what they gain).
pub const MAX_INSTRUCTIONS: usize = 20_000;

/// The most registers a compiled proto may have. Registers that do not fit
/// in machine registers take spill slots in the native frame, and the VM
/// checks the native stack's room only before entering a frame: bounding a
/// frame's size bounds how far one activation can reach past that check.
pub const MAX_REGISTERS: u16 = 512;

/// Which compilations to refuse on purpose, so tests can check that a
/// refusal never changes what a program does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TestRefusals {
    /// Compile everything the backend can (the normal setting).
    None,
    /// Refuse every compilation.
    All,
    /// Refuse every second compilation.
    Half,
}

/// The Cranelift backend; one can serve engines on many threads.
pub struct CraneliftBackend {
    isa: OwnedTargetIsa,
    refusals: TestRefusals,
    attempts: AtomicU64,
}

impl CraneliftBackend {
    /// A backend for the host machine.
    pub fn new() -> Result<Self, String> {
        Self::with_refusals(TestRefusals::None)
    }

    /// A backend that refuses some compilations on purpose (for tests).
    pub fn with_refusals(refusals: TestRefusals) -> Result<Self, String> {
        let mut flags = settings::builder();
        let set = |f: &mut settings::Builder, k: &str, v: &str| {
            f.set(k, v)
                .map_err(|e| format!("cranelift setting {}={}: {}", k, v, e))
        };
        set(&mut flags, "opt_level", "speed")?;
        set(&mut flags, "is_pic", "false")?;
        set(&mut flags, "use_colocated_libcalls", "false")?;
        let verify = if cfg!(debug_assertions) {
            "true"
        } else {
            "false"
        };
        set(&mut flags, "enable_verifier", verify)?;
        let isa = cranelift_native::builder()
            .map_err(|e| format!("no Cranelift backend for this machine: {}", e))?
            .finish(settings::Flags::new(flags))
            .map_err(|e| format!("cannot configure Cranelift: {}", e))?;
        Ok(CraneliftBackend {
            isa,
            refusals,
            attempts: AtomicU64::new(0),
        })
    }

    /// Lowers and compiles one proto into its own module.
    fn compile_proto(&self, view: &ProtoView<'_>) -> Result<CompiledProto, String> {
        let started = Instant::now();
        let builder = JITBuilder::with_isa(self.isa.clone(), default_libcall_names());
        let mut module = JITModule::new(builder);
        let call_conv = self.isa.default_call_conv();
        let mut ctx = module.make_context();
        ctx.func.signature = lower::entry_signature(call_conv);
        let mut fctx = FunctionBuilderContext::new();
        let b = FunctionBuilder::new(&mut ctx.func, &mut fctx);
        Lowering::new(b, view, call_conv).lower(self.isa.frontend_config());
        let id = module
            .declare_function("elle_proto", Linkage::Local, &ctx.func.signature)
            .map_err(|e| format!("declare: {}", e))?;
        module
            .define_function(id, &mut ctx)
            .map_err(|e| format!("cranelift: {:?}", e))?;
        let code_len = ctx.compiled_code().map_or(0, |c| c.code_buffer().len());
        module.clear_context(&mut ctx);
        module
            .finalize_definitions()
            .map_err(|e| format!("finalize: {}", e))?;
        let ptr = module.get_finalized_function(id);
        // SAFETY: `ptr` is the finalized code of a function with the
        // signature `lower::entry_signature` in the ISA's default calling
        // convention, which is the C convention of `NativeEntry` on the
        // host; it stays mapped until `module` is freed with the
        // `CompiledProto` that owns both.
        let entry: NativeEntry = unsafe { std::mem::transmute::<*const u8, NativeEntry>(ptr) };
        Ok(CompiledProto {
            module: Some(module),
            entry,
            bytes: code_len.next_multiple_of(4096),
            nanos: started.elapsed().as_nanos() as u64,
        })
    }
}

impl CodeBackend for CraneliftBackend {
    fn compile(&self, view: &ProtoView<'_>) -> Result<Box<dyn NativeCode>, Refusal> {
        let n = self.attempts.fetch_add(1, Ordering::Relaxed);
        match self.refusals {
            TestRefusals::All => return Err(Refusal("refusing every compilation (test)".into())),
            TestRefusals::Half if n % 2 == 1 => {
                return Err(Refusal("refusing half the compilations (test)".into()))
            }
            _ => {}
        }
        // Handlers resume their frame in the interpreter (see the core's
        // `vm/handlers.rs`); raising *through* native frames needs nothing
        // from the code generator, so only the installing protos are refused.
        if view.code().iter().any(|op| {
            matches!(
                op,
                Op::PushHandler { .. } | Op::PopHandler { .. } | Op::Resume { .. }
            )
        }) {
            return Err(Refusal("installs an exception handler".into()));
        }
        if view.nregs() > MAX_REGISTERS {
            return Err(Refusal(format!(
                "{} registers (more than {})",
                view.nregs(),
                MAX_REGISTERS
            )));
        }
        if view.code().len() > MAX_INSTRUCTIONS {
            return Err(Refusal(format!(
                "{} instructions (more than {})",
                view.code().len(),
                MAX_INSTRUCTIONS
            )));
        }
        // A panic in the code generator must not unwind into the VM (which
        // may be running inside a helper called from native code): it
        // becomes a refusal, and the proto stays interpreted.
        let compiled =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.compile_proto(view)))
                .unwrap_or_else(|_| Err("the code generator panicked".into()));
        compiled
            .map(|c| Box::new(c) as Box<dyn NativeCode>)
            .map_err(Refusal)
    }
}

/// One compiled proto and the module that owns its memory.
struct CompiledProto {
    module: Option<JITModule>,
    entry: NativeEntry,
    bytes: usize,
    nanos: u64,
}

// SAFETY: after `finalize_definitions` the module is never used again
// except to free it in `drop`, which has exclusive access; the code it
// holds is immutable and may run on any thread.
unsafe impl Send for CompiledProto {}
// SAFETY: shared access only reads `entry`, `bytes` and `nanos`.
unsafe impl Sync for CompiledProto {}

impl NativeCode for CompiledProto {
    fn entry(&self) -> NativeEntry {
        self.entry
    }
    fn code_bytes(&self) -> usize {
        self.bytes
    }
    fn compile_nanos(&self) -> u64 {
        self.nanos
    }
}

impl Drop for CompiledProto {
    fn drop(&mut self) {
        if let Some(module) = self.module.take() {
            // SAFETY: the cache drops this only when the proto was freed, so
            // no frame runs the code and no entry pointer to it remains.
            unsafe { module.free_memory() };
        }
    }
}

/// A `Jit` for an engine: the given backend and cache, with `mode`'s
/// threshold; `None` for `JitMode::Off`.
pub fn jit_for(mode: JitMode, backend: Arc<dyn CodeBackend>, cache: Arc<CodeCache>) -> Option<Jit> {
    Some(Jit {
        backend,
        cache,
        settings: JitSettings::for_mode(mode)?,
    })
}

/// A `Jit` with a fresh Cranelift backend and cache for `mode`.
pub fn new_jit(mode: JitMode) -> Result<Option<Jit>, String> {
    if mode == JitMode::Off {
        return Ok(None);
    }
    let backend = Arc::new(CraneliftBackend::new()?);
    Ok(jit_for(mode, backend, Arc::new(CodeCache::new())))
}
