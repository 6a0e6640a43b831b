import Foundation
import Testing

/// `wasmex run` end to end: the built binary running WASI C programs from
/// `Fixtures/wasi` and calling exports with `--invoke`.
@Suite(.enabled(if: SpecTestSupport.available(CLIHarness.binary != nil, otherwise: "wasmex binary not built (set WASMEX_BIN)")))
struct CLIRunTests {
    @Test func passesArgumentsAndEnvironment() throws {
        let output = try CLIHarness.run(["run", "--env", "GREETING=hello world", "--env", "EMPTY=",
                                         "Fixtures/wasi/args_env.wasm", "first", "two words", "--not-an-option", "-5"])
        #expect(output.status == 0, "stderr: \(output.stderr)")
        #expect(output.stdout == """
            arg 0: args_env.wasm
            arg 1: first
            arg 2: two words
            arg 3: --not-an-option
            arg 4: -5
            env: GREETING=hello world
            env: EMPTY=

            """)
    }

    @Test func preopensADirectory() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.file("input.txt", "make me loud")
        let output = try CLIHarness.run(["run", "--dir", directory.path + "::/data", "Fixtures/wasi/files.wasm"])
        #expect(output.status == 0, "stdout: \(output.stdout) stderr: \(output.stderr)")
        #expect(output.stdout.hasPrefix("read 12 bytes, 2 entries\nescape refused: "))
        let written = FileManager.default.contents(atPath: directory.url.appendingPathComponent("output.txt").path)
        #expect(written.map { String(decoding: $0, as: UTF8.self) } == "MAKE ME LOUD")
    }

    @Test func withoutThePreopenTheProgramFails() throws {
        let output = try CLIHarness.run(["run", "Fixtures/wasi/files.wasm"])
        #expect(output.status == 1, "the program's own exit code for a failed open")
        #expect(output.stderr.contains("open input"))
    }

    @Test func exitsWithTheProgramsExitCode() throws {
        let failing = try CLIHarness.run(["run", "-O0", "Fixtures/wasi/exit_code.wasm", "3"])
        #expect(failing.status == 3, "stderr: \(failing.stderr)")
        let succeeding = try CLIHarness.run(["run", "-O3", "Fixtures/wasi/exit_code.wasm"])
        #expect(succeeding.status == 0, "stderr: \(succeeding.stderr)")
    }

    @Test func echoesInheritedStdin() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.file("in.txt", "Hey! It compiles! Ship it!\n")
        let binary = try #require(CLIHarness.binary)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["run", "Fixtures/wasi/echo.wasm"]
        process.currentDirectoryURL = SpecTestSupport.packageRoot
        process.standardInput = try FileHandle(forReadingFrom: directory.url.appendingPathComponent("in.txt"))
        let stdout = Foundation.Pipe()
        process.standardOutput = stdout
        try process.run()
        let echoed = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(String(decoding: echoed, as: UTF8.self) == "Hey! It compiles! Ship it!\n")
    }

    @Test func invokePrintsResults() throws {
        let sum = try CLIHarness.run(["run", "--invoke", "sum", "Fixtures/wasmex/test.wasm", "50", "-8"])
        #expect(sum.status == 0, "stderr: \(sum.stderr)")
        #expect(sum.stdout == "42\n")
        let float = try CLIHarness.run(["run", "--invoke", "f64_f64", "Fixtures/wasmex/test.wasm", "-inf"])
        #expect(float.stdout == "-inf\n", "stderr: \(float.stderr)")
        let wide = try CLIHarness.run(["run", "--invoke", "i64_i64", "Fixtures/wasmex/test.wasm", "-0x10"])
        #expect(wide.stdout == "-16\n", "stderr: \(wide.stderr)")
    }

    @Test func invokeRejectsBadArguments() throws {
        let missing = try CLIHarness.run(["run", "--invoke", "sum", "Fixtures/wasmex/test.wasm", "1"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("error: sum expects 2 argument(s)"))
        let garbage = try CLIHarness.run(["run", "--invoke", "sum", "Fixtures/wasmex/test.wasm", "1", "x"])
        #expect(garbage.status == 1)
        #expect(garbage.stderr.contains("cannot parse \"x\" as i32"))
        let unknown = try CLIHarness.run(["run", "--invoke", "nope", "Fixtures/wasmex/test.wasm"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("unknown export \"nope\""))
    }

    @Test func trapPrintsItsMessageAndFails() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.file("div.wat", """
            (module (func (export "div") (param i32 i32) (result i32)
              (i32.div_s (local.get 0) (local.get 1))))
            """)
        let path = directory.url.appendingPathComponent("div.wat").path
        let trapped = try CLIHarness.run(["run", "--invoke", "div", path, "7", "0"])
        #expect(trapped.status == 134)
        #expect(trapped.stderr.contains("error: wasm trap: integer divide by zero"))
        let fine = try CLIHarness.run(["run", "--invoke", "div", path, "-7", "2"])
        #expect(fine.status == 0 && fine.stdout == "-3\n", "stderr: \(fine.stderr)")
        let noStart = try CLIHarness.run(["run", path])
        #expect(noStart.status == 1)
        #expect(noStart.stderr.contains("exports no _start"))
    }

    @Test func reportsUnreadableAndInvalidModules() throws {
        let missing = try CLIHarness.run(["run", "/nonexistent/program.wasm"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("cannot read /nonexistent/program.wasm"))
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.file("bad.wasm", "\0asm\u{1}\0\0\0\u{1}")
        let bad = try CLIHarness.run(["run", directory.url.appendingPathComponent("bad.wasm").path])
        #expect(bad.status == 1)
        #expect(bad.stderr.hasPrefix("error: "))
    }
}
