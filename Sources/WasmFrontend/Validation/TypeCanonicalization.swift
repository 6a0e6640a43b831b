/// Iso-recursive type equivalence (Wasm 3.0): two type indices denote the same
/// type when their recursion groups have the same structure and they sit at the
/// same position in them. A group's structure is written as a key in which a
/// reference to a type of the same group becomes its position in the group, and
/// a reference to an earlier group becomes that type's canonical ID — so equal
/// keys mean equal groups, across modules too when the IDs come from one shared
/// registry (the engine's), and within one module for validation.
package enum CanonicalHeap: Hashable, Sendable {
    case abstract(HeapType)
    /// A type of the same recursion group, by position.
    case recursive(Int)
    /// A type of an earlier group, by canonical ID.
    case canonical(Int)
}

/// A value type with concrete heap types replaced by ``CanonicalHeap``s.
package enum CanonicalValueType: Hashable, Sendable {
    case number(ValueType)
    case ref(nullable: Bool, heap: CanonicalHeap)
}

/// A struct field or array element in a key: storage (a value type, or a packed
/// `i8`/`i16` written as `.number(.i32)` with `packedBits`) and mutability.
package struct CanonicalField: Hashable, Sendable {
    package var storage: CanonicalValueType
    package var packedBits: UInt8
    package var isMutable: Bool
}

/// One member of a recursion group's key.
package struct CanonicalMember: Hashable, Sendable {
    package var parameters: [CanonicalValueType]
    package var results: [CanonicalValueType]
    package var supertype: CanonicalHeap?
    package var isFinal: Bool
    /// 0 for a function type, 1 for a struct type, 2 for an array type.
    package var kind: UInt8 = 0
    /// A struct's fields, or an array's one element.
    package var fields: [CanonicalField] = []
}

package enum TypeCanonicalization {
    /// The key of a function type standing alone (a host function's type): a
    /// concrete heap type in it cannot name a module's type, so it is kept by index.
    package static func key(of type: FunctionType) -> [CanonicalMember] {
        func map(_ t: ValueType) -> CanonicalValueType {
            guard case .ref(let r) = t else { return .number(t) }
            if case .concrete(let i) = r.heapType { return .ref(nullable: r.isNullable, heap: .canonical(-1 - Int(i))) }
            return .ref(nullable: r.isNullable, heap: .abstract(r.heapType))
        }
        return [CanonicalMember(parameters: type.parameters.map(map), results: type.results.map(map),
                                supertype: nil, isFinal: true)]
    }

    /// The canonical ID of each of `module`'s types. `intern` returns the ID of a
    /// group's first member for a key (the same ID for equal keys, consecutive IDs
    /// reserved for the group's members).
    package static func canonicalIDs(of module: WasmModule, intern: ([CanonicalMember]) -> Int) -> [Int] {
        var ids = [Int](repeating: -1, count: module.types.count)
        var index = 0
        while index < module.types.count {
            let group = module.typeDeclaration(at: index).recGroup
            let bounded = group.clamped(to: 0..<module.types.count)
            guard bounded.lowerBound == index, !bounded.isEmpty else {
                ids[index] = intern(key(of: module.types[index]))
                index += 1
                continue
            }
            func heap(_ h: HeapType) -> CanonicalHeap {
                guard case .concrete(let i) = h else { return .abstract(h) }
                let target = Int(i)
                if bounded.contains(target) { return .recursive(target - bounded.lowerBound) }
                if target < ids.count, ids[target] >= 0 { return .canonical(ids[target]) }
                return .canonical(-1 - target)  // a forward reference: invalid, reported by the validator
            }
            func map(_ t: ValueType) -> CanonicalValueType {
                guard case .ref(let r) = t else { return .number(t) }
                return .ref(nullable: r.isNullable, heap: heap(r.heapType))
            }
            func field(_ f: FieldType) -> CanonicalField {
                switch f.storage {
                case .value(let t): CanonicalField(storage: map(t), packedBits: 0, isMutable: f.isMutable)
                case .i8: CanonicalField(storage: .number(.i32), packedBits: 8, isMutable: f.isMutable)
                case .i16: CanonicalField(storage: .number(.i32), packedBits: 16, isMutable: f.isMutable)
                }
            }
            let members = bounded.map { member -> CanonicalMember in
                let declaration = module.typeDeclaration(at: member)
                let type = module.types[member]
                var key = CanonicalMember(parameters: type.parameters.map(map), results: type.results.map(map),
                                          supertype: declaration.supertype.map { heap(.concrete($0)) },
                                          isFinal: declaration.isFinal)
                switch declaration.composite {
                case .function: break
                case .struct(let fields):
                    key.kind = 1
                    key.fields = fields.map(field)
                case .array(let element):
                    key.kind = 2
                    key.fields = [field(element)]
                }
                return key
            }
            let base = intern(members)
            for (offset, member) in bounded.enumerated() { ids[member] = base + offset }
            index = bounded.upperBound
        }
        return ids
    }
}

/// Canonical IDs local to one module: what validation compares type indices by.
package struct LocalTypeRegistry {
    private var groups: [[CanonicalMember]: Int] = [:]
    private var next = 0

    package init() {}

    package mutating func intern(_ key: [CanonicalMember]) -> Int {
        if let id = groups[key] { return id }
        let id = next
        groups[key] = id
        next += key.count
        return id
    }
}

extension WasmModule {
    /// The recursion group and declared supertype of type `index` (a group of one,
    /// final, without supertype for a module built without that information).
    package func typeDeclaration(at index: Int) -> TypeDeclaration {
        index < typeDeclarations.count ? typeDeclarations[index] : TypeDeclaration(recGroup: index..<(index + 1))
    }

    /// Module-local canonical type IDs (equal IDs for equivalent types).
    package func localCanonicalTypeIDs() -> [Int] {
        var registry = LocalTypeRegistry()
        return TypeCanonicalization.canonicalIDs(of: self) { registry.intern($0) }
    }
}
