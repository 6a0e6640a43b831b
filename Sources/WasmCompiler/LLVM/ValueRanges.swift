import CLLVM

/// `!range` metadata: what an integer load can hold, so LLVM folds the
/// compares the value cannot fail.
///
/// Used for a linear memory's byte length (see `FunctionEmitter.memoryLength`).
/// A range must be true of every value the load can see: a value outside it
/// is poison, and LLVM may then delete the check that would have trapped.
struct ValueRanges {
    private let context: LLVMContextRef
    private let kind: UInt32

    init(_ context: LLVMContextRef) {
        self.context = context
        kind = LLVMGetMDKindIDInContext(context, "range", 5)
    }

    /// Marks the `i64` load `load` as holding a value in `lower..<upper`,
    /// wrapping (`upper` 0: up to `UInt64.max`); nothing for the full range.
    func mark(_ load: LLVMValueRef, lower: UInt64, upper: UInt64) {
        guard lower != upper else { return }   // empty, or full (0..<0)
        let i64 = LLVMInt64TypeInContext(context)
        var operands: [LLVMMetadataRef?] = [
            LLVMValueAsMetadata(LLVMConstInt(i64, lower, 0)),
            LLVMValueAsMetadata(LLVMConstInt(i64, upper, 0)),
        ]
        let node = operands.withUnsafeMutableBufferPointer {
            LLVMMDNodeInContext2(context, $0.baseAddress, $0.count)
        }
        LLVMSetMetadata(load, kind, LLVMMetadataAsValue(context, node))
    }
}
