/// Validation of the WebAssembly GC operators (`0xFB` prefix and `ref.eq`).
extension FunctionValidator {
    mutating func validate(gc instruction: GCInstruction) throws(WasmError) {
        switch instruction {
        case .structNew(let x):
            let fields = try structFields(x)
            try stacks.pop(fields.map(\.storage.unpacked))
            stacks.push(.ref(RefType(isNullable: false, heapType: .concrete(x))))
        case .structNewDefault(let x):
            let fields = try structFields(x)
            guard fields.allSatisfy({ $0.storage.isDefaultable }) else { throw invalid("field type is not defaultable") }
            stacks.push(.ref(RefType(isNullable: false, heapType: .concrete(x))))
        case .structGet(let x, let y, let ext):
            let field = try structField(x, y)
            try checkExtension(ext, field)
            try stacks.pop(.ref(RefType(isNullable: true, heapType: .concrete(x))))
            stacks.push(field.storage.unpacked)
        case .structSet(let x, let y):
            let field = try structField(x, y)
            guard field.isMutable else { throw invalid("field is immutable") }
            try stacks.pop(field.storage.unpacked)
            try stacks.pop(.ref(RefType(isNullable: true, heapType: .concrete(x))))
        case .arrayNew(let x):
            let element = try arrayElement(x)
            try stacks.pop(.i32)
            try stacks.pop(element.storage.unpacked)
            stacks.push(.ref(RefType(isNullable: false, heapType: .concrete(x))))
        case .arrayNewDefault(let x):
            let element = try arrayElement(x)
            guard element.storage.isDefaultable else { throw invalid("array type is not defaultable") }
            try stacks.pop(.i32)
            stacks.push(.ref(RefType(isNullable: false, heapType: .concrete(x))))
        case .arrayNewFixed(let x, let count):
            let element = try arrayElement(x)
            guard count <= 10_000 else { throw invalid("too many array elements (at most 10000)") }
            for _ in 0..<count { try stacks.pop(element.storage.unpacked) }
            stacks.push(.ref(RefType(isNullable: false, heapType: .concrete(x))))
        case .arrayNewData(let x, let data):
            let element = try arrayElement(x)
            guard !element.storage.unpacked.isReference else { throw invalid("array type is not numeric or vector") }
            try requireDataSegment(data)
            try stacks.pop(.i32)
            try stacks.pop(.i32)
            stacks.push(.ref(RefType(isNullable: false, heapType: .concrete(x))))
        case .arrayNewElem(let x, let elem):
            let element = try arrayElement(x)
            let segment = try requireElement(elem)
            guard stacks.subtyping.isSubtype(segment, of: element.storage.unpacked) else { throw stacks.mismatch() }
            try stacks.pop(.i32)
            try stacks.pop(.i32)
            stacks.push(.ref(RefType(isNullable: false, heapType: .concrete(x))))
        case .arrayGet(let x, let ext):
            let element = try arrayElement(x)
            try checkExtension(ext, element)
            try stacks.pop(.i32)
            try stacks.pop(.ref(RefType(isNullable: true, heapType: .concrete(x))))
            stacks.push(element.storage.unpacked)
        case .arraySet(let x):
            let element = try mutableArrayElement(x)
            try stacks.pop(element.storage.unpacked)
            try stacks.pop(.i32)
            try stacks.pop(.ref(RefType(isNullable: true, heapType: .concrete(x))))
        case .arrayLen:
            try stacks.pop(.ref(RefType(isNullable: true, heapType: .array)))
            stacks.push(.i32)
        case .arrayFill(let x):
            let element = try mutableArrayElement(x)
            try stacks.pop(.i32)
            try stacks.pop(element.storage.unpacked)
            try stacks.pop(.i32)
            try stacks.pop(.ref(RefType(isNullable: true, heapType: .concrete(x))))
        case .arrayCopy(let dst, let src):
            let d = try mutableArrayElement(dst)
            let s = try arrayElement(src)
            guard storage(s.storage, fits: d.storage) else { throw stacks.mismatch() }
            try stacks.pop(.i32)
            try stacks.pop(.i32)
            try stacks.pop(.ref(RefType(isNullable: true, heapType: .concrete(src))))
            try stacks.pop(.i32)
            try stacks.pop(.ref(RefType(isNullable: true, heapType: .concrete(dst))))
        case .arrayInitData(let x, let data):
            let element = try mutableArrayElement(x)
            guard !element.storage.unpacked.isReference else { throw invalid("array type is not numeric or vector") }
            try requireDataSegment(data)
            try popArrayInit(x)
        case .arrayInitElem(let x, let elem):
            let element = try mutableArrayElement(x)
            let segment = try requireElement(elem)
            guard stacks.subtyping.isSubtype(segment, of: element.storage.unpacked) else { throw stacks.mismatch() }
            try popArrayInit(x)
        case .refTest(let target):
            try requireKnownType(.ref(target))
            try popCastOperand(target)
            stacks.push(.i32)
        case .refCast(let target):
            try requireKnownType(.ref(target))
            try popCastOperand(target)
            stacks.push(.ref(target))
        case .brOnCast(let depth, let from, let to, let failing):
            try requireKnownType(.ref(from))
            try requireKnownType(.ref(to))
            guard stacks.subtyping.isSubtype(to, of: from) else { throw stacks.mismatch() }
            let types = try stacks.label(depth).labelTypes
            guard let last = types.last else { throw stacks.mismatch() }
            // The type of what fails the cast: `from` without what `to` admits.
            let difference = RefType(isNullable: from.isNullable && !to.isNullable, heapType: from.heapType)
            let branched = failing ? difference : to
            guard stacks.subtyping.isSubtype(.ref(branched), of: last) else { throw stacks.mismatch() }
            try stacks.pop(.ref(from))
            let rest = Array(types.dropLast())
            try stacks.pop(rest)
            stacks.push(rest)
            stacks.push(.ref(failing ? to : difference))
        case .anyConvertExtern:
            let operand = try popHierarchy(.extern)
            stacks.push(.ref(RefType(isNullable: operand?.isNullable ?? false, heapType: .any)))
        case .externConvertAny:
            let operand = try popHierarchy(.any)
            stacks.push(.ref(RefType(isNullable: operand?.isNullable ?? false, heapType: .extern)))
        case .refI31:
            try stacks.pop(.i32)
            stacks.push(.ref(RefType(isNullable: false, heapType: .i31)))
        case .i31Get:
            try stacks.pop(.ref(RefType(isNullable: true, heapType: .i31)))
            stacks.push(.i32)
        }
    }

    /// `ref.eq`: two `eqref` operands.
    mutating func validateRefEq() throws(WasmError) {
        let eq = ValueType.ref(RefType(isNullable: true, heapType: .eq))
        try stacks.pop(eq)
        try stacks.pop(eq)
        stacks.push(.i32)
    }

    private func structFields(_ x: UInt32) throws(WasmError) -> [FieldType] {
        guard Int(x) < module.types.count else { throw invalid("unknown type \(x)") }
        guard case .struct(let fields) = module.typeDeclaration(at: Int(x)).composite else {
            throw invalid("type mismatch: type \(x) is not a struct type")
        }
        return fields
    }

    private func structField(_ x: UInt32, _ y: UInt32) throws(WasmError) -> FieldType {
        let fields = try structFields(x)
        guard Int(y) < fields.count else { throw invalid("unknown field \(y)") }
        return fields[Int(y)]
    }

    private func arrayElement(_ x: UInt32) throws(WasmError) -> FieldType {
        guard Int(x) < module.types.count else { throw invalid("unknown type \(x)") }
        guard case .array(let element) = module.typeDeclaration(at: Int(x)).composite else {
            throw invalid("type mismatch: type \(x) is not an array type")
        }
        return element
    }

    private func mutableArrayElement(_ x: UInt32) throws(WasmError) -> FieldType {
        let element = try arrayElement(x)
        guard element.isMutable else { throw invalid("array is immutable") }
        return element
    }

    /// `_s`/`_u` reads are for packed fields only, plain reads for unpacked ones.
    private func checkExtension(_ ext: FieldExtension, _ field: FieldType) throws(WasmError) {
        if field.storage.isPacked && ext == .none { throw invalid("field is packed") }
        if !field.storage.isPacked && ext != .none { throw invalid("field is unpacked") }
    }

    /// Whether elements of storage `source` may be copied into storage `target`.
    private func storage(_ source: StorageType, fits target: StorageType) -> Bool {
        switch (source, target) {
        case (.i8, .i8), (.i16, .i16): true
        case (.value(let s), .value(let t)): stacks.subtyping.isSubtype(s, of: t)
        default: false
        }
    }

    private mutating func popArrayInit(_ x: UInt32) throws(WasmError) {
        try stacks.pop(.i32)
        try stacks.pop(.i32)
        try stacks.pop(.i32)
        try stacks.pop(.ref(RefType(isNullable: true, heapType: .concrete(x))))
    }

    /// A cast's operand: any reference of the target's hierarchy.
    private mutating func popCastOperand(_ target: RefType) throws(WasmError) {
        _ = try popHierarchy(stacks.subtyping.top(of: target.heapType))
    }

    /// Pops a reference of the hierarchy whose top is `top`; nil when unknown.
    private mutating func popHierarchy(_ top: HeapType) throws(WasmError) -> RefType? {
        guard let operand = try popReference() else { return nil }
        guard stacks.subtyping.top(of: operand.heapType) == top else { throw stacks.mismatch() }
        return operand
    }
}

extension StorageType {
    /// Whether a field of this type has a default value (numbers, vectors, packed
    /// integers and nullable references).
    @inlinable package var isDefaultable: Bool {
        switch self {
        case .i8, .i16: true
        case .value(let t): !t.isReference || t.isNullable
        }
    }
}
