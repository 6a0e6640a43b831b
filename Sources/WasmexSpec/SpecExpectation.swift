import WasmFrontend

/// The kind of NaN a script accepts where it writes `nan:canonical` or `nan:arithmetic`.
package enum SpecNaNKind: Hashable, Sendable {
    /// Only the canonical NaN (quiet bit set, all other payload bits zero; either sign).
    case canonical
    /// Any quiet NaN (quiet bit set; any payload; either sign).
    case arithmetic

    /// Whether the single-precision `bits` are a NaN of this kind.
    package func matches(f32 bits: UInt32) -> Bool {
        let magnitude = bits & 0x7FFF_FFFF
        switch self {
        case .canonical: return magnitude == 0x7FC0_0000
        case .arithmetic: return magnitude & 0x7FC0_0000 == 0x7FC0_0000
        }
    }

    /// Whether the double-precision `bits` are a NaN of this kind.
    package func matches(f64 bits: UInt64) -> Bool {
        let magnitude = bits & 0x7FFF_FFFF_FFFF_FFFF
        switch self {
        case .canonical: return magnitude == 0x7FF8_0000_0000_0000
        case .arithmetic: return magnitude & 0x7FF8_0000_0000_0000 == 0x7FF8_0000_0000_0000
        }
    }
}

/// The lane shape a `v128` expectation is written in.
package enum SpecLaneType: String, Hashable, Sendable {
    case i8, i16, i32, i64, f32, f64

    /// Bits per lane.
    package var bitWidth: Int {
        switch self {
        case .i8: 8
        case .i16: 16
        case .i32, .f32: 32
        case .i64, .f64: 64
        }
    }

    /// Lanes per 128-bit vector.
    package var laneCount: Int { 128 / bitWidth }
}

/// One lane of an expected `v128`.
package enum SpecLaneExpectation: Hashable, Sendable {
    /// The lane's exact bits (zero-extended).
    case bits(UInt64)
    /// A NaN of the given kind (float lanes only).
    case nan(SpecNaNKind)
}

/// What `assert_return` expects of one result.
package enum SpecExpectedValue: Hashable, Sendable, CustomStringConvertible {
    /// Exactly this value (floats compared bit for bit).
    case exact(SpecValue)
    /// An `f32` NaN of the given kind.
    case f32NaN(SpecNaNKind)
    /// An `f64` NaN of the given kind.
    case f64NaN(SpecNaNKind)
    /// A `v128` given lane by lane, some lanes possibly NaN patterns.
    case v128Lanes(SpecLaneType, [SpecLaneExpectation])
    /// Any non-null function reference (`ref.func` without an index).
    case anyFuncRef
    /// Any non-null external reference.
    case anyExternRef
    /// A null reference of any type (`(ref.null)` without a heap type, written `refnull`).
    case anyNullRef
    /// Any non-null reference of a GC heap type (`(ref.any)`, `(ref.eq)`, `(ref.i31)`,
    /// `(ref.struct)`, `(ref.array)`): the kinds it admits.
    case anyGCRef(Set<SpecGCKind>)
    /// Any one of several alternatives (`(either ...)`, used where relaxed SIMD allows
    /// implementation-defined results). Matches when at least one alternative matches.
    case either([SpecExpectedValue])

    /// Whether `actual` satisfies this expectation.
    package func matches(_ actual: SpecValue) -> Bool {
        switch (self, actual) {
        case (.exact(let expected), _):
            return expected == actual
        case (.f32NaN(let kind), .f32(let bits)):
            return kind.matches(f32: bits)
        case (.f64NaN(let kind), .f64(let bits)):
            return kind.matches(f64: bits)
        case (.v128Lanes(let laneType, let lanes), .v128(let vector)):
            return Self.lanes(of: vector, as: laneType, match: lanes)
        case (.anyFuncRef, .funcRef(let id)):
            return id != nil
        case (.anyExternRef, .externRef(let id)):
            return id != nil
        case (.anyNullRef, .funcRef(nil)), (.anyNullRef, .externRef(nil)), (.anyNullRef, .anyRef(nil)),
             (.anyNullRef, .nullExnRef):
            return true
        case (.anyGCRef(let kinds), .anyRef(let reference?)):
            return kinds.contains(SpecGCKind(reference))
        case (.either(let alternatives), _):
            return alternatives.contains { $0.matches(actual) }
        default:
            return false
        }
    }

    private static func lanes(of vector: V128, as laneType: SpecLaneType, match lanes: [SpecLaneExpectation]) -> Bool {
        guard lanes.count == laneType.laneCount else { return false }
        let width = laneType.bitWidth
        for (index, lane) in lanes.enumerated() {
            let actual = laneBits(vector, index: index, bitWidth: width)
            switch lane {
            case .bits(let expected):
                if actual != expected { return false }
            case .nan(let kind):
                switch laneType {
                case .f32: if !kind.matches(f32: UInt32(truncatingIfNeeded: actual)) { return false }
                case .f64: if !kind.matches(f64: actual) { return false }
                default: return false
                }
            }
        }
        return true
    }

    /// Lane `index` of `vector` viewed as lanes of `bitWidth` bits, zero-extended.
    static func laneBits(_ vector: V128, index: Int, bitWidth: Int) -> UInt64 {
        let bitOffset = index * bitWidth
        let word = bitOffset < 64 ? vector.lo : vector.hi
        let shift = UInt64(bitOffset % 64)
        let mask: UInt64 = bitWidth == 64 ? .max : (1 << UInt64(bitWidth)) - 1
        return (word >> shift) & mask
    }

    package var description: String {
        switch self {
        case .exact(let value): value.description
        case .f32NaN(let kind): "f32:nan:\(kind == .canonical ? "canonical" : "arithmetic")"
        case .f64NaN(let kind): "f64:nan:\(kind == .canonical ? "canonical" : "arithmetic")"
        case .v128Lanes(let type, let lanes):
            "v128:\(type.rawValue)x\(type.laneCount)[" + lanes.map { lane in
                switch lane {
                case .bits(let b): String(b)
                case .nan(let k): k == .canonical ? "nan:canonical" : "nan:arithmetic"
                }
            }.joined(separator: " ") + "]"
        case .anyFuncRef: "ref.func"
        case .anyExternRef: "ref.extern"
        case .anyNullRef: "ref.null"
        case .anyGCRef(let kinds): "ref." + (kinds.count > 3 ? "any" : kinds.count == 3 ? "eq" : kinds.first!.rawValue)
        case .either(let alternatives):
            "either(" + alternatives.map(\.description).joined(separator: " | ") + ")"
        }
    }
}

/// The kinds of non-null `anyref` values an expectation can name.
package enum SpecGCKind: String, Hashable, Sendable {
    case host, i31, `struct`, array

    init(_ reference: SpecAnyRef) {
        switch reference {
        case .host: self = .host
        case .i31: self = .i31
        case .struct: self = .struct
        case .array: self = .array
        }
    }

    /// The kinds a heap type admits (`any`: all; `eq`: all but host values).
    static func admitted(by type: String) -> Set<SpecGCKind>? {
        switch type {
        case "anyref": [.host, .i31, .struct, .array]
        case "eqref": [.i31, .struct, .array]
        case "i31ref": [.i31]
        case "structref": [.struct]
        case "arrayref": [.array]
        default: nil
        }
    }
}
