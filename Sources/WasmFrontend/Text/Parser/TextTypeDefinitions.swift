/// The type section: `(type $id? subtype)` and `(rec (type $id? subtype)*)`,
/// where a subtype is `(sub final? typeidx* comptype)` or a bare composite
/// type: `(func …)`, `(struct (field …)*)` or `(array fieldtype)` (WebAssembly GC).
///
/// Pass 1 (``TextModuleParser/declare()``) names every type first and parses
/// the definitions afterwards, so a type can refer to any other by name (types
/// of a recursion group refer to each other; outside one, validation rejects
/// forward references).

/// One entry of the type section under construction.
struct TextTypeDefinition {
    /// The encoded subtype: `0x50`/`0x4F` and the supertypes when declared, then the composite type.
    var bytes: [UInt8]
    /// A function type outside any `rec`: a type use with only an inline
    /// signature refers to the first such type with that signature (as wasm-tools does).
    var matchable: Bool
}

/// A type section entry: one type, or a `rec` group of `count` types (possibly none).
struct TextTypeGroup {
    var isRec: Bool
    var count: Int
}

extension TextModuleParser {
    /// The `(type …)` or `(rec …)` field opening at the cursor, parsed and recorded.
    mutating func defineTypeField() throws(TextError) {
        try cursor.expectLeft()
        if cursor.take("rec") {
            var count = 0
            while cursor.takeOpen("type") {
                try defineType(inRec: true)
                count += 1
            }
            try cursor.expectRight()
            typeGroups.append(TextTypeGroup(isRec: true, count: count))
        } else {
            try cursor.expectAtom("type")
            try defineType(inRec: false)
            typeGroups.append(TextTypeGroup(isRec: false, count: 1))
        }
    }

    /// `$id? subtype)`, after `(type`.
    private mutating func defineType(inRec: Bool) throws(TextError) {
        _ = cursor.optionalID()
        var out = BinaryWriter()
        let isFunction: Bool
        if cursor.takeOpen("sub") {
            let isFinal = cursor.take("final")
            var supertypes: [UInt32] = []
            while cursor.atIndex { supertypes.append(try typeNames.resolve(&cursor)) }
            // `(sub final comptype)` without supertypes is the plain composite type.
            if !supertypes.isEmpty || !isFinal {
                out.byte(isFinal ? 0x4F : 0x50)
                out.u32(UInt32(supertypes.count))
                for supertype in supertypes { out.u32(supertype) }
            }
            isFunction = try compositeType(&out)
            try cursor.expectRight()
        } else {
            isFunction = try compositeType(&out)
        }
        try cursor.expectRight()
        typeDefinitions.append(TextTypeDefinition(bytes: out.bytes, matchable: isFunction && !inRec))
    }

    /// `(func …)`, `(struct …)` or `(array …)`, encoded; appends the type's
    /// signature (a placeholder for struct and array types) and its field names.
    /// Returns whether it is a function type.
    private mutating func compositeType(_ out: inout BinaryWriter) throws(TextError) -> Bool {
        let index = UInt32(types.count)
        try cursor.expectLeft()
        let at = cursor.offset
        switch try cursor.takeAtom("'func', 'struct' or 'array'") {
        case "func":
            _ = cursor.optionalID()
            let signature = try inlineSignature(namedParameters: true)
            try cursor.expectRight()
            out.append(Self.encodeFunctionType(signature.type))
            types.append(signature.type)
            return true
        case "struct":
            var fields = BinaryWriter()
            var count: UInt32 = 0
            var names: [String: UInt32] = [:]
            while cursor.takeOpen("field") {
                let idAt = cursor.offset
                if let id = cursor.optionalID() {
                    guard names[id] == nil else { throw TextError("duplicate field $\(id)", at: idAt) }
                    names[id] = count
                    try fieldType(&fields)
                    count += 1
                } else {
                    while !cursor.isRight() {
                        try fieldType(&fields)
                        count += 1
                    }
                }
                try cursor.expectRight()
            }
            try cursor.expectRight()
            out.byte(0x5F)
            out.u32(count)
            out.append(fields.bytes)
            if !names.isEmpty { fieldNames[index] = names }
            types.append(FunctionType())
            return false
        case "array":
            out.byte(0x5E)
            try fieldType(&out)
            try cursor.expectRight()
            types.append(FunctionType())
            return false
        case let other:
            throw TextError("unknown composite type '\(other)'", at: at)
        }
    }

    /// `storagetype` or `(mut storagetype)`: the storage type, then the mutability byte.
    private mutating func fieldType(_ out: inout BinaryWriter) throws(TextError) {
        if cursor.takeOpen("mut") {
            try storageType(&out)
            out.byte(1)
            try cursor.expectRight()
        } else {
            try storageType(&out)
            out.byte(0)
        }
    }

    /// A value type or a packed type: `i8` (0x78), `i16` (0x77).
    private mutating func storageType(_ out: inout BinaryWriter) throws(TextError) {
        if cursor.take("i8") {
            out.byte(0x78)
        } else if cursor.take("i16") {
            out.byte(0x77)
        } else {
            out.valueType(try valueType())
        }
    }

    /// `0x60`, the parameter types, the result types.
    static func encodeFunctionType(_ type: FunctionType) -> [UInt8] {
        var out = BinaryWriter()
        out.byte(0x60)
        out.u32(UInt32(type.parameters.count))
        for t in type.parameters { out.valueType(t) }
        out.u32(UInt32(type.results.count))
        for t in type.results { out.valueType(t) }
        return out.bytes
    }

    /// The index of the first function type outside a `rec` group whose
    /// signature is `type`; a new such type at the end of the section if there is none.
    mutating func typeIndex(_ type: FunctionType) -> UInt32 {
        if let index = types.indices.first(where: { typeDefinitions[$0].matchable && types[$0] == type }) {
            return UInt32(index)
        }
        types.append(type)
        typeDefinitions.append(TextTypeDefinition(bytes: Self.encodeFunctionType(type), matchable: true))
        typeGroups.append(TextTypeGroup(isRec: false, count: 1))
        return UInt32(types.count - 1)
    }
}
