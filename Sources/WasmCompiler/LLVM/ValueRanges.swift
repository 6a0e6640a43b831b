import CLLVM

/// `!range` metadata: what an integer load can hold, so LLVM folds the
/// compares the value cannot fail.
///
/// Used for a linear memory's byte length (see `FunctionEmitter.memoryLength`).
/// A range must be true of every value the load can see: a value outside it
/// is poison, and LLVM may then delete the check that would have trapped.
/// Every memory access carries one, so each range's node is made once per
/// module.
final class ValueRanges {
    private struct Bounds: Hashable {
        let lower: UInt64
        let upper: UInt64
    }

    private let context: LLVMContextRef
    private let kind: UInt32
    private var nodes: [Bounds: LLVMValueRef] = [:]

    init(_ context: LLVMContextRef) {
        self.context = context
        kind = LLVMGetMDKindIDInContext(context, "range", 5)
    }

    /// Marks the `i64` load `load` as holding a value in `lower..<upper`,
    /// wrapping (`upper` 0: up to `UInt64.max`); nothing for the full range.
    func mark(_ load: LLVMValueRef, lower: UInt64, upper: UInt64) {
        guard lower != upper else { return }   // empty, or full (0..<0)
        LLVMSetMetadata(load, kind, node(Bounds(lower: lower, upper: upper)))
    }

    private func node(_ bounds: Bounds) -> LLVMValueRef {
        if let node = nodes[bounds] { return node }
        let i64 = LLVMInt64TypeInContext(context)
        var operands: [LLVMMetadataRef?] = [
            LLVMValueAsMetadata(LLVMConstInt(i64, bounds.lower, 0)),
            LLVMValueAsMetadata(LLVMConstInt(i64, bounds.upper, 0)),
        ]
        let metadata = operands.withUnsafeMutableBufferPointer {
            LLVMMDNodeInContext2(context, $0.baseAddress, $0.count)
        }
        let node = LLVMMetadataAsValue(context, metadata)!
        nodes[bounds] = node
        return node
    }
}
