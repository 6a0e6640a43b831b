import CLLVM
import WasmFrontend

/// The calling convention of Wasm code: every defined Wasm function, every exit
/// trampoline (a host function's code) and every call between them uses LLVM's
/// `tailcc`.
///
/// **Why `tailcc`.** `return_call` and `return_call_indirect` must not grow the stack,
/// also between functions of *different* Wasm types (a 10-million-deep mutual recursion
/// of `(i32) -> i64` and `(i64, f64, i32) -> i64` must run in constant stack). LLVM's
/// `musttail` under the C convention requires caller and callee to have the same
/// prototype, because the caller owns the stack-argument area. Under `tailcc` the callee
/// pops its own stack arguments, and LangRef guarantees that a `musttail` call between
/// two `tailcc` functions is a real tail call even when the parameter lists differ
/// (only the return types must match — which validation guarantees for a Wasm tail call).
/// Since `call_indirect`/`return_call_indirect` reach any function through its funcref
/// record, and a funcref's code may be another instance's function or a host function's
/// exit trampoline, the convention has to be the same for all of them: it is part of the
/// ABI of a funcref record's `code` pointer (and so of AOT objects, hence AOT format
/// version 4).
///
/// **Where the convention changes.** Only at the boundaries to C: the entry trampolines
/// are C functions (called by `wasmex_invoke`) that call Wasm code with `tailcc`, and the
/// exit trampolines are `tailcc` functions that call the host callback with the C
/// convention. Runtime functions (`wasmex_trap`, libcalls) stay C functions.
///
/// **Cost.** `tailcc` passes arguments in the same registers as the C convention, but on
/// x86-64 the callee pops its stack-argument area, which LLVM keeps at 8 mod 16 bytes, so
/// even a function without stack arguments ends in `ret $8` and every call site re-adjusts
/// `rsp` after the call. Measured against the C convention (same build, JIT, O2, on the
/// shared 2-core machine, `wasmex bench run --engine jit --runs 7`): `shootout-fib2`, which
/// does little but recursive calls, +25–30 % (median 1.33–1.37 s → 1.67–1.73 s); a
/// hand-written `fib(40)` +25 %, `call_indirect` fib +13 %, a nine-parameter recursion
/// +35 %; `quicksort` and CoreMark unchanged within noise (11.8 → 11.2 ms, score
/// 16964 → 16593), `shootout-ackermann` 1.79 → 1.59 ms. Wasmtime makes the same trade
/// (its Wasm functions all use Cranelift's `tail` convention). The alternative that costs
/// nothing where no tail call is made — C-convention code for every function plus a
/// `tailcc` entry per function and a second code pointer in funcref records for
/// `return_call_indirect` — is left for later; it changes the funcref record layout.
/// Tried in stop 26 (the C convention for modules without tail calls, a code pointer per
/// convention in funcref records, per-signature adapters) and reverted: on x86-64 the C
/// convention returns a third `f64`/`f32` result in x87's ST0, which quiets signalling NaNs
/// (fuzz seed 144986, `Tests/Fuzz/regressions/results-float-results-snan-seed144986.wast`),
/// and `fastcc` does the same with a fourth; `tailcc` returns four in XMM registers. Doing it
/// again needs a convention for multi-value float results that never touches x87 (or such
/// signatures kept on `tailcc`, adapters and trampolines included).
/// It would also speed up the first tier's compiles: LLVM's FastISel refuses every call
/// under `tailcc` (it cannot guarantee tail calls), so each call in O0 code is selected by
/// SelectionDAG. On quicksort's `printf` core (83 calls), `llc-19 -O0` spent 57 % of its
/// time in instruction selection; the same IR with `fastcc` calls compiled in 29 ms
/// instead of 68 ms (BENCHMARKS.md, stop 24).
///
/// **Signatures.** Which IR types carry a Wasm function type's values is
/// ``SignatureLowering``'s job: floating-point and vector values past their registers
/// travel as integers, because LLVM 19's x86-64 `tailcc` lowering of such values on the
/// stack, and of a third floating-point result, is wrong (fuzz seeds 155979 and 155415).
///
/// **Limitation.** A `musttail` call whose return value LLVM would demote to a hidden
/// `sret` pointer (more results than fit in return registers) cannot be lowered, and
/// LLVM aborts the process if asked to. ``SignatureLowering/returnsInRegisters`` is the
/// conservative bound; tail calls of functions with more results are emitted as an
/// ordinary call followed by `ret` (correct results, but the stack grows with their depth).
enum WasmCallingConvention {
    /// `llvm::CallingConv::Tail` (LLVM-C's `LLVMCallConv` has no case for it).
    static let tail: UInt32 = 18

    /// Declares `function` with the Wasm calling convention.
    static func apply(toFunction function: LLVMValueRef) {
        LLVMSetFunctionCallConv(function, tail)
    }

    /// Makes `call` use the Wasm calling convention.
    static func apply(toCall call: LLVMValueRef) {
        LLVMSetInstructionCallConv(call, tail)
    }
}
