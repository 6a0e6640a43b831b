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
        }
    }
}
