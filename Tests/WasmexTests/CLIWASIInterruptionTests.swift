import Foundation
import Testing

/// `wasmex run --timeout` also ends a program blocked in WASI: sleeping in
/// `poll_oneoff`, reading an inherited stdin that never delivers data, or
/// writing to an inherited stdout pipe that nobody reads.
@Suite(.enabled(if: SpecTestSupport.available(CLIHarness.binary != nil, otherwise: "wasmex binary not built (set WASMEX_BIN)")))
struct CLIWASIInterruptionTests {
    /// Sleeps 60 s on the monotonic clock.
    static let sleeper = """
        (module
          (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll (param i32 i32 i32 i32) (result i32)))
          (memory (export "memory") 1)
          (func (export "_start")
            (i32.store (i32.const 16) (i32.const 1))
            (i64.store (i32.const 24) (i64.const 60000000000))
            (drop (call $poll (i32.const 0) (i32.const 64) (i32.const 1) (i32.const 128)))))
        """

    /// Reads 16 bytes from stdin.
    static let reader = """
        (module
          (import "wasi_snapshot_preview1" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
          (memory (export "memory") 1)
          (func (export "_start")
            (i32.store (i32.const 0) (i32.const 16))
            (i32.store (i32.const 4) (i32.const 16))
            (drop (call $read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 64)))))
        """

    /// Writes 1 MiB to stdout, more than an OS pipe holds, calling
    /// `fd_write` again after each short write as libc does.
    static let writer = """
        (module
          (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
          (memory (export "memory") 17)
          (func (export "_start") (local $at i32) (local $left i32)
            (local.set $at (i32.const 65536))
            (local.set $left (i32.const 1048576))
            (loop $more
              (i32.store (i32.const 0) (local.get $at))
              (i32.store (i32.const 4) (local.get $left))
              (if (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 64)) (then (return)))
              (local.set $at (i32.add (local.get $at) (i32.load (i32.const 64))))
              (local.set $left (i32.sub (local.get $left) (i32.load (i32.const 64))))
              (br_if $more (i32.gt_s (local.get $left) (i32.const 0))))))
        """

    /// Runs `wasmex run --timeout 200ms FILE` with stdin an OS pipe that
    /// stays open and empty and stdout an OS pipe nobody reads; kills it
    /// after 30 s. Returns (status, stderr, seconds).
    static func runWithEmptyStdin(_ text: String) throws -> (Int32, String, Double) {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.file("program.wat", text)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(CLIHarness.binary))
        process.arguments = ["run", "--timeout", "200ms", directory.path + "/program.wat"]
        let stdin = Foundation.Pipe()
        let stdout = Foundation.Pipe()
        let stderr = Foundation.Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        let start = Date()
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning {
            process.terminate()
            Issue.record("wasmex run was still blocked after 30 s")
        }
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(start)
        try stdin.fileHandleForWriting.close()
        let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (process.terminationStatus, message, seconds)
    }

    @Test(arguments: ["sleep", "read", "write"])
    func timeoutEndsABlockedProgram(program: String) throws {
        let text = ["sleep": Self.sleeper, "read": Self.reader, "write": Self.writer][program]!
        let (status, stderr, seconds) = try Self.runWithEmptyStdin(text)
        #expect(status == 134, "stderr: \(stderr)")
        #expect(stderr.contains("wasm trap: interrupted"), "stderr: \(stderr)")
        #expect(seconds < 20)
    }
}
