import CLLVM

/// Type-based alias analysis tags that tell LLVM which runtime structures
/// an access may touch: stores to linear memory never clobber a memory
/// descriptor, a global cell or a table, so base/length loads can be hoisted
/// out of loops without calls. Also provides `!invariant.load` for vmctx
/// fields that never change during an instance's life.
struct AliasInfo {
    /// What a load or store touches.
    enum Region: CaseIterable {
        /// Fields of the vmctx and arrays it points to (set at instantiation).
        case vmContext
        /// `wasmex_memory` base/length.
        case memoryDescriptor
        /// Bytes of a linear memory.
        case linearMemory
        /// A global's 16-byte cell.
        case globalCell
        /// `wasmex_table` fields.
        case tableDescriptor
        /// Table element words.
        case tableElements
        /// `wasmex_funcref` records and host contexts (immutable once made).
        case functionRecord
        /// The store's execution state (stack limit, fuel, epoch).
        case storeState
        /// Argument/result slot buffers of trampolines.
        case slots
        /// GC object headers (runtime type, array length) and runtime types.
        case gcHeader
        /// GC object fields and array elements.
        case gcPayload
    }

    private let tags: [Region: LLVMValueRef]
    private let tbaaKind: UInt32
    private let invariantKind: UInt32
    private let emptyNode: LLVMValueRef

    init(_ context: LLVMContextRef) {
        func string(_ text: String) -> LLVMMetadataRef {
            text.withCString { LLVMMDStringInContext2(context, $0, text.utf8.count) }
        }
        func node(_ operands: [LLVMMetadataRef]) -> LLVMMetadataRef {
            var operands: [LLVMMetadataRef?] = operands
            return operands.withUnsafeMutableBufferPointer {
                LLVMMDNodeInContext2(context, $0.baseAddress, $0.count)
            }
        }
        let zero: LLVMMetadataRef = LLVMValueAsMetadata(LLVMConstInt(LLVMInt64TypeInContext(context), 0, 0))
        let root: LLVMMetadataRef = node([string("wasmex tbaa")])
        var tags: [Region: LLVMValueRef] = [:]
        for region in Region.allCases {
            let type: LLVMMetadataRef = node([string("wasmex.\(region)"), root, zero])
            tags[region] = LLVMMetadataAsValue(context, node([type, type, zero]))
        }
        self.tags = tags
        tbaaKind = LLVMGetMDKindIDInContext(context, "tbaa", 4)
        invariantKind = LLVMGetMDKindIDInContext(context, "invariant.load", 14)
        emptyNode = LLVMMetadataAsValue(context, node([]))
    }

    /// Tags `instruction` (a load or store) as touching `region`.
    func tag(_ instruction: LLVMValueRef, _ region: Region) {
        if let tag = tags[region] { LLVMSetMetadata(instruction, tbaaKind, tag) }
    }

    /// Whether `instruction` carries `region`'s tag.
    func isTagged(_ instruction: LLVMValueRef, _ region: Region) -> Bool {
        guard let tag = tags[region], let found = LLVMGetMetadata(instruction, tbaaKind) else { return false }
        return found == tag
    }

    /// Marks a load as reading memory that never changes while the code runs.
    func markInvariant(_ load: LLVMValueRef) {
        LLVMSetMetadata(load, invariantKind, emptyNode)
    }
}
