import Foundation
import Testing

/// Runs the built `wasmex` executable end to end.
enum CLIHarness {
    /// `$WASMEX_BIN`, else a `wasmex` next to (or above) the test bundle, else `.build/debug/wasmex`.
    static let binary: String? = {
        let files = FileManager.default
        if let explicit = ProcessInfo.processInfo.environment["WASMEX_BIN"], files.isExecutableFile(atPath: explicit) {
            return explicit
        }
        var candidates: [URL] = []
        for start in [Bundle.main.bundleURL, Bundle.main.executableURL, URL(fileURLWithPath: CommandLine.arguments[0])].compactMap({ $0 }) {
            var directory = start.deletingLastPathComponent()
            for _ in 0..<3 {
                candidates.append(directory.appendingPathComponent("wasmex"))
                directory = directory.deletingLastPathComponent()
            }
        }
        candidates.append(SpecTestSupport.packageRoot.appendingPathComponent(".build/debug/wasmex"))
        return candidates.first { files.isExecutableFile(atPath: $0.path) }?.path
    }()

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `wasmex arguments...` from the package root.
    static func run(_ arguments: [String]) throws -> Output {
        let binary = try #require(binary)
        let scratch = try SpecTestSupport.makeScratch()
        defer { SpecTestSupport.removeScratch(scratch) }
        let outPath = scratch + "/out", errPath = scratch + "/err"
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        let out = try #require(FileHandle(forWritingAtPath: outPath))
        let err = try #require(FileHandle(forWritingAtPath: errPath))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = SpecTestSupport.packageRoot
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Output(
            status: process.terminationStatus,
            stdout: String(decoding: FileManager.default.contents(atPath: outPath) ?? Data(), as: UTF8.self),
            stderr: String(decoding: FileManager.default.contents(atPath: errPath) ?? Data(), as: UTF8.self))
    }
}

@Suite(.enabled(if: SpecTestSupport.available(CLIHarness.binary != nil, otherwise: "wasmex binary not built (set WASMEX_BIN)")))
struct CLITests {
    @Test func inspectDescribesATextModule() throws {
        let output = try CLIHarness.run(["inspect", SpecTestSupport.fixture("wat/inspect-sample.wat")])
        #expect(output.status == 0, "stderr: \(output.stderr)")
        let text = output.stdout
        #expect(text.contains("imports (2):"))
        #expect(text.contains("env.log: func [i32] -> []"))
        #expect(text.contains("env.limit: global i32"))
        #expect(text.contains("exports (4):"))
        #expect(text.contains("inc: func 1"))
        #expect(text.contains("[i32] -> [i32]"))
        #expect(text.contains("memory: memory 0 1..4 pages"))
        #expect(text.contains("table: table 0 funcref 2.."))
        #expect(text.contains("counter: global 1 mut i64"))
        #expect(text.contains("1: mut i64 = i64.const 7"))
        #expect(text.contains("functions: 3 (imported 1, defined 2)"))
        #expect(text.contains("start: func 2"))
        #expect(text.contains("data segments: 1"))
        #expect(text.contains("element segments: 1"))
    }

    @Test func inspectRejectsBadInputWithExitStatusOne() throws {
        let scratch = try SpecTestSupport.makeScratch()
        defer { SpecTestSupport.removeScratch(scratch) }
        let garbage = scratch + "/garbage.wasm"
        try Data([0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0xFF]).write(to: URL(fileURLWithPath: garbage))
        let bad = try CLIHarness.run(["inspect", garbage])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("malformed"))
        let missing = try CLIHarness.run(["inspect", scratch + "/none.wasm"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("cannot read"))
    }

    @Test(.enabled(if: SpecTestSupport.available(SpecTestSupport.wasmTools != nil, otherwise: "wasm-tools not found")))
    func specPassesAFrontEndScriptAndWritesJSON() throws {
        let scratch = try SpecTestSupport.makeScratch()
        defer { SpecTestSupport.removeScratch(scratch) }
        let fixture = SpecTestSupport.fixture("spec/frontend-basics.wast")
        let output = try CLIHarness.run(["spec", fixture, "--no-engine", "--json", scratch + "/r.json"])
        #expect(output.status == 0, "stdout: \(output.stdout) stderr: \(output.stderr)")
        #expect(output.stdout.contains("frontend-basics.wast"))
        #expect(output.stdout.contains("TOTAL"))
        let json = String(decoding: FileManager.default.contents(atPath: scratch + "/r.json") ?? Data(), as: UTF8.self)
        #expect(json == "{\"files\":[{\"file\":\"\(fixture)\",\"passed\":6,\"failed\":0,\"skipped\":4}],\"passed\":6,\"failed\":0,\"skipped\":4}")
    }

    @Test(.enabled(if: SpecTestSupport.available(SpecTestSupport.wasmTools != nil, otherwise: "wasm-tools not found")))
    func specFailsOnAFailingScript() throws {
        let output = try CLIHarness.run(["spec", SpecTestSupport.fixture("spec")])
        #expect(output.status != 0)
        #expect(output.stdout.contains("deliberate-failure.wast:3: assert_invalid: module was accepted"))
        #expect(output.stdout.contains("frontend-basics.wast"))
    }

    @Test(.enabled(if: SpecTestSupport.available(SpecTestSupport.wasmTools != nil, otherwise: "wasm-tools not found")))
    func specRunsAScriptThroughAOTObjects() throws {
        let output = try CLIHarness.run(["spec", "--aot", SpecTestSupport.fixture("spec/frontend-basics.wast")])
        #expect(output.status == 0, "stdout: \(output.stdout) stderr: \(output.stderr)")
        #expect(output.stdout.contains("engine: aot"))
        #expect(output.stdout.contains("passed: 10  failed: 0  skipped: 0"))
        let combined = try CLIHarness.run(["spec", "--aot", "--no-engine", SpecTestSupport.fixture("spec/frontend-basics.wast")])
        #expect(combined.status != 0)
    }
}
