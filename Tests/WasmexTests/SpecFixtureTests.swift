import Testing
import WasmexSpec

/// Runs the fixture scripts through `wasm-tools` and the front end.
@Suite(.enabled(if: SpecTestSupport.available(SpecTestSupport.wasmTools != nil, otherwise: "wasm-tools not found")))
struct SpecFixtureTests {
    private var runner: SpecRunner? {
        SpecTestSupport.wasmTools.map { SpecRunner(tools: $0, engineProvider: nil) }
    }

    @Test func basicsPassWithoutAnEngine() throws {
        let runner = try #require(runner)
        let result = runner.runFile(SpecTestSupport.fixture("spec/frontend-basics.wast"))
        #expect(result.failures == [])
        // 2 modules, 2 assert_malformed, 2 assert_invalid; 3 assert_return and 1 register need an engine.
        #expect(result.passed == 6)
        #expect(result.skipped == 4)
        #expect(result.failed == 0)
    }

    @Test func aValidModuleUnderAssertInvalidFails() throws {
        let runner = try #require(runner)
        let result = runner.runFile(SpecTestSupport.fixture("spec/deliberate-failure.wast"))
        #expect(result.passed == 1)
        #expect(result.failed == 1)
        #expect(result.failures.first?.line == 3)
        #expect(result.failures.first?.command == "assert_invalid")
    }

    @Test(.enabled(if: SpecTestSupport.available(SpecTestSupport.specSuite != nil, otherwise: "spec suite not found")))
    func forwardScriptFromTheSuite() throws {
        let runner = try #require(runner)
        let suite = try #require(SpecTestSupport.specSuite)
        let result = runner.runFile(suite.appendingPathComponent("forward.wast").path)
        #expect(result.passed == 1)
        #expect(result.skipped == 4)
        #expect(result.failed == 0)
    }
}
