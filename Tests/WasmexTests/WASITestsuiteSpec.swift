import Foundation
import WasmexWASI

// The engine-neutral half of the wasi-testsuite runner: finding test cases,
// reading their JSON specifications (legacy and operation-based, see the
// suite's SPECIFICATION.md), preparing a scratch copy of the test's files,
// running the program through any `WASIProgramRunner`, and checking the
// exit code, stdout and stderr.

/// Runs one WASI command module with an engine: instantiate with the
/// environment's host functions, call `_start`, return the exit status
/// (0 when `_start` returns, the code of a thrown `WASIExit` otherwise).
protocol WASIProgramRunner {
    func run(wasm: [UInt8], environment: WASIEnvironment) throws -> UInt32
}

/// The expectations and setup of one test case.
struct WASITestSpec: Equatable {
    var args: [String] = []
    var env: [String: String] = [:]
    /// Directory (relative to the test's directory) preopened as `/`.
    var root: String?
    var exitCode: UInt32 = 0
    /// Expected output; nil means "not checked".
    var stdout: String?
    var stderr: String?
    /// Set when the test needs something this runner does not do (sockets, http).
    var unsupported: String?

    init() {}

    /// Parses a specification; `nil` data gives the default specification.
    init(json data: Data?) throws {
        guard let data else { return }
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw WASITestsuiteError.badSpec("top level is not an object")
        }
        if let operations = object["operations"] as? [[String: Any]] {
            try readOperations(operations, proposals: object["proposals"] as? [String] ?? [])
        } else {
            try readRun(object)
            if let code = object["exit_code"] { exitCode = try Self.code(code) }
            stdout = object["stdout"] as? String
            stderr = object["stderr"] as? String
        }
    }

    private mutating func readRun(_ object: [String: Any]) throws {
        if let args = object["args"] {
            guard let list = args as? [String] else { throw WASITestsuiteError.badSpec("args must be strings") }
            self.args = list
        }
        if let env = object["env"] {
            guard let map = env as? [String: String] else { throw WASITestsuiteError.badSpec("env must map strings") }
            self.env = map
        }
        if let root = object["root"], !(root is NSNull) {
            guard let path = root as? String else { throw WASITestsuiteError.badSpec("root must be a string") }
            self.root = path
        }
    }

    private mutating func readOperations(_ operations: [[String: Any]], proposals: [String]) throws {
        if !proposals.isEmpty { unsupported = "needs proposals \(proposals)" }
        var running = false
        var waited = false
        for operation in operations {
            switch operation["type"] as? String {
            case "run":
                guard !running else { throw WASITestsuiteError.badSpec("second run operation") }
                running = true
                try readRun(operation)
            case "wait":
                guard running else { throw WASITestsuiteError.badSpec("wait before run") }
                waited = true
                if let code = operation["exit_code"] { exitCode = try Self.code(code) }
            case "read":
                guard running else { throw WASITestsuiteError.badSpec("read before run") }
                let payload = operation["payload"] as? String ?? ""
                switch operation["id"] as? String ?? "stdout" {
                case "stdout": stdout = (stdout ?? "") + payload
                case "stderr": stderr = (stderr ?? "") + payload
                case let other: throw WASITestsuiteError.badSpec("unknown stream \(other)")
                }
            case "connect", "send", "recv":
                guard running else { throw WASITestsuiteError.badSpec("network operation before run") }
                unsupported = "network operations are not supported"
            case let other:
                throw WASITestsuiteError.badSpec("unknown operation \(other ?? "nil")")
            }
        }
        guard running, waited else { throw WASITestsuiteError.badSpec("run must be paired with wait") }
    }

    private static func code(_ value: Any) throws -> UInt32 {
        guard let number = value as? Int, let code = UInt32(exactly: number) else {
            throw WASITestsuiteError.badSpec("exit_code must be a non-negative integer")
        }
        return code
    }
}

enum WASITestsuiteError: Error, CustomStringConvertible {
    case badSpec(String)
    var description: String {
        switch self { case .badSpec(let reason): "bad test specification: \(reason)" }
    }
}

/// One `*.wasm` test program and its specification.
struct WASITestCase {
    let wasm: URL
    let spec: WASITestSpec
    var name: String { wasm.deletingPathExtension().lastPathComponent }
    var suite: String { wasm.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().lastPathComponent }
}

/// The outcome of one test case.
struct WASITestResult {
    let testCase: WASITestCase
    /// Empty when the test passed.
    let failures: [String]
    let skipped: String?
    var passed: Bool { failures.isEmpty && skipped == nil }
}

enum WASITestsuite {
    /// The shared directory: `$WASMEX_SHARED`, else `../shared` next to the package root.
    static func sharedDirectory(packageRoot: URL) -> URL {
        if let path = ProcessInfo.processInfo.environment["WASMEX_SHARED"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }

    /// Every test case under `directory` (sorted), with its specification.
    static func discover(in directory: URL) throws -> [WASITestCase] {
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else {
            return []
        }
        var cases: [WASITestCase] = []
        for case let url as URL in walker where url.pathExtension == "wasm" {
            let specURL = url.deletingPathExtension().appendingPathExtension("json")
            let data = FileManager.default.fileExists(atPath: specURL.path) ? try Data(contentsOf: specURL) : nil
            cases.append(WASITestCase(wasm: url, spec: try WASITestSpec(json: data)))
        }
        return cases.sorted { $0.wasm.path < $1.wasm.path }
    }

    /// Runs one test case in a scratch copy of its directory's files.
    static func run(_ testCase: WASITestCase, with runner: some WASIProgramRunner) -> WASITestResult {
        if let reason = testCase.spec.unsupported {
            return WASITestResult(testCase: testCase, failures: [], skipped: reason)
        }
        let spec = testCase.spec
        let files = FileManager.default
        let scratch = files.temporaryDirectory.appendingPathComponent("wasmex-wasi-\(UUID().uuidString)")
        defer { try? files.removeItem(at: scratch) }
        do {
            var preopens: [Preopen] = []
            if let root = spec.root {
                let source = testCase.wasm.deletingLastPathComponent().appendingPathComponent(root)
                try files.createDirectory(at: scratch, withIntermediateDirectories: true)
                let copy = scratch.appendingPathComponent("root")
                try files.copyItem(at: source, to: copy)
                try makeWritable(copy)
                try removeCleanupFiles(in: copy)
                preopens.append(Preopen(hostPath: copy.path, guestPath: "/"))
            }
            let stdout = WasmexWASI.Pipe()
            let stderr = WasmexWASI.Pipe()
            let options = WasiOptions(args: [testCase.wasm.lastPathComponent] + spec.args, env: spec.env,
                                      preopens: preopens, stdin: .null, stdout: .pipe(stdout), stderr: .pipe(stderr))
            let environment = try WASIEnvironment(options: options)
            defer { environment.close() }
            let code = try runner.run(wasm: Array(try Data(contentsOf: testCase.wasm)), environment: environment)
            var failures: [String] = []
            stdout.seek(to: 0)
            stderr.seek(to: 0)
            let out = stdout.readString()
            let err = stderr.readString()
            if code != spec.exitCode {
                failures.append("exit code \(code), expected \(spec.exitCode); stderr: \(err.prefix(400))")
            }
            if let expected = spec.stdout, out != expected {
                failures.append("stdout \(out.debugDescription), expected \(expected.debugDescription)")
            }
            if let expected = spec.stderr, err != expected {
                failures.append("stderr \(err.debugDescription), expected \(expected.debugDescription)")
            }
            return WASITestResult(testCase: testCase, failures: failures, skipped: nil)
        } catch {
            return WASITestResult(testCase: testCase, failures: ["error: \(error)"], skipped: nil)
        }
    }

    /// The suite's files are read-only; the programs create files in their root.
    private static func makeWritable(_ directory: URL) throws {
        let files = FileManager.default
        try files.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
        for url in allItems(in: directory) {
            let isDirectory = (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) ?? false
            try files.setAttributes([.posixPermissions: isDirectory ? 0o755 : 0o644], ofItemAtPath: url.path)
        }
    }

    private static func allItems(in directory: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isDirectoryKey]) else {
            return []
        }
        return walker.compactMap { $0 as? URL }
    }

    /// Removes leftovers (`*.cleanup`) as SPECIFICATION.md asks before a run.
    private static func removeCleanupFiles(in directory: URL) throws {
        let files = FileManager.default
        for url in allItems(in: directory) where url.pathExtension == "cleanup" {
            try files.removeItem(at: url)
        }
    }
}
