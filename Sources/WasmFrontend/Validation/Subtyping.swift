/// The subtype relation on value types of one module (Wasm 3.0: typed
/// references and GC). Numbers and vectors are only subtypes of themselves;
/// `(ref null? h1) <: (ref null? h2)` when nullability does not widen and
/// `h1 <: h2`. Heap types form four hierarchies (see ``HeapType``): within one,
/// every type is below its top and above its bottom; `i31`, `struct` and
/// `array` are below `eq`; a concrete struct (array) type is below `struct`
/// (`array`); and concrete types are related along declared supertypes,
/// compared canonically (iso-recursive equivalence).
package struct Subtyping: Sendable {
    /// Canonical ID of each type index.
    package let canonicalIDs: [Int]
    /// Declared supertype of each type index.
    let supertypes: [UInt32?]
    /// What each type index declares (function, struct or array type).
    package let composites: [CompositeType]

    package init(module: WasmModule) {
        canonicalIDs = module.localCanonicalTypeIDs()
        supertypes = (0..<module.types.count).map { module.typeDeclaration(at: $0).supertype }
        composites = (0..<module.types.count).map { module.typeDeclaration(at: $0).composite }
    }

    /// For modules without type information (tests, empty modules).
    package init() {
        canonicalIDs = []
        supertypes = []
        composites = []
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

    /// The composite kind of a concrete type index (`.function` when unknown).
    @inline(__always)
    package func composite(_ index: UInt32) -> CompositeType {
        Int(index) < composites.count ? composites[Int(index)] : .function
    }

    /// The top of `h`'s hierarchy: `func`, `extern`, `exn` or `any`.
    package func top(of h: HeapType) -> HeapType {
        guard case .concrete(let index) = h else { return h.top }
        return composite(index) == .function ? .func : .any
    }

    /// The bottom of `h`'s hierarchy: `nofunc`, `noextern`, `noexn` or `none`.
    package func bottom(of h: HeapType) -> HeapType {
        switch top(of: h) {
        case .func: .noFunc
        case .extern: .noExtern
        case .exn: .noExn
        default: .none
        }
    }

    package func isSubtype(_ a: HeapType, of b: HeapType) -> Bool {
        if a == b { return true }
        let topA = top(of: a)
        guard topA == top(of: b) else { return false }
        if b == topA || a == bottom(of: a) { return true }
        switch b {
        case .eq:
            switch a {
            case .i31, .struct, .array: return true
            case .concrete(let i): return composite(i) != .function
            default: return false
            }
        case .struct:
            if case .concrete(let i) = a, case .struct = composite(i) { return true }
            return false
        case .array:
            if case .concrete(let i) = a, case .array = composite(i) { return true }
            return false
        case .concrete(let target):
            var current = a
            var steps = 0
            while case .concrete(let index) = current, steps <= supertypes.count {
                if sameType(index, target) { return true }
                guard Int(index) < supertypes.count, let next = supertypes[Int(index)] else { return false }
                current = .concrete(next)
                steps += 1
            }
            return false
        default:
            return false
        }
    }

    /// Whether two type indices denote the same type.
    package func sameType(_ a: UInt32, _ b: UInt32) -> Bool {
        if a == b { return true }
        guard Int(a) < canonicalIDs.count, Int(b) < canonicalIDs.count else { return false }
        return canonicalIDs[Int(a)] == canonicalIDs[Int(b)]
    }

    /// Whether a field of type `a` may refine one of type `b` in a declared
    /// subtype: same mutability; an immutable field's storage is covariant, a
    /// mutable one's must be the same type (both directions).
    package func isSubfield(_ a: FieldType, of b: FieldType) -> Bool {
        guard a.isMutable == b.isMutable else { return false }
        switch (a.storage, b.storage) {
        case (.i8, .i8), (.i16, .i16): return true
        case (.value(let x), .value(let y)):
            return a.isMutable ? isSubtype(x, of: y) && isSubtype(y, of: x) : isSubtype(x, of: y)
        default: return false
        }
    }

    /// Whether type `sub` (declared with `parent` as its supertype) matches it
    /// structurally: the same kind; a function type with contravariant
    /// parameters and covariant results; a struct type with at least the
    /// parent's fields, each a subfield; an array type whose element is a subfield.
    package func refines(_ sub: Int, _ subSignature: FunctionType, parent: Int, _ parentSignature: FunctionType) -> Bool {
        switch (composites[sub], composites[parent]) {
        case (.function, .function):
            return parentSignature.parameters.count == subSignature.parameters.count
                && parentSignature.results.count == subSignature.results.count
                && zip(parentSignature.parameters, subSignature.parameters).allSatisfy { isSubtype($0, of: $1) }
                && zip(subSignature.results, parentSignature.results).allSatisfy { isSubtype($0, of: $1) }
        case (.struct(let fields), .struct(let parentFields)):
            return fields.count >= parentFields.count
                && zip(fields, parentFields).allSatisfy { isSubfield($0, of: $1) }
        case (.array(let element), .array(let parentElement)):
            return isSubfield(element, of: parentElement)
        default:
            return false
        }
    }
}
