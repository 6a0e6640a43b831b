/// Value types, function type uses and block types.
extension TextModuleParser {
    /// `i32` … `externref`, the other reference shorthands, or `(ref null? heaptype)`.
    mutating func valueType() throws(TextError) -> ValueType {
        if cursor.opens("ref") {
            cursor.position += 2
            let nullable = cursor.take("null")
            let heap = try heapType()
            try cursor.expectRight()
            return .ref(RefType(isNullable: nullable, heapType: heap))
        }
        let at = cursor.offset
        switch try cursor.takeAtom("a value type") {
        case "i32": return .i32
        case "i64": return .i64
        case "f32": return .f32
        case "f64": return .f64
        case "v128": return .v128
        case let other:
            guard let heap = Self.shorthands[other] else { throw TextError("unknown value type '\(other)'", at: at) }
            return .ref(RefType(isNullable: true, heapType: heap))
        }
    }

    /// The reference type shorthands: `funcref` is `(ref null func)`, and so on.
    static let shorthands: [String: HeapType] = [
        "funcref": .func, "externref": .extern, "exnref": .exn,
        "nullfuncref": .noFunc, "nullexternref": .noExtern, "nullexnref": .noExn,
        "anyref": .any, "eqref": .eq, "i31ref": .i31, "structref": .struct, "arrayref": .array, "nullref": .none,
    ]

    /// The abstract heap types by name.
    static let abstractHeapTypes: [String: HeapType] = [
        "func": .func, "extern": .extern, "exn": .exn, "nofunc": .noFunc, "noextern": .noExtern, "noexn": .noExn,
        "any": .any, "eq": .eq, "i31": .i31, "struct": .struct, "array": .array, "none": .none,
    ]

    /// A reference type comes next: a shorthand such as `anyref`, or `(ref`.
    var atReferenceType: Bool {
        if cursor.opens("ref") { return true }
        guard let atom = cursor.atom() else { return false }
        return Self.shorthands[atom] != nil
    }

    /// An abstract heap type (`func`, `extern`, `exn`, `nofunc`, …) or a type index or name.
    mutating func heapType() throws(TextError) -> HeapType {
        if let t = cursor.token(), t.kind == .id || (t.kind == .atom && cursor.atIndex) {
            return .concrete(try typeNames.resolve(&cursor))
        }
        let at = cursor.offset
        let name = try cursor.takeAtom("a heap type")
        guard let heap = Self.abstractHeapTypes[name] else { throw TextError("unknown heap type '\(name)'", at: at) }
        return heap
    }

    /// A reference type: a shorthand (`funcref`, `anyref`, …) or `(ref null? heaptype)`.
    mutating func referenceType() throws(TextError) -> ValueType {
        .ref(try refType())
    }

    /// A reference type, as its ``RefType``.
    mutating func refType() throws(TextError) -> RefType {
        let at = cursor.offset
        guard case .ref(let type) = try valueType() else { throw TextError("expected a reference type", at: at) }
        return type
    }

    /// `(type x)? (param $id? t*)* (result t*)*`: the type index (found or
    /// added at the end of the type section) and the parameters' names.
    mutating func typeUse(namedParameters: Bool = true) throws(TextError) -> (index: UInt32, names: [String?]) {
        let at = cursor.offset
        var explicit: UInt32?
        if cursor.takeOpen("type") {
            explicit = try typeNames.resolve(&cursor)
            try cursor.expectRight()
        }
        var signature = try inlineSignature(namedParameters: namedParameters)
        if let explicit {
            // An out-of-range number is for the validator to reject ("unknown type").
            guard Int(explicit) < types.count else {
                // With an inline signature to check against, the type must exist.
                if signature.written { throw TextError("unknown type \(explicit)", at: at) }
                return (explicit, signature.names)
            }
            let type = types[Int(explicit)]
            if signature.written {
                guard type == signature.type else {
                    throw TextError("inline function type does not match the type it references", at: at)
                }
            } else {
                signature.names = Array(repeating: nil, count: type.parameters.count)
            }
            return (explicit, signature.names)
        }
        return (typeIndex(signature.type), signature.names)
    }

    /// `(param $id? t*)* (result t*)*`, and whether any was written.
    mutating func inlineSignature(namedParameters: Bool) throws(TextError) -> (type: FunctionType, names: [String?], written: Bool) {
        var parameters: [ValueType] = []
        var names: [String?] = []
        var results: [ValueType] = []
        var written = false
        while cursor.opens("param") {
            cursor.position += 2
            written = true
            let idAt = cursor.offset
            if let id = cursor.optionalID() {
                guard namedParameters else { throw TextError("unexpected parameter name $\(id)", at: idAt) }
                parameters.append(try valueType())
                names.append(id)
            } else {
                while !cursor.isRight() {
                    parameters.append(try valueType())
                    names.append(nil)
                }
            }
            try cursor.expectRight()
        }
        while cursor.takeOpen("result") {
            written = true
            while !cursor.isRight() { results.append(try valueType()) }
            try cursor.expectRight()
        }
        if cursor.opens("param") { throw cursor.error("parameters must come before results") }
        return (FunctionType(parameters: parameters, results: results), names, written)
    }

    /// A block type, encoded: empty, one result, or a type index.
    mutating func blockType(_ out: inout BinaryWriter) throws(TextError) {
        if cursor.opens("type") {
            let (index, _) = try typeUse(namedParameters: false)
            out.s64(Int64(index))
            return
        }
        let signature = try inlineSignature(namedParameters: false)
        if signature.type.parameters.isEmpty && signature.type.results.count <= 1 {
            if let result = signature.type.results.first { out.valueType(result) } else { out.byte(0x40) }
        } else {
            out.s64(Int64(typeIndex(signature.type)))
        }
    }
}
