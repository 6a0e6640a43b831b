import Foundation
import Testing

/// `wasmex run` executes a precompiled object's machine code only when told to
/// with `--allow-precompiled`; without the flag it refuses before loading.
@Suite(.enabled(if: SpecTestSupport.available(CLIHarness.binary != nil, otherwise: "wasmex binary not built (set WASMEX_BIN)")))
struct PrecompiledCLITests {
    static let wat = """
    (module (func (export "answer") (result i32) (i32.const 42)))
    """

    /// Compiles the test module to `scratch/answer.o` and returns its path.
    private static func compiledObject(in scratch: String) throws -> String {
        try wat.write(toFile: scratch + "/answer.wat", atomically: true, encoding: .utf8)
        let compile = try CLIHarness.run(["compile", scratch + "/answer.wat", "-o", scratch + "/answer.o"])
        try #require(compile.status == 0, "stderr: \(compile.stderr)")
        return scratch + "/answer.o"
    }

    @Test func refusesAnObjectWithoutTheFlag() throws {
        let scratch = try SpecTestSupport.makeScratch()
        defer { SpecTestSupport.removeScratch(scratch) }
        let object = try Self.compiledObject(in: scratch)
        let run = try CLIHarness.run(["run", "--invoke", "answer", object])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty, "nothing may run: \(run.stdout)")
        #expect(run.stderr.contains("is a precompiled native object"))
        #expect(run.stderr.contains("--allow-precompiled"))
    }

    @Test func runsAnObjectWithTheFlag() throws {
        let scratch = try SpecTestSupport.makeScratch()
        defer { SpecTestSupport.removeScratch(scratch) }
        let object = try Self.compiledObject(in: scratch)
        let run = try CLIHarness.run(["run", "--allow-precompiled", "--invoke", "answer", object])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout == "42\n")
    }

    /// Any ELF file is refused the same way, whatever is inside: the check is
    /// the file's kind, not whether its embedded hash happens to match.
    @Test func refusesAForeignELFFileWithoutTheFlag() throws {
        let scratch = try SpecTestSupport.makeScratch()
        defer { SpecTestSupport.removeScratch(scratch) }
        let path = scratch + "/foreign.o"
        try Data([0x7F, 0x45, 0x4C, 0x46] + [UInt8](repeating: 0, count: 60)).write(to: URL(fileURLWithPath: path))
        let run = try CLIHarness.run(["run", path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("--allow-precompiled"))
    }

    @Test func wasmInputsNeedNoFlag() throws {
        let scratch = try SpecTestSupport.makeScratch()
        defer { SpecTestSupport.removeScratch(scratch) }
        try Self.wat.write(toFile: scratch + "/answer.wat", atomically: true, encoding: .utf8)
        let run = try CLIHarness.run(["run", "--invoke", "answer", scratch + "/answer.wat"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout == "42\n")
    }
}
