/// Type-checks constant expressions (Wasm 2.0): `global.get` may only read imported,
/// immutable globals; `ref.func` must name an existing function.
struct ConstExprValidator {
    let module: WasmModule

    func check(_ expression: ConstExpression, expected: ValueType, at offset: Int) throws(WasmError) {
        let actual: ValueType
        switch expression {
        case .i32Const: actual = .i32
        case .i64Const: actual = .i64
        case .f32Const: actual = .f32
        case .f64Const: actual = .f64
        case .v128Const: actual = .v128
        case .refNull(let t): actual = t
        case .refFunc(let f):
            guard Int(f) < module.functionCount else { throw .invalid("unknown function \(f)", offset: offset) }
            actual = .funcRef
        case .globalGet(let g):
            guard Int(g) < module.importedGlobalCount else { throw .invalid("unknown global \(g)", offset: offset) }
            let type = module.importedGlobals[Int(g)]
            guard !type.isMutable else { throw .invalid("constant expression required", offset: offset) }
            actual = type.valueType
        }
        guard actual == expected else { throw .invalid("type mismatch", offset: offset) }
    }
}
