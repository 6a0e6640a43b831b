/// The subtype relation on value types of one module (typed function references;
/// declared supertypes of function types). Numbers and vectors are only subtypes
/// of themselves; `(ref null? h1) <: (ref null? h2)` when nullability does not
/// widen and `h1 <: h2`: equal (canonically, for type indices), the top of the
/// hierarchy (`func`, `extern`, `exn`), from its bottom (`nofunc`, …), or along
/// declared supertypes.
package struct Subtyping: Sendable {
    /// Canonical ID of each type index.
    package let canonicalIDs: [Int]
    /// Declared supertype of each type index.
    let supertypes: [UInt32?]

    package init(module: WasmModule) {
        canonicalIDs = module.localCanonicalTypeIDs()
        supertypes = (0..<module.types.count).map { module.typeDeclaration(at: $0).supertype }
    }

    /// For modules without type information (tests, empty modules).
    package init() {
        canonicalIDs = []
        supertypes = []
    }

    @inline(__always)
    package func isSubtype(_ a: ValueType, of b: ValueType) -> Bool {
        if a == b { return true }
        guard case .ref(let ra) = a, case .ref(let rb) = b else { return false }
        return isSubtype(ra, of: rb)
    }

    package func isSubtype(_ a: RefType, of b: RefType) -> Bool {
        if a.isNullable && !b.isNullable { return false }
        return isSubtype(a.heapType, of: b.heapType)
    }

    package func isSubtype(_ a: HeapType, of b: HeapType) -> Bool {
        if a == b { return true }
        guard a.top == b.top else { return false }
        if b == b.top || a == a.bottom { return true }
        guard case .concrete(let target) = b else { return false }
        var current = a
        var steps = 0
        while case .concrete(let index) = current, steps <= supertypes.count {
            if sameType(index, target) { return true }
            guard Int(index) < supertypes.count, let next = supertypes[Int(index)] else { return false }
            current = .concrete(next)
            steps += 1
        }
        return false
    }

    /// Whether two type indices denote the same type.
    package func sameType(_ a: UInt32, _ b: UInt32) -> Bool {
        if a == b { return true }
        guard Int(a) < canonicalIDs.count, Int(b) < canonicalIDs.count else { return false }
        return canonicalIDs[Int(a)] == canonicalIDs[Int(b)]
    }
}
