/// A constant expression: one constant instruction, or (extended constant expressions,
/// Wasm 3.0) a tree of `i32`/`i64` `add`, `sub` and `mul` over constants and `global.get`s,
/// built from the instruction sequence by the decoder.
package indirect enum ConstExpression: Hashable, Sendable {
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
    /// `lhs rhs op` (extended constant expressions); wraps around like the operator.
    case binary(ConstBinaryOperator, ConstExpression, ConstExpression)
    /// A GC operator allowed in constant expressions (`struct.new`, `struct.new_default`,
    /// `array.new`, `array.new_default`, `array.new_fixed`, `ref.i31`,
    /// `any.convert_extern`, `extern.convert_any`) applied to its operands, in push order.
    case gc(GCInstruction, [ConstExpression])
}

extension GCInstruction {
    /// How many operands this operator takes in a constant expression (`fieldCount`
    /// of its struct type for `struct.new`); nil when it is not a constant operator.
    package func constantOperandCount(fieldCount: (UInt32) -> Int) -> Int? {
        switch self {
        case .structNew(let type): fieldCount(type)
        case .structNewDefault: 0
        case .arrayNew: 2
        case .arrayNewDefault: 1
        case .arrayNewFixed(_, let count): Int(count)
        case .refI31, .anyConvertExtern, .externConvertAny: 1
        default: nil
        }
    }
}

/// The arithmetic operators allowed in constant expressions (Wasm 3.0).
package enum ConstBinaryOperator: Hashable, Sendable {
    case i32Add, i32Sub, i32Mul, i64Add, i64Sub, i64Mul

    /// The operator for a numeric instruction, if it is allowed in constant expressions.
    package init?(_ op: NumericOp) {
        switch op {
        case .i32Add: self = .i32Add
        case .i32Sub: self = .i32Sub
        case .i32Mul: self = .i32Mul
        case .i64Add: self = .i64Add
        case .i64Sub: self = .i64Sub
        case .i64Mul: self = .i64Mul
        default: return nil
        }
    }

    /// The type of both operands and of the result.
    package var type: ValueType {
        switch self {
        case .i32Add, .i32Sub, .i32Mul: .i32
        case .i64Add, .i64Sub, .i64Mul: .i64
        }
    }

    /// The spec mnemonic.
    package var name: String {
        switch self {
        case .i32Add: "i32.add"
        case .i32Sub: "i32.sub"
        case .i32Mul: "i32.mul"
        case .i64Add: "i64.add"
        case .i64Sub: "i64.sub"
        case .i64Mul: "i64.mul"
        }
    }

    /// Applies the operator to two `i32` values (wrapping).
    package func apply(_ lhs: Int32, _ rhs: Int32) -> Int32 {
        switch self {
        case .i32Add, .i64Add: lhs &+ rhs
        case .i32Sub, .i64Sub: lhs &- rhs
        case .i32Mul, .i64Mul: lhs &* rhs
        }
    }

    /// Applies the operator to two `i64` values (wrapping).
    package func apply(_ lhs: Int64, _ rhs: Int64) -> Int64 {
        switch self {
        case .i32Add, .i64Add: lhs &+ rhs
        case .i32Sub, .i64Sub: lhs &- rhs
        case .i32Mul, .i64Mul: lhs &* rhs
        }
    }
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
