import Foundation
import Testing

/// `wasmex run --hotness-threshold`: hot functions optimised one by one,
/// end to end (tail calls crossing from optimised code into first-tier code
/// and back, 10 million deep), and a threshold below 1 refused clearly.
@Suite(.enabled(if: SpecTestSupport.available(CLIHarness.binary != nil, otherwise: "wasmex binary not built (set WASMEX_BIN)")))
struct HotFunctionCLITests {
    @Test(arguments: ["1", "100", "10000"])
    func deepTailRecursionThroughHotFunctions(_ threshold: String) throws {
        let output = try CLIHarness.run(["run", "--no-cache", "--hotness-threshold", threshold, "--invoke", "countdown",
                                         TailCallCLITests.fixture, "10000000"])
        #expect(output.status == 0, "stderr: \(output.stderr)")
        #expect(output.stdout == TailCallCLITests.expected)
    }

    @Test func aThresholdBelowOneIsRefused() throws {
        let output = try CLIHarness.run(["run", "--hotness-threshold", "0", "--invoke", "countdown", TailCallCLITests.fixture, "4"])
        #expect(output.status != 0)
        #expect(output.stderr.contains("--hotness-threshold must be at least 1"), "stderr: \(output.stderr)")
    }
}
