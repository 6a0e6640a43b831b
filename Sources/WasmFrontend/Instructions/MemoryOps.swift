/// Scalar load operators (opcodes 0x28...0x35, in order).
@usableFromInline package enum LoadOp: UInt8, Hashable, Sendable, CaseIterable {
    case i32Load, i64Load, f32Load, f64Load
    case i32Load8S, i32Load8U, i32Load16S, i32Load16U
    case i64Load8S, i64Load8U, i64Load16S, i64Load16U, i64Load32S, i64Load32U

    /// The binary opcode.
    @inlinable package var opcode: UInt8 { 0x28 + rawValue }

    /// Bytes read from memory.
    @inlinable package var size: Int {
        switch self {
        case .i32Load8S, .i32Load8U, .i64Load8S, .i64Load8U: 1
        case .i32Load16S, .i32Load16U, .i64Load16S, .i64Load16U: 2
        case .i32Load, .f32Load, .i64Load32S, .i64Load32U: 4
        case .i64Load, .f64Load: 8
        }
    }

    /// log2 of `size`; the largest alignment a memarg may declare.
    @inlinable package var naturalAlignmentLog2: UInt32 { UInt32(size.trailingZeroBitCount) }

    /// The type pushed by the load.
    @inlinable package var resultType: ValueType {
        switch self {
        case .i32Load, .i32Load8S, .i32Load8U, .i32Load16S, .i32Load16U: .i32
        case .i64Load, .i64Load8S, .i64Load8U, .i64Load16S, .i64Load16U, .i64Load32S, .i64Load32U: .i64
        case .f32Load: .f32
        case .f64Load: .f64
        }
    }

    /// `true` if a narrow load sign-extends.
    @inlinable package var isSigned: Bool {
        switch self {
        case .i32Load8S, .i32Load16S, .i64Load8S, .i64Load16S, .i64Load32S: true
        default: false
        }
    }
}

/// Scalar store operators (opcodes 0x36...0x3E, in order).
@usableFromInline package enum StoreOp: UInt8, Hashable, Sendable, CaseIterable {
    case i32Store, i64Store, f32Store, f64Store, i32Store8, i32Store16, i64Store8, i64Store16, i64Store32

    /// The binary opcode.
    @inlinable package var opcode: UInt8 { 0x36 + rawValue }

    /// Bytes written to memory.
    @inlinable package var size: Int {
        switch self {
        case .i32Store8, .i64Store8: 1
        case .i32Store16, .i64Store16: 2
        case .i32Store, .f32Store, .i64Store32: 4
        case .i64Store, .f64Store: 8
        }
    }

    /// log2 of `size`; the largest alignment a memarg may declare.
    @inlinable package var naturalAlignmentLog2: UInt32 { UInt32(size.trailingZeroBitCount) }

    /// The type of the stored operand.
    @inlinable package var valueType: ValueType {
        switch self {
        case .i32Store, .i32Store8, .i32Store16: .i32
        case .i64Store, .i64Store8, .i64Store16, .i64Store32: .i64
        case .f32Store: .f32
        case .f64Store: .f64
        }
    }
}
