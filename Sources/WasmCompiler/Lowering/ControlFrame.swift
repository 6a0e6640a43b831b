import CLLVM
import WasmFrontend

/// One entry of the control stack while lowering a function body.
///
/// Branches to a `loop` go to its header and carry the loop's parameters
/// (added to the header's phi nodes immediately); branches to any other frame
/// go to its end block and carry its results (collected in `incoming` and
/// turned into phi nodes when the frame ends).
struct ControlFrame {
    enum Kind { case function, block, loop, `if`, tryTable, legacyTry, legacyCatch }

    let kind: Kind
    let parameters: [ValueType]
    let results: [ValueType]
    /// Value-stack height below the frame's parameters.
    let stackHeight: Int
    /// Where `br` to this frame jumps.
    let branchTarget: LLVMBasicBlockRef
    /// The block after the frame's `end`.
    let endBlock: LLVMBasicBlockRef
    /// For `loop`: the header's phi nodes, one per parameter.
    var loopPhis: [LLVMValueRef] = []
    /// For `if` before its `else`: the else block and the parameters to re-push there.
    var elseBlock: LLVMBasicBlockRef?
    var elseParameters: [LLVMValueRef] = []
    /// Edges reaching `endBlock`: source block and the result values it carries.
    var incoming: [(block: LLVMBasicBlockRef, values: [LLVMValueRef])] = []
    /// For `try_table`, a legacy `try` or catch block: the handler chain head
    /// before its record was pushed, stored back on every way out of it (see
    /// ``FunctionEmitter/lowerTryTable(_:_:)``, LegacyExceptions.swift).
    var previousHandlers: LLVMValueRef?
    /// For a legacy `try` or catch block: its handler's state (see LegacyExceptions.swift).
    var legacy: LegacyHandler?

    /// Number of values a branch to this frame carries.
    var branchArity: Int { kind == .loop ? parameters.count : results.count }
}
