/// Value types, function type uses and block types.
extension TextModuleParser {
    /// `i32` … `externref`, or `(ref null func|extern)`.
    mutating func valueType() throws(TextError) -> ValueType {
        if cursor.opens("ref") {
            let at = cursor.offset
            cursor.position += 2
            guard cursor.take("null") else {
                throw TextError("non-nullable reference types are not supported", at: at)
            }
            let heap = try heapType()
            try cursor.expectRight()
            return heap
        }
        let at = cursor.offset
        switch try cursor.takeAtom("a value type") {
        case "i32": return .i32
        case "i64": return .i64
        case "f32": return .f32
        case "f64": return .f64
        case "v128": return .v128
        case "funcref": return .funcRef
        case "externref": return .externRef
        case "exnref": return .exnRef
        case let other: throw TextError("unknown value type '\(other)'", at: at)
        }
    }

    /// `func` or `extern` (the heap types of Wasm 2.0's references).
    mutating func heapType() throws(TextError) -> ValueType {
        let at = cursor.offset
        switch try cursor.takeAtom("a heap type") {
        case "func": return .funcRef
        case "extern": return .externRef
        case "exn": return .exnRef
        case let other: throw TextError("unknown heap type '\(other)'", at: at)
        }
    }

    /// `funcref`, `externref` or `(ref null …)`.
    mutating func referenceType() throws(TextError) -> ValueType {
        let at = cursor.offset
        let type = try valueType()
        guard type.isReference else { throw TextError("expected a reference type", at: at) }
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

    /// The index of the first type equal to `type`, appended if there is none.
    mutating func typeIndex(_ type: FunctionType) -> UInt32 {
        if let index = types.firstIndex(of: type) { return UInt32(index) }
        types.append(type)
        return UInt32(types.count - 1)
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
            out.byte(signature.type.results.first?.binaryCode ?? 0x40)
        } else {
            out.s64(Int64(typeIndex(signature.type)))
        }
    }
}
