import WasmFrontend

/// Building and reading `V128` test values lane by lane (lane 0 = lowest bytes).
extension V128 {
    private static func packing<T: FixedWidthInteger>(_ lanes: [T]) -> V128 {
        var bytes: [UInt8] = []
        for lane in lanes {
            for i in 0..<(T.bitWidth / 8) { bytes.append(UInt8(truncatingIfNeeded: lane >> (i * 8))) }
        }
        return V128(bytes: bytes)
    }

    private func unpacking<T: FixedWidthInteger>(_: T.Type) -> [T] {
        let all = bytes
        let size = T.bitWidth / 8
        return stride(from: 0, to: 16, by: size).map { start in
            (0..<size).reduce(T.zero) { $0 | T(truncatingIfNeeded: all[start + $1]) << ($1 * 8) }
        }
    }

    static func i8(_ lanes: Int8...) -> V128 { packing(lanes) }
    static func u8(_ lanes: UInt8...) -> V128 { packing(lanes) }
    static func i16(_ lanes: Int16...) -> V128 { packing(lanes) }
    static func u16(_ lanes: UInt16...) -> V128 { packing(lanes) }
    static func i32(_ lanes: Int32...) -> V128 { packing(lanes) }
    static func u32(_ lanes: UInt32...) -> V128 { packing(lanes) }
    static func i64(_ lanes: Int64...) -> V128 { packing(lanes) }
    static func f32(_ lanes: Float...) -> V128 { packing(lanes.map(\.bitPattern)) }
    static func f32Bits(_ lanes: UInt32...) -> V128 { packing(lanes) }
    static func f64(_ lanes: Double...) -> V128 { packing(lanes.map(\.bitPattern)) }
    static func f64Bits(_ lanes: UInt64...) -> V128 { packing(lanes) }
    /// A scalar operand (`i32`, `i64`, `f32` or `f64` bit pattern) in the low bytes.
    static func scalar(_ bits: UInt64) -> V128 { V128(lo: bits, hi: 0) }

    var i8Lanes: [Int8] { unpacking(Int8.self) }
    var u8Lanes: [UInt8] { unpacking(UInt8.self) }
    var i16Lanes: [Int16] { unpacking(Int16.self) }
    var u16Lanes: [UInt16] { unpacking(UInt16.self) }
    var i32Lanes: [Int32] { unpacking(Int32.self) }
    var u32Lanes: [UInt32] { unpacking(UInt32.self) }
    var i64Lanes: [Int64] { unpacking(Int64.self) }
    var f32Lanes: [Float] { unpacking(UInt32.self).map(Float.init(bitPattern:)) }
    var f64Lanes: [Double] { unpacking(UInt64.self).map(Double.init(bitPattern:)) }
}
