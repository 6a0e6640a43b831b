import Foundation
import Testing
import Wasmex
import WasmexWASI

/// Runs WASI command modules on Wasmex's compiling engine: compile, instantiate
/// with the environment's functions under `wasi_snapshot_preview1`, call
/// `_start`; `proc_exit` comes back as the exit code.
struct WasmexProgramRunner: WASIProgramRunner {
    let engine: Engine

    func run(wasm: [UInt8], environment: WASIEnvironment) throws -> UInt32 {
        let module = try Module(engine: engine, bytes: wasm)
        let store = Store(engine: engine)
        let instance = try Instance(store: store, module: module, wasiEnvironment: environment)
        return try instance.runCommand()
    }
}

/// The wasi-testsuite: the runner's parsing and checking (engine-neutral),
/// and all of the suite's programs on Wasmex's engine.
@Suite struct WASITestsuiteTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func defaultSpecification() throws {
        let spec = try WASITestSpec(json: nil)
        #expect(spec.args.isEmpty && spec.env.isEmpty && spec.root == nil)
        #expect(spec.exitCode == 0 && spec.stdout == nil && spec.stderr == nil)
    }

    @Test func legacySpecification() throws {
        let json = #"{"args": ["first", "the \"second\" arg"], "env": {"a": "new\nline"}, "root": "fs-tests.dir", "exit_code": 33, "stdout": "hello"}"#
        let spec = try WASITestSpec(json: Data(json.utf8))
        #expect(spec.args == ["first", "the \"second\" arg"])
        #expect(spec.env == ["a": "new\nline"])
        #expect(spec.root == "fs-tests.dir")
        #expect(spec.exitCode == 33)
        #expect(spec.stdout == "hello")
        #expect(spec.stderr == nil)
    }

    @Test func operationSpecification() throws {
        let json = #"{"operations": [{"type": "run", "args": ["x"]}, {"type": "read", "payload": "out"}, {"type": "read", "id": "stderr", "payload": "err"}, {"type": "wait", "exit_code": 2}]}"#
        let spec = try WASITestSpec(json: Data(json.utf8))
        #expect(spec.args == ["x"] && spec.stdout == "out" && spec.stderr == "err" && spec.exitCode == 2)
        let network = #"{"proposals": ["sockets"], "operations": [{"type": "run"}, {"type": "connect"}, {"type": "wait"}]}"#
        #expect(try WASITestSpec(json: Data(network.utf8)).unsupported != nil)
    }

    @Test func malformedSpecificationsAreErrors() {
        for json in [#"[]"#, #"{"args": [1]}"#, #"{"exit_code": -1}"#,
                     #"{"operations": [{"type": "wait"}]}"#, #"{"operations": [{"type": "run"}]}"#,
                     #"{"operations": [{"type": "run"}, {"type": "fly"}, {"type": "wait"}]}"#] {
            #expect(throws: (any Error).self, "\(json)") { try WASITestSpec(json: Data(json.utf8)) }
        }
    }

    /// A stand-in program: writes its arguments and one environment value to
    /// stdout through the real host functions, then exits with a code.
    struct EchoArgsRunner: WASIProgramRunner {
        let exitCode: UInt32
        func run(wasm: [UInt8], environment: WASIEnvironment) throws -> UInt32 {
            let functions = Dictionary(uniqueKeysWithValues: environment.hostFunctions().map { ($0.name, $0) })
            var memory = [UInt8](repeating: 0, count: 4096)
            return try memory.withUnsafeMutableBytes { raw in
                let guest = WASIGuestMemory(raw)
                func call(_ name: String, _ args: [UInt64]) throws -> UInt64 {
                    try functions[name]!.call(guest, args).first ?? 0
                }
                _ = try call("args_sizes_get", [0, 4])
                _ = try call("args_get", [64, 1024])
                let size = raw.load(fromByteOffset: 4, as: UInt32.self)
                // Turn the NUL separators into spaces and write the lot.
                for index in 1024..<(1024 + Int(size)) where raw[index] == 0 { raw[index] = 32 }
                raw.storeBytes(of: UInt32(1024), toByteOffset: 8, as: UInt32.self)
                raw.storeBytes(of: size, toByteOffset: 12, as: UInt32.self)
                _ = try call("fd_write", [1, 8, 1, 16])
                do {
                    _ = try call("proc_exit", [UInt64(exitCode)])
                } catch let exit as WASIExit {
                    return exit.code
                }
                return 0
            }
        }
    }

    @Test func checksExitCodeAndOutput() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let wasm = directory.url.appendingPathComponent("echo.wasm")
        try Data([0, 0x61, 0x73, 0x6d]).write(to: wasm)
        var spec = WASITestSpec()
        spec.args = ["a", "b"]
        spec.exitCode = 3
        spec.stdout = "echo.wasm a b "
        let testCase = WASITestCase(wasm: wasm, spec: spec)
        #expect(WASITestsuite.run(testCase, with: EchoArgsRunner(exitCode: 3)).passed)
        let wrongCode = WASITestsuite.run(testCase, with: EchoArgsRunner(exitCode: 4))
        #expect(!wrongCode.passed && wrongCode.failures.count == 1)
        spec.stdout = "something else"
        let wrongOutput = WASITestsuite.run(WASITestCase(wasm: wasm, spec: spec), with: EchoArgsRunner(exitCode: 3))
        #expect(wrongOutput.failures.count == 1)
    }

    /// The shared suite's test programs (empty when the suite is absent).
    static let sharedCases: [WASITestCase] = {
        let suite = WASITestsuite.sharedDirectory(packageRoot: packageRoot).appendingPathComponent("wasi-testsuite/tests")
        guard FileManager.default.fileExists(atPath: suite.path) else { return [] }
        return (try? WASITestsuite.discover(in: suite)) ?? []
    }()

    static let suiteAvailable = SpecTestSupport.available(
        !sharedCases.isEmpty, otherwise: "no wasi-testsuite under $WASMEX_SHARED (default ../shared)")

    /// Every program of the wasi-testsuite on the JIT: exit code, stdout and stderr must match.
    @Test(.enabled(if: suiteAvailable), arguments: sharedCases)
    func suiteProgramOnWasmex(_ testCase: WASITestCase) throws {
        let engine = try #require(WASIEngineTests.engine, "cannot create the engine")
        let result = WASITestsuite.run(testCase, with: WasmexProgramRunner(engine: engine))
        #expect(result.failures.isEmpty, "\(testCase.suite)/\(testCase.name): \(result.failures.joined(separator: "; "))")
        if let reason = result.skipped { print("skipped \(testCase.suite)/\(testCase.name): \(reason)") }
    }

    @Test func discoversTheSharedSuite() throws {
        let suite = WASITestsuite.sharedDirectory(packageRoot: Self.packageRoot).appendingPathComponent("wasi-testsuite/tests")
        guard FileManager.default.fileExists(atPath: suite.path) else {
            print("skipping: no wasi-testsuite at \(suite.path) (set WASMEX_SHARED)")
            return
        }
        let cases = try WASITestsuite.discover(in: suite)
        #expect(cases.count == 72)
        #expect(cases.contains { $0.name == "proc_exit-failure" && $0.spec.exitCode == 33 })
        #expect(cases.filter { $0.spec.root == "fs-tests.dir" }.count >= 40)
    }
}

extension WASITestCase: CustomTestStringConvertible {
    var testDescription: String { "\(suite)/\(name)" }
}
