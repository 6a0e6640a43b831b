import Foundation
import Testing

/// `wasmex run --fuel` and `--timeout` end a runaway program with the trap's message.
@Suite(.enabled(if: SpecTestSupport.available(CLIHarness.binary != nil, otherwise: "wasmex binary not built (set WASMEX_BIN)")))
struct ControlCLITests {
    @Test func fuelRunsOut() throws {
        let output = try CLIHarness.run(["run", "--fuel", "10000", "--invoke", "endless_loop", "Fixtures/wasmex/test.wasm"])
        #expect(output.status != 0)
        #expect(output.stderr.contains("all fuel consumed"), "stderr: \(output.stderr)")
    }

    @Test func enoughFuelRunsToTheEnd() throws {
        let output = try CLIHarness.run(["run", "--fuel", "10000", "--invoke", "sum", "Fixtures/wasmex/test.wasm", "40", "2"])
        #expect(output.status == 0, "stderr: \(output.stderr)")
        #expect(output.stdout == "42\n")
    }

    @Test func timeoutInterrupts() throws {
        let start = ContinuousClock.now
        let output = try CLIHarness.run(["run", "--timeout", "250ms", "--invoke", "endless_loop", "Fixtures/wasmex/test.wasm"])
        #expect(ContinuousClock.now - start < .seconds(20))
        #expect(output.status != 0)
        #expect(output.stderr.contains("interrupted"), "stderr: \(output.stderr)")
    }

    @Test func badTimeoutIsRejected() throws {
        let output = try CLIHarness.run(["run", "--timeout", "soon", "--invoke", "sum", "Fixtures/wasmex/test.wasm", "1", "2"])
        #expect(output.status != 0)
        #expect(output.stderr.contains("--timeout"), "stderr: \(output.stderr)")
    }
}
