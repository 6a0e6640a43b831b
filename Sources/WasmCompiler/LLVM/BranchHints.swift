import CLLVM

/// `!prof` branch weights marking trap edges as cold, so LLVM lays out the
/// hot path as fall-through and moves trap blocks out of the way.
struct BranchHints {
    private let kind: UInt32
    private let unlikelyTrue: LLVMValueRef

    init(_ context: LLVMContextRef) {
        kind = LLVMGetMDKindIDInContext(context, "prof", 4)
        let i32 = LLVMInt32TypeInContext(context)
        var operands: [LLVMMetadataRef?] = [
            "branch_weights".withCString { LLVMMDStringInContext2(context, $0, 14) },
            LLVMValueAsMetadata(LLVMConstInt(i32, 1, 0)),
            LLVMValueAsMetadata(LLVMConstInt(i32, 1 << 20, 0)),
        ]
        let node = operands.withUnsafeMutableBufferPointer {
            LLVMMDNodeInContext2(context, $0.baseAddress, $0.count)
        }
        unlikelyTrue = LLVMMetadataAsValue(context, node)
    }

    /// Marks a conditional branch whose true edge is almost never taken.
    func markTrueUnlikely(_ branch: LLVMValueRef) {
        LLVMSetMetadata(branch, kind, unlikelyTrue)
    }
}
