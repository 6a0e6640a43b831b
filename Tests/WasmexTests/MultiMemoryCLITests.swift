import Foundation
import Testing

/// A module with two memories end to end: `wasmex run --invoke` on
/// `Fixtures/multimemory/two_memories.wasm` (and its text form), JIT and AOT.
@Suite(.enabled(if: SpecTestSupport.available(CLIHarness.binary != nil, otherwise: "wasmex binary not built (set WASMEX_BIN)")))
struct MultiMemoryCLITests {
    static let fixture = "Fixtures/multimemory/two_memories.wasm"

    @Test(arguments: [fixture, "Fixtures/multimemory/two_memories.wat"])
    func copiesBetweenMemoriesAndSumsTheCopy(_ path: String) throws {
        let output = try CLIHarness.run(["run", "--invoke", "fill", path, "200"])
        #expect(output.status == 0, "stderr: \(output.stderr)")
        #expect(output.stdout == "20100\n")
    }

    @Test func eachMemoryHasItsOwnSizeAndMaximum() throws {
        let sizes = try CLIHarness.run(["run", "--invoke", "sizes", Self.fixture])
        #expect(sizes.stdout == "1\n2\n", "stderr: \(sizes.stderr)")
        // $output (2 pages, at most 4) grows by 2, then cannot grow by 3 more.
        #expect(try CLIHarness.run(["run", "--invoke", "grow_output", Self.fixture, "2"]).stdout == "2\n")
        #expect(try CLIHarness.run(["run", "--invoke", "grow_output", Self.fixture, "3"]).stdout == "-1\n")
    }

    @Test func readingPastTheFirstMemoryTraps() throws {
        let output = try CLIHarness.run(["run", "--invoke", "past_end", Self.fixture])
        #expect(output.status != 0)
        #expect(output.stderr.contains("out of bounds memory access"))
    }

    @Test func anAOTObjectGivesTheSameResults() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let object = directory.path + "/two_memories.o"
        let compile = try CLIHarness.run(["compile", Self.fixture, "-o", object])
        #expect(compile.status == 0, "stderr: \(compile.stderr)")
        let output = try CLIHarness.run(["run", "--allow-precompiled", "--invoke", "fill", object, "255"])
        #expect(output.stdout == "32640\n", "stderr: \(output.stderr)")
    }
}
