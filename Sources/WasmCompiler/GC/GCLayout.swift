import WasmFrontend

/// Where the fields of a struct type sit in its objects, and how big array
/// elements are: the one layout the code generator and the runtime types
/// (`wasmex_rtt`, built by the Swift runtime) agree on.
///
/// Fields keep their declared order, each aligned to its own size (packed
/// `i8`/`i16` fields 1 and 2 bytes, numbers 4 or 8, references one 8-byte
/// word, `v128` 16); the payload follows the 16-byte header and its size is
/// rounded up to 8 bytes. Reordering fields by size would save some padding,
/// but declared order keeps subtype prefixes at the same offsets for free,
/// which `struct.get` on a supertype relies on.
package struct GCStructLayout: Hashable, Sendable {
    /// Byte offset of each field from the start of the payload.
    package var offsets: [UInt32]
    /// Payload bytes.
    package var size: UInt32
    /// Payload offsets of the reference fields (what the collector traces).
    package var referenceOffsets: [UInt32]

    package init(_ fields: [FieldType]) {
        var offset: UInt32 = 0
        offsets = []
        referenceOffsets = []
        for field in fields {
            let size = UInt32(field.storage.byteSize)
            offset = (offset + size - 1) / size * size
            offsets.append(offset)
            if field.storage.unpacked.isReference { referenceOffsets.append(offset) }
            offset += size
        }
        size = (offset + 7) / 8 * 8
    }
}

/// What the code generator and the runtime need to know about a module's
/// struct and array types: kinds, layouts and supertype depths.
package struct GCTypeInfo: Sendable {
    package let subtyping: Subtyping
    /// The struct layout of each type index (nil for function and array types).
    package let layouts: [GCStructLayout?]
    /// The number of declared supertypes above each type (the length of its
    /// supertype chain): the index of its own entry in a runtime type's display.
    package let depths: [UInt32]

    package init(module: WasmModule) {
        subtyping = Subtyping(module: module)
        var layouts: [GCStructLayout?] = []
        var depths: [UInt32] = []
        for index in 0..<module.types.count {
            let declaration = module.typeDeclaration(at: index)
            if case .struct(let fields) = declaration.composite { layouts.append(GCStructLayout(fields)) } else { layouts.append(nil) }
            // Supertypes precede their subtypes (validated), so their depth is known.
            if let parent = declaration.supertype, Int(parent) < depths.count {
                depths.append(depths[Int(parent)] + 1)
            } else {
                depths.append(0)
            }
        }
        self.layouts = layouts
        self.depths = depths
    }

    /// The kind of type `index`.
    package func composite(_ index: UInt32) -> CompositeType { subtyping.composite(index) }

    /// The field types of struct type `index` (empty for other types).
    package func fields(_ index: UInt32) -> [FieldType] {
        if case .struct(let fields) = composite(index) { return fields }
        return []
    }

    /// The element type of array type `index`.
    package func element(_ index: UInt32) -> FieldType {
        if case .array(let element) = composite(index) { return element }
        return FieldType(storage: .i8, isMutable: false)
    }
}
