import Testing
import WasmFrontend
@testable import WasmexSpec

/// `(either ...)` expectations, as relaxed SIMD scripts write them.
@Suite struct SpecEitherTests {
    /// An `assert_return` whose one result may be either of two f32x4 vectors, the first with
    /// canonical NaN lanes — the shape `wasm-tools json-from-wast` writes for relaxed_min_max.
    static let json = """
    {"source_filename": "t.wast", "commands": [
      {"type": "assert_return", "line": 7,
       "action": {"type": "invoke", "field": "f", "args": []},
       "expected": [{"type": "either", "values": [
         {"type": "v128", "lane_type": "f32", "value": ["nan:canonical", "nan:canonical", "0", "0"]},
         {"type": "v128", "lane_type": "i32", "value": ["1", "2", "3", "4"]}
       ]}]}
    ]}
    """

    private func decodedExpectation() throws -> SpecExpectedValue {
        let script = try SpecScript.decode(json: Array(Self.json.utf8), moduleDirectory: "/tmp", sourcePath: "t.wast")
        guard case .assertReturn(_, let expected)? = script.commands.first?.command, expected.count == 1 else {
            Issue.record("expected one assert_return with one result")
            return .either([])
        }
        return expected[0]
    }

    @Test func decodesAlternativesInOrder() throws {
        let expectation = try decodedExpectation()
        guard case .either(let alternatives) = expectation else {
            Issue.record("not an either: \(expectation)")
            return
        }
        #expect(alternatives.count == 2)
        if case .v128Lanes(let laneType, let lanes) = alternatives[0] {
            #expect(laneType == .f32)
            #expect(lanes == [.nan(.canonical), .nan(.canonical), .bits(0), .bits(0)])
        } else {
            Issue.record("first alternative should keep its NaN lanes: \(alternatives[0])")
        }
        #expect(alternatives[1] == .exact(.v128(V128(lo: 0x0000_0002_0000_0001, hi: 0x0000_0004_0000_0003))))
    }

    @Test func matchesWhenAnyAlternativeMatches() throws {
        let expectation = try decodedExpectation()
        let canonicalNaNs = V128(lo: 0xFFC0_0000_7FC0_0000, hi: 0)
        let exactSecond = V128(lo: 0x0000_0002_0000_0001, hi: 0x0000_0004_0000_0003)
        let neither = V128(lo: 0x0000_0002_0000_0001, hi: 0x0000_0004_0000_0005)
        let arithmeticNaN = V128(lo: 0x7FC0_0001_7FC0_0000, hi: 0)
        #expect(expectation.matches(.v128(canonicalNaNs)))
        #expect(expectation.matches(.v128(exactSecond)))
        #expect(!expectation.matches(.v128(neither)))
        #expect(!expectation.matches(.v128(arithmeticNaN)))
        #expect(!expectation.matches(.i32(1)))
    }

    @Test func runnerComparisonReportsTheAlternatives() {
        let expectation = SpecExpectedValue.either([.exact(.i32(1)), .exact(.i32(2))])
        #expect(SpecScriptRunner.compare([.i32(2)], [expectation]) == nil)
        let mismatch = SpecScriptRunner.compare([.i32(3)], [expectation])
        #expect(mismatch?.contains("either(i32:1 | i32:2)") == true)
    }

    @Test func rejectsAnEmptyEither() {
        let json = """
        {"commands": [{"type": "assert_return", "line": 3,
          "action": {"type": "invoke", "field": "f", "args": []},
          "expected": [{"type": "either", "values": []}]}]}
        """
        #expect(throws: SpecRunnerError.self) {
            _ = try SpecScript.decode(json: Array(json.utf8), moduleDirectory: "/tmp", sourcePath: "t.wast")
        }
    }
}
