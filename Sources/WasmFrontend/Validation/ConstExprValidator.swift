/// Type-checks constant expressions (Wasm 3.0): `global.get` may read any immutable
/// global among the first `visibleGlobals` (a global's initialiser sees the imported and
/// the previously defined globals; segments see all of them); `ref.func` must name an
/// existing function; `i32`/`i64` `add`, `sub`, `mul` take operands of their own type.
/// Without `extended` (Wasm 2.0) an expression is one constant operator and `global.get`
/// reads imported globals only.
struct ConstExprValidator {
    let module: WasmModule
    var extended = true
    var subtyping = Subtyping()

    func check(_ expression: ConstExpression, expected: ValueType, at offset: Int,
               visibleGlobals: Int? = nil) throws(WasmError) {
        let visible = extended ? visibleGlobals ?? module.globalCount : module.importedGlobalCount
        let actual = try type(of: expression, at: offset, visibleGlobals: visible)
        guard subtyping.isSubtype(actual, of: expected) else { throw .invalid("type mismatch", offset: offset) }
    }

    private func type(of expression: ConstExpression, at offset: Int, visibleGlobals: Int) throws(WasmError) -> ValueType {
        switch expression {
        case .i32Const: return .i32
        case .i64Const: return .i64
        case .f32Const: return .f32
        case .f64Const: return .f64
        case .v128Const: return .v128
        case .refNull(let t):
            if case .ref(let r) = t, case .concrete(let index) = r.heapType, Int(index) >= module.types.count {
                throw .invalid("unknown type \(index)", offset: offset)
            }
            return t
        case .refFunc(let f):
            guard Int(f) < module.functionCount, let typeIndex = module.typeIndex(ofFunction: f) else {
                throw .invalid("unknown function \(f)", offset: offset)
            }
            return .ref(RefType(isNullable: false, heapType: .concrete(typeIndex)))
        case .globalGet(let g):
            guard Int(g) < visibleGlobals, let type = module.globalType(at: g) else {
                throw .invalid("unknown global \(g)", offset: offset)
            }
            guard !type.isMutable else { throw .invalid("constant expression required", offset: offset) }
            return type.valueType
        case .binary(let op, let lhs, let rhs):
            guard extended else { throw .invalid("constant expression required", offset: offset) }
            for operand in [lhs, rhs] {
                guard try self.type(of: operand, at: offset, visibleGlobals: visibleGlobals) == op.type else {
                    throw .invalid("type mismatch", offset: offset)
                }
            }
            return op.type
        case .gc(let op, let operands):
            let types = try operands.map { (e: ConstExpression) throws(WasmError) -> ValueType in
                try self.type(of: e, at: offset, visibleGlobals: visibleGlobals)
            }
            return try type(of: op, operands: types, at: offset)
        }
    }

    /// The result of a constant GC operator on operands of `types` (in push order).
    private func type(of op: GCInstruction, operands types: [ValueType], at offset: Int) throws(WasmError) -> ValueType {
        func expect(_ expected: [ValueType]) throws(WasmError) {
            guard expected.count == types.count,
                  zip(types, expected).allSatisfy({ subtyping.isSubtype($0, of: $1) })
            else { throw .invalid("type mismatch", offset: offset) }
        }
        func composite(_ x: UInt32) throws(WasmError) -> CompositeType {
            guard Int(x) < module.types.count else { throw .invalid("unknown type \(x)", offset: offset) }
            return module.typeDeclaration(at: Int(x)).composite
        }
        func element(_ x: UInt32) throws(WasmError) -> FieldType {
            guard case .array(let element) = try composite(x) else { throw .invalid("type mismatch", offset: offset) }
            return element
        }
        func created(_ x: UInt32) -> ValueType { .ref(RefType(isNullable: false, heapType: .concrete(x))) }
        switch op {
        case .structNew(let x), .structNewDefault(let x):
            guard case .struct(let fields) = try composite(x) else { throw .invalid("type mismatch", offset: offset) }
            if case .structNew = op {
                try expect(fields.map(\.storage.unpacked))
            } else if !fields.allSatisfy(\.storage.isDefaultable) {
                throw .invalid("field type is not defaultable", offset: offset)
            }
            return created(x)
        case .arrayNew(let x):
            try expect([try element(x).storage.unpacked, .i32])
            return created(x)
        case .arrayNewDefault(let x):
            guard try element(x).storage.isDefaultable else { throw .invalid("array type is not defaultable", offset: offset) }
            try expect([.i32])
            return created(x)
        case .arrayNewFixed(let x, let count):
            try expect(Array(repeating: try element(x).storage.unpacked, count: Int(count)))
            return created(x)
        case .refI31:
            try expect([.i32])
            return .ref(RefType(isNullable: false, heapType: .i31))
        case .anyConvertExtern, .externConvertAny:
            let from: HeapType = op == .anyConvertExtern ? .extern : .any
            guard types.count == 1, case .ref(let r) = types[0], subtyping.top(of: r.heapType) == from else {
                throw .invalid("type mismatch", offset: offset)
            }
            return .ref(RefType(isNullable: r.isNullable, heapType: from == .extern ? .any : .extern))
        default:
            throw .invalid("constant expression required", offset: offset)
        }
    }
}
