/// The exact range of floats that `iNN.trunc_fMM_s/u` accepts without trapping.
///
/// Truncation toward zero lands in the target range exactly when
/// `min - 1 < x < max + 1`, with `min`/`max` the target's limits. The upper bound
/// `max + 1` is a power of two (2^31, 2^32, 2^63, 2^64), always exact in both float
/// types. The lower bound is `-1` for unsigned targets. For signed targets it is
/// `-2^(N-1) - 1`, exact only when the float has at least N significand bits (i32 from
/// f64); otherwise the neighbouring float below `-2^(N-1)` is further away than 1, so
/// the test becomes `x >= -2^(N-1)` instead. The eight combinations:
///
/// | op | valid iff |
/// |---|---|
/// | i32.trunc_f32_s | -2147483648 <= x < 2147483648 |
/// | i32.trunc_f64_s | -2147483649 < x < 2147483648 |
/// | i32.trunc_f32_u, i32.trunc_f64_u | -1 < x < 4294967296 |
/// | i64.trunc_f32_s, i64.trunc_f64_s | -9223372036854775808 <= x < 9223372036854775808 |
/// | i64.trunc_f32_u, i64.trunc_f64_u | -1 < x < 18446744073709551616 |
struct TruncationBounds: Sendable, Hashable {
    /// The lower limit, exact in the source float type.
    let lower: Double
    /// Whether `x == lower` is still valid (`>=`) rather than not (`>`).
    let lowerIsInclusive: Bool
    /// The exclusive upper limit, exact in the source float type.
    let upperExclusive: Double

    init(_ target: IntegerWidth, from source: FloatWidth, _ signedness: Signedness) {
        let bits = Int(target.bits)
        switch signedness {
        case .unsigned:
            lower = -1
            lowerIsInclusive = false
            upperExclusive = Self.powerOfTwo(bits)
        case .signed:
            let minimum = -Self.powerOfTwo(bits - 1)
            let significandBits = source == .f32 ? 24 : 53
            if bits <= significandBits {
                lower = minimum - 1
                lowerIsInclusive = false
            } else {
                lower = minimum
                lowerIsInclusive = true
            }
            upperExclusive = Self.powerOfTwo(bits - 1)
        }
    }

    /// 2^exponent, exactly (for 0 <= exponent <= 64).
    private static func powerOfTwo(_ exponent: Int) -> Double {
        Double(sign: .plus, exponent: exponent, significand: 1)
    }
}
