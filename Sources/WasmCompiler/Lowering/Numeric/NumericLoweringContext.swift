import CLLVM
import WasmFrontend

/// What numeric lowering needs from the function being emitted. The compiler's FunctionEmitter conforms.
protocol NumericLoweringContext {
    var builder: LLVMBuilderRef { get }
    var llvmContext: LLVMContextRef { get }
    var llvmModule: LLVMModuleRef { get }
    /// Emit: if `condition` (an i1) is true at run time, the function traps with `trap`; code after continues on the false path.
    func emitTrap(if condition: LLVMValueRef, _ trap: TrapCode)
}

/// Lowers Wasm's numeric and conversion operators (0x45…0xC4, 0xFC 0…7) to LLVM IR.
///
/// Values use Wasm's IR representation: i32 → `i32`, i64 → `i64`, f32 → `float`,
/// f64 → `double`; comparisons yield an `i32` 0 or 1. Operators that can trap
/// (division, remainder, trapping truncation) call `emitTrap(if:_:)` before the
/// instruction that would otherwise be undefined, so the returned value is computed on
/// the non-trapping path at the builder's final position. No fast-math flags are used.
enum NumericLowering {
    /// Emits `op` applied to `operands` (in Wasm order: first pushed first) and returns the result value.
    ///
    /// `operands` must match `op.signature.parameters` in count and type, which
    /// validation guarantees; a mismatch is a bug in the caller.
    static func emit(_ op: NumericOp, _ operands: [LLVMValueRef], in context: some NumericLoweringContext) -> LLVMValueRef {
        let kind = op.loweringKind
        precondition(operands.count == kind.arity,
                     "\(op) takes \(kind.arity) operand(s), got \(operands.count)")
        let ir = NumericBuilder(context)
        switch kind {
        case .integerUnary(let width, let unary):
            return ir.integerUnary(unary, width, operands[0])
        case .integerBinary(let width, let binary):
            return ir.integerBinary(binary, width, operands[0], operands[1])
        case .integerCompare(_, let compare):
            return ir.integerCompare(compare, operands[0], operands[1])
        case .floatUnary(let width, let unary):
            return ir.floatUnary(unary, width, operands[0])
        case .floatBinary(let width, let binary):
            return ir.floatBinary(binary, width, operands[0], operands[1])
        case .floatCompare(_, let compare):
            return ir.floatCompare(compare, operands[0], operands[1])
        case .conversion(let conversion):
            return ir.conversion(conversion, operands[0])
        }
    }
}
