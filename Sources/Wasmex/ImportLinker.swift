import WasmFrontend

/// Resolves a module's imports against ``Imports`` with the spec's link-time
/// checks ("unknown import", "incompatible import type").
struct ImportLinker {
    var functions: [FunctionData] = []
    var tables: [TableStorage] = []
    var memories: [MemoryStorage] = []
    var globals: [GlobalStorage] = []
    var tags: [TagStorage] = []

    /// `needsGuardedMemories`: the importing code was compiled with `MemoryStrategy/guardPages`.
    /// `typeIDs`: the engine-wide ids of `module`'s types (``Module/typeIDs``).
    init(module: WasmModule, typeIDs: [UInt32], imports: Imports, store: Store,
         needsGuardedMemories: Bool = false) throws(WasmexError) {
        for entry in module.imports {
            let label = "\(entry.module).\(entry.name)"
            guard let provided = imports.lookup(module: entry.module, name: entry.name) else {
                throw WasmexError.link("unknown import \(label)")
            }
            switch (entry.descriptor, provided) {
            case (.function(let typeIndex), .function(let function)):
                guard Int(typeIndex) < typeIDs.count,
                      store.engine.types.isSubtype(function.data.record.pointee.type_id, of: typeIDs[Int(typeIndex)]) else {
                    throw Self.incompatible(label, "function signature differs")
                }
                guard function.store === store else { throw WasmexError.storeMismatch }
                functions.append(function.data)
            case (.table(let expected), .table(let table)):
                guard expected.elementType.engineWide(typeIDs) == table.type.elementType.engineWide(table.storage.typeIDs),
                      expected.addressType == table.type.addressType,
                      Self.limitsMatch(expected.limits, actualMin: UInt64(table.count), actualMax: table.type.limits.max)
                else { throw Self.incompatible(label, "table type differs") }
                guard table.store === store else { throw WasmexError.storeMismatch }
                tables.append(table.storage)
            case (.memory(let expected), .memory(let memory)):
                guard expected.addressType == memory.type.addressType else {
                    throw Self.incompatible(label, "memory address types differ")
                }
                guard Self.limitsMatch(expected.limits, actualMin: memory.pageCount, actualMax: memory.type.limits.max) else {
                    throw Self.incompatible(label, "memory limits differ")
                }
                guard memory.store === store else { throw WasmexError.storeMismatch }
                // 64-bit memories are always explicitly checked, never guarded.
                if needsGuardedMemories && expected.addressType == .i32 && !memory.storage.isGuarded {
                    throw Self.incompatible(label, "the module was compiled for guard-page memories and this memory has no guard region")
                }
                memories.append(memory.storage)
            case (.global(let expected), .global(let global)):
                let provided = global.type.valueType.engineWide(global.storage.typeIDs)
                let wanted = expected.valueType.engineWide(typeIDs)
                // Mutable globals are invariant; an immutable one may be of a subtype.
                guard expected.isMutable == global.type.isMutable,
                      provided == wanted || (!expected.isMutable && Subtyping().isSubtype(provided, of: wanted))
                else { throw Self.incompatible(label, "global type differs") }
                guard global.store === store else { throw WasmexError.storeMismatch }
                globals.append(global.storage)
            case (.tag(let typeIndex), .tag(let tag)):
                // Tags match by type identity (canonical type ids), as functions do.
                guard Int(typeIndex) < typeIDs.count, typeIDs[Int(typeIndex)] == tag.storage.raw.pointee.type_id
                else { throw Self.incompatible(label, "tag type differs") }
                guard tag.store === store else { throw WasmexError.storeMismatch }
                tags.append(tag.storage)
            default:
                throw Self.incompatible(label, "expected a \(entry.descriptor.kind), got a \(provided.kind)")
            }
        }
    }

    private static func incompatible(_ label: String, _ detail: String) -> WasmexError {
        WasmexError.link("incompatible import type for \(label): \(detail)")
    }

    /// Import subtyping of limits: at least the minimum, and within the maximum if one is required.
    static func limitsMatch(_ expected: Limits, actualMin: UInt64, actualMax: UInt64?) -> Bool {
        guard actualMin >= expected.min else { return false }
        guard let expectedMax = expected.max else { return true }
        guard let actualMax else { return false }
        return actualMax <= expectedMax
    }
}

extension ValueType {
    /// This type with each concrete heap type replaced by its engine-wide id, so
    /// types declared by different modules compare directly. `typeIDs` are the
    /// declaring module's ids; a type without them (the host's) is kept as is.
    func engineWide(_ typeIDs: [UInt32]?) -> ValueType {
        guard case .ref(let r) = self, case .concrete(let index) = r.heapType, let typeIDs else { return self }
        let id = Int(index) < typeIDs.count ? typeIDs[Int(index)] : UInt32.max
        return .ref(RefType(isNullable: r.isNullable, heapType: .concrete(id)))
    }
}
