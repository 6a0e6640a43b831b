import Foundation
import Testing

/// `wasmex run` bounds its store by default (memory size, table elements,
/// instances) and lets flags change the bounds.
@Suite(.enabled(if: SpecTestSupport.available(CLIHarness.binary != nil, otherwise: "wasmex binary not built (set WASMEX_BIN)")))
struct RunLimitsCLITests {
    static let wat = """
    (module
      (table $t 1 funcref)
      (memory 1)
      (func (export "table_grow") (param i32) (result i32) (table.grow $t (ref.null func) (local.get 0)))
      (func (export "memory_grow") (param i32) (result i32) (memory.grow (local.get 0))))
    """

    /// Runs `wasmex run [flags] --invoke NAME module ARGS`.
    static func run(_ flags: [String], _ name: String, _ arguments: [String], wat: String = Self.wat) throws -> CLIHarness.Output {
        let scratch = try SpecTestSupport.makeScratch()
        defer { SpecTestSupport.removeScratch(scratch) }
        try wat.write(toFile: scratch + "/limits.wat", atomically: true, encoding: .utf8)
        return try CLIHarness.run(["run"] + flags + ["--invoke", name, scratch + "/limits.wat"] + arguments)
    }

    /// The case: without limits a table could be asked to grow to
    /// 2^32 - 1 elements. By default the grow fails the way the spec allows.
    @Test func aHugeTableGrowFailsByDefault() throws {
        let started = ContinuousClock.now
        let output = try Self.run([], "table_grow", ["2147483647"])
        #expect(output.status == 0, "stderr: \(output.stderr)")
        #expect(output.stdout == "-1\n")
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    @Test func tableElementsFlag() throws {
        let refused = try Self.run(["--max-table-elements", "5"], "table_grow", ["10"])
        #expect(refused.stdout == "-1\n", "stderr: \(refused.stderr)")
        let allowed = try Self.run(["--max-table-elements", "5"], "table_grow", ["3"])
        #expect(allowed.stdout == "1\n", "stderr: \(allowed.stderr)")
    }

    @Test func memorySizeFlag() throws {
        let refused = try Self.run(["--max-memory-size", "128K"], "memory_grow", ["2"])
        #expect(refused.stdout == "-1\n", "stderr: \(refused.stderr)")
        let allowed = try Self.run(["--max-memory-size", "128K"], "memory_grow", ["1"])
        #expect(allowed.stdout == "1\n", "stderr: \(allowed.stderr)")
        let initial = try Self.run(["--max-memory-size", "64K"], "memory_grow", ["0"],
                                   wat: "(module (memory 2) (func (export \"memory_grow\") (param i32) (result i32) (memory.grow (local.get 0))))")
        #expect(initial.status == 1)
        #expect(initial.stderr.contains("exceeds the store limit memorySize (65536 bytes)"), "stderr: \(initial.stderr)")
    }

    @Test func instancesFlag() throws {
        let output = try Self.run(["--max-instances", "0"], "memory_grow", ["0"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("exceeds the store limit instances (0)"), "stderr: \(output.stderr)")
    }

    @Test func badValuesAreRejected() throws {
        let size = try Self.run(["--max-memory-size", "lots"], "memory_grow", ["0"])
        #expect(size.status != 0)
        #expect(size.stderr.contains("--max-memory-size lots"))
        let negative = try Self.run(["--max-instances", "-1"], "memory_grow", ["0"])
        #expect(negative.status != 0)
    }
}
