/// A constant expression (Wasm 2.0: exactly one instruction followed by `end`).
package enum ConstExpression: Hashable, Sendable {
    case i32Const(Int32)
    case i64Const(Int64)
    /// IEEE-754 bits.
    case f32Const(UInt32)
    /// IEEE-754 bits.
    case f64Const(UInt64)
    case v128Const(V128)
    case refNull(ValueType)
    case refFunc(UInt32)
    case globalGet(UInt32)
}

/// A global defined by the module.
package struct Global: Hashable, Sendable {
    package var type: GlobalType
    package var initializer: ConstExpression

    package init(type: GlobalType, initializer: ConstExpression) {
        self.type = type
        self.initializer = initializer
    }
}
