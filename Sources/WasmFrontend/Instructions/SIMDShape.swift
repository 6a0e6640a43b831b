/// The type shape of a ``SIMDOp``.
@usableFromInline package enum SIMDShape: Hashable, Sendable {
    /// `[v128] -> [v128]`
    case unary
    /// `[v128 v128] -> [v128]`
    case binary
    /// `[v128 v128 v128] -> [v128]`
    case ternary
    /// `[v128] -> [i32]` (`any_true`, `all_true`, `bitmask`)
    case test
    /// `[v128 i32] -> [v128]`
    case shift
    /// `[t] -> [v128]`
    case splat(ValueType)
}

extension SIMDOp {
    /// The operator's type: operands popped and the one result pushed.
    package var signature: (parameters: [ValueType], result: ValueType) {
        switch shape {
        case .unary: ([.v128], .v128)
        case .binary: ([.v128, .v128], .v128)
        case .ternary: ([.v128, .v128, .v128], .v128)
        case .test: ([.v128], .i32)
        case .shift: ([.v128, .i32], .v128)
        case .splat(let t): ([t], .v128)
        }
    }
}
