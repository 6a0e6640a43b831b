import Foundation
import Testing
import Wasmex

/// WASI programs on the compiling engine, through the Swift API
/// (`Instance(store:module:imports:wasi:)` and `runCommand()`).
@Suite struct WASIEngineTests {
    /// One engine for all WASI tests (compiled code is per module, so sharing is safe).
    static let engine: Engine? = try? Engine()

    /// Compiles `Fixtures/<relative>` (binary or text).
    static func fixtureModule(_ relative: String) throws -> Module {
        let engine = try #require(engine, "cannot create the engine")
        let path = SpecTestSupport.fixture(relative)
        let bytes = try #require(FileManager.default.contents(atPath: path), "missing fixture \(path)")
        return try Module(engine: engine, bytes: [UInt8](bytes))
    }

    /// Runs a WASI command module and returns its exit code and stdout.
    static func runCommand(_ module: Module, _ options: WasiOptions, imports: (Store) throws -> Imports = { _ in Imports() })
        throws -> UInt32 {
        let store = Store(engine: module.engine)
        let instance = try Instance(store: store, module: module, imports: try imports(store), wasi: options)
        return try instance.runCommand()
    }

    @Test func echoCopiesStdinPipeToStdoutPipe() throws {
        let module = try Self.fixtureModule("wasi/echo.wasm")
        let stdin = WasmexWASI.Pipe()
        stdin.write("Hey! It compiles! Ship it!\n")
        stdin.seek(to: 0)
        let stdout = WasmexWASI.Pipe()
        let status = try Self.runCommand(module, WasiOptions(args: ["echo"], stdin: .pipe(stdin), stdout: .pipe(stdout)))
        #expect(status == 0)
        stdout.seek(to: 0)
        #expect(stdout.readString() == "Hey! It compiles! Ship it!\n")
    }

    @Test func printsArgumentsAndEnvironment() throws {
        let module = try Self.fixtureModule("wasi/args_env.wasm")
        let stdout = WasmexWASI.Pipe()
        let options = WasiOptions(args: ["args_env.wasm", "first", "with space"], env: [("LANG", "C"), ("EMPTY", "")],
                                  stdout: .pipe(stdout))
        #expect(try Self.runCommand(module, options) == 0)
        stdout.seek(to: 0)
        #expect(stdout.readString() == """
            arg 0: args_env.wasm
            arg 1: first
            arg 2: with space
            env: LANG=C
            env: EMPTY=

            """)
    }

    @Test func readsAndWritesFilesInAPreopen() throws {
        let module = try Self.fixtureModule("wasi/files.wasm")
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.file("input.txt", "shout this\n")
        let stdout = WasmexWASI.Pipe()
        let options = WasiOptions(args: ["files"], preopens: [Preopen(hostPath: directory.path, guestPath: "/data")],
                                  stdout: .pipe(stdout), stderr: .null)
        #expect(try Self.runCommand(module, options) == 0)
        let written = FileManager.default.contents(atPath: directory.url.appendingPathComponent("output.txt").path)
        #expect(written.map { String(decoding: $0, as: UTF8.self) } == "SHOUT THIS\n")
        stdout.seek(to: 0)
        let output = stdout.readString()
        #expect(output.hasPrefix("read 11 bytes, 2 entries\nescape refused: "), "stdout: \(output)")
    }

    @Test func missingPreopenFailsAtSetup() throws {
        let module = try Self.fixtureModule("wasi/files.wasm")
        let options = WasiOptions(preopens: [Preopen(hostPath: "/nonexistent-wasmex-dir", guestPath: "/data")])
        #expect {
            _ = try Self.runCommand(module, options)
        } throws: { error in
            guard case .invalidOperation(let message)? = error as? WasmexError else { return false }
            return message.contains("/nonexistent-wasmex-dir")
        }
    }

    @Test func nonZeroExitCodeReachesTheCaller() throws {
        let module = try Self.fixtureModule("wasi/exit_code.wasm")
        #expect(try Self.runCommand(module, WasiOptions(args: ["exit_code", "42"])) == 42)
        #expect(try Self.runCommand(module, WasiOptions(args: ["exit_code"])) == 0)
        // The raw error also carries the code, for callers not using runCommand().
        let store = Store(engine: module.engine)
        let instance = try Instance(store: store, module: module, wasi: WasiOptions(args: ["exit_code", "7"]))
        #expect {
            _ = try instance.call("_start")
        } throws: { error in
            (error as? WasmexError)?.wasiExitCode == 7
        }
    }

    /// A module calling `random_get` on 8 bytes at address 16 and returning them.
    static let randomWAT = """
        (module
          (import "wasi_snapshot_preview1" "random_get" (func $random_get (param i32 i32) (result i32)))
          (memory (export "memory") 1)
          (func (export "random") (result i64 i32)
            (local $errno i32)
            (local.set $errno (call $random_get (i32.const 16) (i32.const 8)))
            (i64.load (i32.const 16))
            (local.get $errno)))
        """

    @Test func userImportReplacesBuiltInRandomGet() throws {
        let engine = try #require(Self.engine)
        let module = try Module(engine: engine, text: Self.randomWAT)
        let store = Store(engine: engine)
        var imports = Imports()
        let type = FunctionType(parameters: [.i32, .i32], results: [.i32])
        let fours = try Function(store: store, type: type) { caller, arguments in
            guard case .i32(let address) = arguments[0], case .i32(let length) = arguments[1],
                  let memory = caller.memory else { return [.i32(28)] }
            try memory.write([UInt8](repeating: 4, count: Int(length)), at: Int(address))
            return [.i32(0)]
        }
        imports.define(module: "wasi_snapshot_preview1", name: "random_get", .function(fours))
        let instance = try Instance(store: store, module: module, imports: imports, wasi: WasiOptions())
        #expect(try instance.call("random") == [.i64(0x0404_0404_0404_0404), .i32(0)])
    }

    @Test func builtInRandomGetWritesGuestMemory() throws {
        let engine = try #require(Self.engine)
        let module = try Module(engine: engine, text: Self.randomWAT)
        let instance = try Instance(store: Store(engine: engine), module: module, wasi: WasiOptions())
        let first = try instance.call("random")
        let second = try instance.call("random")
        #expect(first.last == .i32(0) && second.last == .i32(0))
        #expect(first != second, "two 64-bit random draws should differ")
    }

    @Test func badGuestPointerIsAnErrnoNotACrash() throws {
        let engine = try #require(Self.engine)
        let wat = """
            (module
              (import "wasi_snapshot_preview1" "args_sizes_get" (func $sizes (param i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (memory 1)
              (func (export "probe") (result i32) (call $sizes (i32.const 65534) (i32.const 0)))
              (func (export "_start") (call $exit (i32.const 9)) unreachable))
            """
        let module = try Module(engine: engine, text: wat)
        let instance = try Instance(store: Store(engine: engine), module: module, wasi: WasiOptions(args: ["a"]))
        #expect(try instance.call("probe") == [.i32(21)], "EFAULT")
        #expect(try instance.runCommand() == 9, "proc_exit stops the call before unreachable")
    }

    @Test func wrongWASISignatureIsALinkError() throws {
        let engine = try #require(Self.engine)
        let wat = #"(module (import "wasi_snapshot_preview1" "fd_write" (func (param i32) (result i32))))"#
        let module = try Module(engine: engine, text: wat)
        #expect {
            _ = try Instance(store: Store(engine: engine), module: module, wasi: WasiOptions())
        } throws: { error in
            guard case .link(let message)? = error as? WasmexError else { return false }
            return message.contains("fd_write")
        }
    }

    @Test func commandWithoutStartIsAnError() throws {
        let engine = try #require(Self.engine)
        let module = try Module(engine: engine, text: "(module)")
        let instance = try Instance(store: Store(engine: engine), module: module, wasi: WasiOptions())
        #expect(throws: WasmexError.self) { try instance.runCommand() }
    }
}
