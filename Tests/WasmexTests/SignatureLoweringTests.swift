import Testing
import Wasmex

/// Floating-point and vector values past their registers travel as integers
/// (`SignatureLowering`): host functions (exit trampolines) and exported functions
/// (entry trampolines) with such signatures get every value bit for bit, signalling NaNs
/// included, through ordinary calls and tail calls, in both tiers.
struct SignatureLoweringTests {
    /// `wide` passes ten `f64`s, a `v128`, an `f32` and an `i32` to the host and returns
    /// the host's `f32 f32 f32 f64 v128` results; `tail` tail-calls the host with the same.
    static let wat = """
        (module
          (type $host (func (param f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 v128 f32 i32)
                            (result f32 f32 f32 f64 v128)))
          (import "env" "host" (func $host (type $host)))
          (func (export "wide") (type $host)
            (call $host (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4)
                        (local.get 5) (local.get 6) (local.get 7) (local.get 8) (local.get 9)
                        (local.get 10) (local.get 11) (local.get 12)))
          (func (export "tail") (type $host)
            (return_call $host (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4)
                               (local.get 5) (local.get 6) (local.get 7) (local.get 8) (local.get 9)
                               (local.get 10) (local.get 11) (local.get 12))))
        """

    static let signallingF32 = Float(bitPattern: 0x7F80_0001)
    static let signallingF64 = Double(bitPattern: 0xFFF0_0000_0000_0003)

    /// The arguments: the ninth and tenth `f64` are signalling NaNs.
    static var arguments: [Value] {
        (0..<8).map { Value.f64(Double($0)) }
            + [.f64(signallingF64), .f64(Double(bitPattern: 0x7FF0_0000_0000_0009)),
               .v128(V128(lo: 0x0102_0304_0506_0708, hi: 0x1112_1314_1516_1718)),
               .f32(Float(bitPattern: 0xFF80_0002)), .i32(-7)]
    }

    /// The bit patterns of `values` (floats compare by value, and NaN never equals itself).
    static func bits(_ values: [Value]) -> [String] {
        values.map { value in
            switch value {
            case .f32(let x): return "f32:\(String(x.bitPattern, radix: 16))"
            case .f64(let x): return "f64:\(String(x.bitPattern, radix: 16))"
            case .v128(let v): return "v128:\(String(v.lo, radix: 16)):\(String(v.hi, radix: 16))"
            default: return "\(value)"
            }
        }
    }

    @Test(arguments: [OptimizationLevel.o0, .o2])
    func hostFunctionsSeeAndReturnEveryBit(optimization: OptimizationLevel) throws {
        let engine = try Engine(Engine.Configuration(optimization: optimization))
        let store = Store(engine: engine)
        let received = Box()
        let host = HostFunction(parameters: [.f64, .f64, .f64, .f64, .f64, .f64, .f64, .f64, .f64, .f64, .v128, .f32, .i32],
                                results: [.f32, .f32, .f32, .f64, .v128]) { _, arguments in
            received.values = arguments
            guard case .i32(let n) = arguments[12] else { return [] }
            return [.f32(Self.signallingF32), .f32(-0.0), .f32(Float(bitPattern: 0x7FA0_0000 | UInt32(n & 0xFF))),
                    .f64(Self.signallingF64), .v128(V128(lo: UInt64(bitPattern: Int64(n)), hi: 0x7FF0_0000_0000_0001))]
        }
        let imports = try Imports(store: store, ["env": ["host": host]])
        let instance = try Instance(store: store, module: try Module(engine: engine, text: Self.wat), imports: imports)
        let expected = Self.bits([.f32(Self.signallingF32), .f32(-0.0), .f32(Float(bitPattern: 0x7FA0_00F9)),
                                  .f64(Self.signallingF64), .v128(V128(lo: UInt64(bitPattern: -7), hi: 0x7FF0_0000_0000_0001))])
        for export in ["wide", "tail"] {
            received.values = []
            let results = try instance.call(export, Self.arguments)
            #expect(Self.bits(results) == expected, "\(export)")
            #expect(Self.bits(received.values) == Self.bits(Self.arguments), "\(export)")
        }
    }

    final class Box: @unchecked Sendable {
        var values: [Value] = []
    }
}
