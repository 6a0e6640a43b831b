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

    // MARK: Random signatures

    /// Random signatures, each passed through every kind of call: a direct call, `call_indirect`,
    /// `return_call`, `return_call_indirect`, another instance's export, a host function, and
    /// the entry from Swift. Each callee returns some of its own parameters (chosen per
    /// signature), so the expected results follow from the arguments; the arguments are
    /// random bit patterns, signalling NaNs among them.
    @Test(arguments: ["eager-O0", "eager-O2", "hot-at-once"])
    func randomSignaturesThroughEveryKindOfCall(mode: String) throws {
        let engine: Engine
        switch mode {
        case "eager-O0": engine = try Engine(Engine.Configuration(optimization: .o0, compilation: .eager))
        case "eager-O2": engine = try Engine(Engine.Configuration(optimization: .o2, compilation: .eager))
        default: engine = try HotFunctionTests.hotAtOnce()
        }
        var random = SplitMix64(seed: 0x5EED_5167)
        let signatures = (0..<48).map { _ in RandomSignature(&random) }
        let store = Store(engine: engine)
        let callees = try Instance(store: store, module: try Module(engine: engine, text: RandomSignature.calleeModule(signatures)))
        var host = HostImports()
        for (k, signature) in signatures.enumerated() {
            host.define("host", "f\(k)", HostFunction(parameters: signature.parameters, results: signature.results) { _, arguments in
                signature.choices.map { arguments[$0] }
            })
        }
        var imports = Imports()
        imports.define(module: "callees", exportsOf: callees)
        try imports.define(store: store, host)
        let callers = try Instance(store: store, module: try Module(engine: engine, text: RandomSignature.callerModule(signatures)),
                                   imports: imports)
        for (k, signature) in signatures.enumerated() {
            let arguments = signature.parameters.map { random.value($0) }
            let expected = Self.bits(signature.choices.map { arguments[$0] })
            for kind in RandomSignature.callKinds {
                let results = try callers.call("\(kind)\(k)", arguments)
                #expect(Self.bits(results) == expected, "\(mode) \(kind)\(k): \(signature.parameters) -> \(signature.results)")
            }
        }
    }

    /// One random Wasm function type and which parameter each result returns.
    struct RandomSignature {
        static let types: [ValueType] = [.i32, .i64, .f32, .f64, .v128]
        static let callKinds = ["direct", "indirect", "tail", "tailindirect", "import", "host", "callee"]

        var parameters: [ValueType]
        var results: [ValueType]
        var choices: [Int]

        init(_ random: inout SplitMix64) {
            // Mostly floating-point and vector parameters, up to 20, so that many land past the registers.
            var parameters: [ValueType] = []
            for _ in 0..<(1 + random.below(20)) {
                parameters.append(random.below(3) == 0 ? Self.types[random.below(2)] : Self.types[2 + random.below(3)])
            }
            var choices: [Int] = []
            for _ in 0..<random.below(7) { choices.append(random.below(parameters.count)) }
            self.parameters = parameters
            self.choices = choices
            results = choices.map { parameters[$0] }
        }

        var typeText: String {
            "(param \(parameters.map(\.text).joined(separator: " "))) (result \(results.map(\.text).joined(separator: " ")))"
        }

        var body: String { choices.map { "(local.get \($0))" }.joined(separator: " ") }

        var forwarded: String { (0..<parameters.count).map { "(local.get \($0))" }.joined(separator: " ") }

        /// `f<k>` returns the chosen parameters; all are in a table too.
        static func calleeModule(_ signatures: [RandomSignature]) -> String {
            var text = "(module\n"
            for (k, signature) in signatures.enumerated() {
                text += "  (func (export \"f\(k)\") \(signature.typeText) \(signature.body))\n"
            }
            return text + ")"
        }

        /// For each signature: a local callee `$f<k>` (also in the table at k) and one export per call kind.
        static func callerModule(_ signatures: [RandomSignature]) -> String {
            var text = "(module\n"
            for (k, signature) in signatures.enumerated() {
                text += "  (type $t\(k) (func \(signature.typeText)))\n"
                text += "  (import \"callees\" \"f\(k)\" (func $imported\(k) (type $t\(k))))\n"
                text += "  (import \"host\" \"f\(k)\" (func $host\(k) (type $t\(k))))\n"
            }
            text += "  (table \(signatures.count) funcref)\n"
            text += "  (elem (i32.const 0) func \((0..<signatures.count).map { "$f\($0)" }.joined(separator: " ")))\n"
            for (k, signature) in signatures.enumerated() {
                let args = signature.forwarded
                text += """
                      (func $f\(k) (type $t\(k)) \(signature.body))
                      (func (export "callee\(k)") (type $t\(k)) (call $f\(k) \(args)))
                      (func (export "direct\(k)") (type $t\(k)) (call $f\(k) \(args)))
                      (func (export "indirect\(k)") (type $t\(k)) (call_indirect (type $t\(k)) \(args) (i32.const \(k))))
                      (func (export "tail\(k)") (type $t\(k)) (return_call $f\(k) \(args)))
                      (func (export "tailindirect\(k)") (type $t\(k)) (return_call_indirect (type $t\(k)) \(args) (i32.const \(k))))
                      (func (export "import\(k)") (type $t\(k)) (call $imported\(k) \(args)))
                      (func (export "host\(k)") (type $t\(k)) (call $host\(k) \(args)))

                    """
            }
            return text + ")"
        }
    }
}

extension SplitMix64 {
    /// A random value of `type`; a quarter of the floats are signalling NaNs.
    mutating func value(_ type: ValueType) -> Value {
        let bits = next()
        switch type {
        case .i32: return .i32(Int32(truncatingIfNeeded: bits))
        case .i64: return .i64(Int64(bitPattern: bits))
        case .f32:
            let pattern = bits % 4 == 0 ? 0x7F80_0000 | UInt32(truncatingIfNeeded: bits >> 8) & 0x3F_FFFF | 1 : UInt32(truncatingIfNeeded: bits >> 32)
            return .f32(Float(bitPattern: pattern))
        case .f64:
            let pattern = bits % 4 == 0 ? 0xFFF0_0000_0000_0000 | (bits >> 12) & 0x7_FFFF_FFFF_FFFF | 1 : bits
            return .f64(Double(bitPattern: pattern))
        default: return .v128(V128(lo: bits, hi: next()))
        }
    }
}

extension ValueType {
    /// The type's name in the text format.
    fileprivate var text: String {
        switch self {
        case .i32: return "i32"
        case .i64: return "i64"
        case .f32: return "f32"
        case .f64: return "f64"
        case .v128: return "v128"
        default: return "funcref"
        }
    }
}

