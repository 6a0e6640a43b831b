import Foundation
import Testing
import WasmexSpec

/// Runs the WebAssembly 2.0 spec scripts (SIMD included) on the JIT.
/// `WASMEX_SPEC_FILTER` narrows the run to paths containing it; failures are printed.
@Suite("Core spec suite", .serialized)
struct CoreSpecSuiteTests {
    @Test(.enabled(if: SpecTestSupport.specSuite != nil && SpecTestSupport.wasmTools != nil))
    func allScriptsPassOnTheJIT() throws {
        guard let suite = SpecTestSupport.specSuite, let tools = SpecTestSupport.wasmTools else { return }
        let filter = ProcessInfo.processInfo.environment["WASMEX_SPEC_FILTER"]
        let files = try SpecRunner.collectScripts([suite.path], filter: filter)
        let runner = SpecRunner(tools: tools, engineProvider: try WasmexSpecEngineProvider())
        let report = runner.run(files: files) { result in
            for failure in result.failures.prefix(8) {
                print("FAIL \((result.file as NSString).lastPathComponent):\(failure.line) \(failure.command): \(failure.reason)")
            }
            for mismatch in result.messageMismatches.prefix(4) {
                print("MESSAGE \((result.file as NSString).lastPathComponent):\(mismatch.line) expected \"\(mismatch.expected)\" got \"\(mismatch.actual)\"")
            }
            if result.failed > 0 || result.skipped > 0 {
                print("FILE \((result.file as NSString).lastPathComponent): passed \(result.passed) failed \(result.failed) skipped \(result.skipped)")
            }
        }
        print("SPEC files \(files.count) passed \(report.passed) failed \(report.failed) skipped \(report.skipped) message mismatches \(report.messageMismatches)")
        #expect(report.passed > 0)
        #expect(report.failed == 0)
        #expect(report.skipped == 0)
    }
}
