import Foundation
import Testing

/// WebAssembly GC through the CLI: `Fixtures/gc/binary_trees.wat` (every tree
/// node a struct on the GC heap) under `wasmex run` with the JIT and from an
/// AOT object, and `wasmex inspect` listing struct and array types.
@Suite struct GCCLITests {
    /// run(10)'s node count (Wasmtime gives the same).
    static let nodes = "135854\n"

    @Test(arguments: [["--compilation", "tiered"], ["--compilation", "eager", "-O0"], ["--compilation", "eager", "-O2"]])
    func binaryTreesRunUnderTheJIT(_ flags: [String]) throws {
        let run = try CLIHarness.run(["run"] + flags + ["--invoke", "run", "Fixtures/gc/binary_trees.wasm", "10"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout == Self.nodes)
    }

    @Test func binaryTreesRunFromAnAOTObject() throws {
        let scratch = try SpecTestSupport.makeScratch()
        defer { SpecTestSupport.removeScratch(scratch) }
        let compile = try CLIHarness.run(["compile", "Fixtures/gc/binary_trees.wat", "-o", scratch + "/trees.o"])
        #expect(compile.status == 0, "stderr: \(compile.stderr)")
        let run = try CLIHarness.run(["run", "--allow-precompiled", "--invoke", "run", scratch + "/trees.o", "10"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout == Self.nodes)
    }

    @Test func inspectListsStructAndArrayTypes() throws {
        let inspected = try CLIHarness.run(["inspect", "Fixtures/gc/objects.wasm"])
        #expect(inspected.status == 0)
        #expect(inspected.stdout.contains("  $0: struct ((mut i32) i64)\n  $1: array (mut i8)\n"), "\(inspected.stdout)")
    }
}
