import Foundation
import Testing

/// Deep tail recursion end to end: `wasmex run` on `Fixtures/tailcalls/countdown.wasm`,
/// whose 10 million steps cycle through `return_call`, `return_call_indirect` and
/// `return_call_ref` between functions of different signatures — JIT (tiered and eager
/// O0) and an AOT object.
@Suite(.enabled(if: SpecTestSupport.available(CLIHarness.binary != nil, otherwise: "wasmex binary not built (set WASMEX_BIN)")))
struct TailCallCLITests {
    static let fixture = "Fixtures/tailcalls/countdown.wasm"
    /// n (n + 1) / 2 + 7 for n = 10,000,000.
    static let expected = "50000005000007\n"

    @Test(arguments: [["--compilation", "tiered"], ["--compilation", "eager", "-O0"], ["--compilation", "eager", "-O2"]])
    func tenMillionTailCallsRunInOneFrame(_ flags: [String]) throws {
        let output = try CLIHarness.run(["run"] + flags + ["--invoke", "countdown", Self.fixture, "10000000"])
        #expect(output.status == 0, "stderr: \(output.stderr)")
        #expect(output.stdout == Self.expected)
    }

    @Test func theTextFormGivesTheSameResult() throws {
        let output = try CLIHarness.run(["run", "--invoke", "countdown", "Fixtures/tailcalls/countdown.wat", "4"])
        #expect(output.status == 0, "stderr: \(output.stderr)")
        #expect(output.stdout == "17\n")
    }

    @Test func anAOTObjectRunsTheSameRecursion() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let object = directory.path + "/countdown.o"
        let compile = try CLIHarness.run(["compile", Self.fixture, "-o", object])
        #expect(compile.status == 0, "stderr: \(compile.stderr)")
        let output = try CLIHarness.run(["run", "--allow-precompiled", "--invoke", "countdown", object, "10000000"])
        #expect(output.status == 0, "stderr: \(output.stderr)")
        #expect(output.stdout == Self.expected)
    }
}
