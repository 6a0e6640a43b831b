import Foundation
import Testing
import Wasmex

/// Blocking WASI calls end when the store's epoch deadline passes or
/// `interrupt()` is called, and the Wasm call traps "interrupted" like
/// interrupted Wasm code; the instance stays usable.
@Suite struct WASIInterruptionTests {
    static let functions = ["poll_oneoff", "fd_read", "path_open"]
    static let subscription: UInt32 = 0x1000

    /// A probe whose memory holds one monotonic clock subscription of `timeout` ns.
    static func sleeper(_ timeout: UInt64, options: WasiOptions = WasiOptions()) throws -> WASIProbe {
        let probe = try WASIProbe(functions, options: options)
        try probe.write(longs: [1, 0, 1, timeout, 0, 0], at: subscription)
        return probe
    }

    static var pollArguments: [Value] { [.i32(Int32(subscription)), .i32(0x2000), .i32(1), .i32(0x3000)] }

    /// Runs `body`, which must trap "interrupted"; returns how long it took.
    static func expectInterrupted(_ body: () throws -> Void) -> Duration {
        let start = ContinuousClock.now
        do {
            try body()
            Issue.record("the blocking call returned")
        } catch {
            #expect((error as? WasmexError)?.trap?.code == .interrupted, "\(error)")
        }
        return ContinuousClock.now - start
    }

    @Test func pollSleepingOnAClockEndsAtTheTimeout() throws {
        let probe = try Self.sleeper(60_000_000_000)
        let elapsed = Self.expectInterrupted {
            _ = try probe.instance.call("poll_oneoff", Self.pollArguments, timeout: .milliseconds(100))
        }
        #expect(elapsed >= .milliseconds(100))
        #expect(elapsed < .seconds(5))
        // The deadline is re-armed to "never": a short sleep now completes.
        try probe.write(longs: [1, 0, 1, 1_000_000, 0, 0], at: Self.subscription)
        #expect(try probe.call("poll_oneoff", UInt64(Self.subscription), 0x2000, 1, 0x3000) == .success)
        #expect(try probe.u32(0x3000) == 1)
    }

    @Test(arguments: [UInt64.max, 3_600_000_000_000])
    func interruptWakesAPollSleeping(timeout: UInt64) throws {
        let probe = try Self.sleeper(timeout)
        let handle = probe.instance.store.interruptHandle
        let interrupter = Thread {
            Thread.sleep(forTimeInterval: 0.05)
            handle.interrupt()
        }
        interrupter.start()
        let elapsed = Self.expectInterrupted { _ = try probe.instance.call("poll_oneoff", Self.pollArguments) }
        #expect(elapsed < .seconds(5))
    }

    /// `fd_read` on a FIFO that has a writer but no data blocks in the
    /// kernel; the timeout still ends it. Data written later is then read.
    @Test func blockedReadOfAHostStreamEndsAtTheTimeout() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let fifo = directory.path + "/fifo"
        try #require(mkfifo(fifo, 0o600) == 0)
        let writer = open(fifo, O_RDWR | O_CLOEXEC)  // a writer that never writes (yet)
        try #require(writer >= 0)
        defer { close(writer) }
        let probe = try WASIProbe(Self.functions, options: WasiOptions(
            preopens: [Preopen(hostPath: directory.path, guestPath: "/")]))
        let (errno, fd) = try probe.open(3, "fifo", rights: 1 << 1)  // fd_read
        try #require(errno == .success)
        try probe.write(words: [0x4000, 16], at: 0x1000)
        let arguments: [Value] = [.i32(Int32(fd)), .i32(0x1000), .i32(1), .i32(0x1100)]
        let elapsed = Self.expectInterrupted {
            _ = try probe.instance.call("fd_read", arguments, timeout: .milliseconds(100))
        }
        #expect(elapsed < .seconds(5))
        #expect(write(writer, "ok", 2) == 2)
        #expect(try probe.instance.call("fd_read", arguments, timeout: .seconds(5)) == [.i32(0)])
        #expect(try probe.u32(0x1100) == 2)
        #expect(try probe.read(0x4000, count: 2) == Array("ok".utf8))
    }

    /// The same through stdin given as a path (`WasiStdio.file`) that names
    /// a FIFO: it is a stream, not a regular file, so the read is interruptible.
    @Test func stdinFromAFIFOPathEndsAtTheTimeout() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let fifo = directory.path + "/stdin"
        try #require(mkfifo(fifo, 0o600) == 0)
        let writer = open(fifo, O_RDWR | O_CLOEXEC)
        try #require(writer >= 0)
        defer { close(writer) }
        let probe = try WASIProbe(Self.functions, options: WasiOptions(stdin: .file(fifo)))
        try probe.write(words: [0x4000, 16], at: 0x1000)
        let elapsed = Self.expectInterrupted {
            _ = try probe.instance.call("fd_read", [.i32(0), .i32(0x1000), .i32(1), .i32(0x1100)],
                                        timeout: .milliseconds(100))
        }
        #expect(elapsed < .seconds(5))
    }
}
