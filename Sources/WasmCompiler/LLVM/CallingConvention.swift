import CLLVM
import WasmFrontend

/// The calling conventions of Wasm code, chosen per module: the C convention
/// for a module that makes no tail call, `tailcc` for one that does.
///
/// **Why `tailcc` where there are tail calls.** `return_call` and
/// `return_call_indirect` must not grow the stack, also between functions of
/// *different* Wasm types (a 10-million-deep mutual recursion of `(i32) -> i64`
/// and `(i64, f64, i32) -> i64` must run in constant stack). LLVM's `musttail`
/// under the C convention requires caller and callee to have the same prototype,
/// because the caller owns the stack-argument area. Under `tailcc` the callee
/// pops its own stack arguments, and LangRef guarantees that a `musttail` call
/// between two `tailcc` functions is a real tail call even when the parameter
/// lists differ (only the return types must match — which validation guarantees
/// for a Wasm tail call).
///
/// **Why not `tailcc` everywhere.** On x86-64 a `tailcc` callee pops its
/// stack-argument area, which LLVM keeps at 8 mod 16 bytes, so even a function
/// without stack arguments ends in `ret $8` and every call site re-adjusts `rsp`.
/// Measured against the C convention when every module used `tailcc` (same
/// build, JIT, O2, `wasmex bench run --engine jit --runs 7`): `shootout-fib2`,
/// which does little but recursive calls, +25–30 % (median 1.33–1.37 s →
/// 1.67–1.73 s); a hand-written `fib(40)` +25 %, `call_indirect` fib +13 %, a
/// nine-parameter recursion +35 %. And LLVM's FastISel refuses every call under
/// `tailcc` (it cannot guarantee tail calls), so each call in first-tier (O0)
/// code went through SelectionDAG: on quicksort's `printf` core (83 calls)
/// `llc-19 -O0` spent 57 % of its time in instruction selection, 68 ms against
/// 29 ms with C-convention calls. Most modules make no tail call; they pay none
/// of this. Measured again when this design came back in stop 31 (two alternating
/// rounds, default tiered `jit`, BENCHMARKS.md "Calling convention per module,
/// again"): fib2 1,035–1,073 → 800–877 ms, quicksort's first run end to end 43–47 →
/// 31–32 ms, the real programs' end to end a few per cent shorter, CoreMark unchanged.
///
/// **Two ways into every function.** A funcref's code may be another
/// instance's function (of a module with the other convention) or a host
/// function, so a funcref record (`wasmex_funcref`) holds one code pointer per
/// convention: `code`/`vmctx` for C-convention callers, `tail_code`/`tail_vmctx`
/// for `tailcc` callers. One pair is the function itself (its `wasm_f<i>` and
/// its instance); the other is an *adapter* of the function's machine
/// signature (``SymbolNames/adapter(for:convention:)``), whose context is the
/// record itself: it loads the record's own pair and calls it (an ordinary
/// call). A host function's own pair is its C-convention exit trampoline.
/// Each module object defines the adapters its escaping functions need, next
/// to their entry trampolines. An adapter adds a frame only where conventions
/// meet: a tail call from a `tailcc` module into a C-convention function keeps
/// one adapter frame until that function returns — which is bounded, since a
/// C-convention module makes no tail calls of its own. Calls inside a module,
/// forwarding between tiers, lazy stubs and OSR entries stay in the module's
/// convention and never meet an adapter.
///
/// **Boundaries to C.** Entry trampolines are C functions (called by
/// `wasmex_invoke`) that call a record's `code`; exit trampolines are
/// C-convention functions that call the host callback. Runtime functions
/// (`wasmex_trap`, libcalls) are C functions.
///
/// **Signatures.** Which IR types carry a Wasm function type's values is
/// ``SignatureLowering``'s job, the same under both conventions: floating-point and vector
/// values past their registers travel as integers. Under `tailcc`, LLVM 19's x86-64
/// lowering of such values on the stack, and of a fourth floating-point result, is wrong
/// (fuzz seeds 155979 and 155415); under the C convention a third `f32`/`f64` result would
/// come back through x87's `st0`, which quiets a signalling NaN (fuzz seed 144986, the
/// finding that reverted this design in stop 26, before the lowering existed). With at
/// most two floating-point results in registers, neither convention touches x87.
///
/// **Limitation.** A `musttail` call whose return value LLVM would demote to a hidden
/// `sret` pointer (more results than fit in return registers) cannot be lowered, and
/// LLVM aborts the process if asked to. ``SignatureLowering/returnsInRegisters`` is the
/// conservative bound; tail calls of functions with more results are emitted as an
/// ordinary call followed by `ret` (correct results, but the stack grows with their depth).
/// C-convention modules make no `musttail` calls, so there an `sret` return is fine.
package enum WasmCallingConvention: Sendable, Hashable {
    /// LLVM's C convention: modules without tail calls.
    case c
    /// `tailcc`: modules with `return_call`, `return_call_indirect` or `return_call_ref`.
    case tail

    /// The convention of a module whose functions have `shapes`.
    init(shapes: [FunctionShape]) {
        self = shapes.contains { $0.tailCalls } ? .tail : .c
    }

    /// The LLVM calling-convention id.
    var llvmID: UInt32 {
        switch self {
        case .c: return 0
        // `llvm::CallingConv::Tail` (LLVM-C's `LLVMCallConv` has no case for it).
        case .tail: return 18
        }
    }

    /// The other convention (the one a module's adapters serve).
    package var other: WasmCallingConvention { self == .c ? .tail : .c }

    /// The offsets of this convention's code pointer and context in a funcref record.
    var recordOffsets: (code: UInt64, context: UInt64) {
        switch self {
        case .c: return (VMContextLayout.funcRefCode, VMContextLayout.funcRefVMContext)
        case .tail: return (VMContextLayout.funcRefTailCode, VMContextLayout.funcRefTailVMContext)
        }
    }

    /// Declares `function` with this convention.
    func apply(toFunction function: LLVMValueRef) {
        LLVMSetFunctionCallConv(function, llvmID)
    }

    /// Makes `call` use this convention.
    func apply(toCall call: LLVMValueRef) {
        LLVMSetInstructionCallConv(call, llvmID)
    }
}
