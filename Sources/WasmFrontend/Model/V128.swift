/// A 128-bit vector value, stored as two little-endian 64-bit halves.
///
/// Byte `i` of the vector (lane order of `i8x16`) is byte `i % 8` of `lo` (i < 8) or `hi` (i ≥ 8).
public struct V128: Hashable, Sendable {
    /// Bytes 0...7.
    public var lo: UInt64
    /// Bytes 8...15.
    public var hi: UInt64

    public init(lo: UInt64, hi: UInt64) {
        self.lo = lo
        self.hi = hi
    }

    /// Builds a vector from up to 16 bytes (missing bytes are zero, extra bytes ignored).
    public init(bytes: [UInt8]) {
        var lo: UInt64 = 0
        var hi: UInt64 = 0
        for (i, b) in bytes.prefix(16).enumerated() {
            if i < 8 { lo |= UInt64(b) << UInt64(i * 8) } else { hi |= UInt64(b) << UInt64((i - 8) * 8) }
        }
        self.init(lo: lo, hi: hi)
    }

    /// The all-zero vector.
    public static let zero = V128(lo: 0, hi: 0)

    /// The 16 bytes in lane order.
    public var bytes: [UInt8] {
        var result = [UInt8](repeating: 0, count: 16)
        for i in 0..<8 {
            result[i] = UInt8(truncatingIfNeeded: lo >> UInt64(i * 8))
            result[i + 8] = UInt8(truncatingIfNeeded: hi >> UInt64(i * 8))
        }
        return result
    }

    /// Byte `index` (0...15); out-of-range indices read as 0.
    @inlinable
    public func byte(_ index: Int) -> UInt8 {
        guard index >= 0 && index < 16 else { return 0 }
        return index < 8
            ? UInt8(truncatingIfNeeded: lo >> UInt64(index * 8))
            : UInt8(truncatingIfNeeded: hi >> UInt64((index - 8) * 8))
    }
}
