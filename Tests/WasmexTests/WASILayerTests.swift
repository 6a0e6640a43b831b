import Foundation
import Testing
import WasmexWASI

/// The WASI layer driven directly through its host functions over a fake
/// linear memory (no engine involved).
@Suite struct WASILayerTests {
    @Test func providesAllOfPreview1() throws {
        let names = Set(try WASIEnvironment(options: WasiOptions()).hostFunctions().map(\.name))
        let expected: Set<String> = [
            "args_get", "args_sizes_get", "environ_get", "environ_sizes_get", "clock_res_get", "clock_time_get",
            "fd_advise", "fd_allocate", "fd_close", "fd_datasync", "fd_fdstat_get", "fd_fdstat_set_flags",
            "fd_fdstat_set_rights", "fd_filestat_get", "fd_filestat_set_size", "fd_filestat_set_times", "fd_pread",
            "fd_prestat_get", "fd_prestat_dir_name", "fd_pwrite", "fd_read", "fd_readdir", "fd_renumber", "fd_seek",
            "fd_sync", "fd_tell", "fd_write", "path_create_directory", "path_filestat_get",
            "path_filestat_set_times", "path_link", "path_open", "path_readlink", "path_remove_directory",
            "path_rename", "path_symlink", "path_unlink_file", "poll_oneoff", "proc_exit", "proc_raise",
            "sched_yield", "random_get", "sock_accept", "sock_recv", "sock_send", "sock_shutdown",
        ]
        #expect(names == expected)
    }

    @Test func argumentsAndEnvironment() throws {
        let guest = try FakeGuest(WasiOptions(args: ["prog", "a b", "ü"], env: [("B", "2"), ("A", "1")]))
        let count = guest.reserve(4), size = guest.reserve(4)
        #expect(try guest.call("args_sizes_get", UInt64(count), UInt64(size)) == .success)
        #expect(guest.u32(count) == 3)
        #expect(guest.u32(size) == 5 + 4 + 3)
        let argv = guest.reserve(12), buffer = guest.reserve(12)
        #expect(try guest.call("args_get", UInt64(argv), UInt64(buffer)) == .success)
        #expect(guest.bytes(guest.u32(argv + 4), 4) == Array("a b\0".utf8))
        #expect(guest.u32(argv + 8) == buffer + 9)

        #expect(try guest.call("environ_sizes_get", UInt64(count), UInt64(size)) == .success)
        #expect(guest.u32(count) == 2 && guest.u32(size) == 8)
        let environ = guest.reserve(8), envBuffer = guest.reserve(8)
        #expect(try guest.call("environ_get", UInt64(environ), UInt64(envBuffer)) == .success)
        #expect(guest.bytes(envBuffer, 8) == Array("B=2\0A=1\0".utf8), "insertion order is kept")
    }

    @Test func outOfBoundsPointersAreFaultsNotCrashes() throws {
        let guest = try FakeGuest(WasiOptions(args: ["x"]))
        #expect(try guest.call("args_sizes_get", 65534, 0) == .fault)
        #expect(try guest.call("args_get", 0xFFFF_FFFF, 0) == .fault)
        #expect(try guest.call("random_get", 65000, 1000) == .fault)
        #expect(try guest.call("fd_write", 1, 65532, 0x2000_0000, 0) == .fault)
        #expect(try guest.call("clock_time_get", 1, 0, 65535) == .fault)
        let iov = guest.iovec(0xFFFF_FF00, 0x1000)
        #expect(try guest.call("fd_write", 1, UInt64(iov), 1, 0) == .fault)
    }

    @Test func stdoutAndStdinPipes() throws {
        let stdin = WasmexWASI.Pipe("Hey! It compiles! Ship it!\n")
        let stdout = WasmexWASI.Pipe()
        let guest = try FakeGuest(WasiOptions(stdin: .pipe(stdin), stdout: .pipe(stdout), stderr: .null))
        let (readErrno, line) = try guest.read(0, count: 100)
        #expect(readErrno == .success)
        #expect(try guest.write(1, String(decoding: line, as: UTF8.self)) == .success)
        #expect(try guest.write(2, "discarded") == .success)
        #expect(try guest.read(0, count: 10).1.isEmpty, "end of input")
        stdout.seek(to: 0)
        #expect(stdout.readString() == "Hey! It compiles! Ship it!\n")
        #expect(stdout.size == 27)
    }

    @Test func pipeIsASeekableBuffer() {
        let pipe = WasmexWASI.Pipe()
        pipe.write("hello world")
        pipe.seek(to: 6)
        pipe.write("WASI!")
        #expect(pipe.size == 11)
        pipe.seek(to: 0)
        #expect(pipe.readString() == "hello WASI!")
        #expect(pipe.read().isEmpty)
        pipe.seek(to: 100)
        #expect(pipe.position == 11)
    }

    @Test func procExitThrowsTheCode() throws {
        let guest = try FakeGuest(WasiOptions())
        #expect(throws: WASIExit(code: 42)) { try guest.call("proc_exit", 42) }
        #expect(try guest.call("proc_raise", 9) == .nosys)
        #expect(try guest.call("sched_yield") == .success)
    }

    @Test func socketsAndBadDescriptors() throws {
        let guest = try FakeGuest(WasiOptions())
        #expect(try guest.call("sock_shutdown", 99, 0) == .badf)
        #expect(try guest.call("sock_shutdown", 1, 0) == .notsock)
        #expect(try guest.call("sock_accept", 0, 0, 0) == .notsock)
        #expect(try guest.call("fd_close", 77) == .badf)
        #expect(try guest.call("fd_prestat_get", 1, 0) == .badf)
    }

    @Test func clocksAndRandom() throws {
        let guest = try FakeGuest(WasiOptions())
        let out = guest.reserve(8)
        #expect(try guest.call("clock_time_get", 0, 1, UInt64(out)) == .success)
        #expect(guest.u64(out) > 1_600_000_000 * 1_000_000_000)
        #expect(try guest.call("clock_res_get", 1, UInt64(out)) == .success)
        #expect(guest.u64(out) > 0)
        #expect(try guest.call("clock_time_get", 9, 1, UInt64(out)) == .inval)
        let buffer = guest.reserve(64)
        #expect(try guest.call("random_get", UInt64(buffer), 64) == .success)
        #expect(guest.bytes(buffer, 64).contains { $0 != 0 })
    }

    @Test func pollOneoffSleepsOnAClock() throws {
        let guest = try FakeGuest(WasiOptions())
        // One relative clock subscription of 5 ms on the monotonic clock.
        var subscription = [UInt8](repeating: 0, count: 48)
        subscription.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: UInt64(7), toByteOffset: 0, as: UInt64.self)
            raw.storeBytes(of: UInt32(1), toByteOffset: 16, as: UInt32.self)
            raw.storeBytes(of: UInt64(5_000_000), toByteOffset: 24, as: UInt64.self)
        }
        let input = guest.put(subscription), output = guest.reserve(32), count = guest.reserve(4)
        let start = ContinuousClock.now
        #expect(try guest.call("poll_oneoff", UInt64(input), UInt64(output), 1, UInt64(count)) == .success)
        #expect(ContinuousClock.now - start >= .milliseconds(5))
        #expect(guest.u32(count) == 1)
        #expect(guest.u64(output) == 7)
        #expect(try guest.call("poll_oneoff", UInt64(input), UInt64(output), 0, UInt64(count)) == .inval)
    }

    @Test func filesInAPreopen() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.file("hello.txt", "hi there")
        let guest = try FakeGuest(WasiOptions(preopens: [Preopen(hostPath: directory.path, guestPath: "/sandbox")]))
        let prestat = guest.reserve(8)
        #expect(try guest.call("fd_prestat_get", 3, UInt64(prestat)) == .success)
        #expect(guest.u32(prestat + 4) == 8)
        let name = guest.reserve(8)
        #expect(try guest.call("fd_prestat_dir_name", 3, UInt64(name), 8) == .success)
        #expect(guest.bytes(name, 8) == Array("/sandbox".utf8))

        let (errno, fd) = try guest.open(3, "hello.txt")
        #expect(errno == .success)
        #expect(try guest.read(fd, count: 100).1 == Array("hi there".utf8))

        let (createErrno, created) = try guest.open(3, "sub/../new.txt", oflags: 1)
        #expect(createErrno == .noent, "sub does not exist")
        let (created2Errno, created2) = try guest.open(3, "new.txt", oflags: 1)
        #expect(created2Errno == .success && created2 != created)
        #expect(try guest.write(created2, "written") == .success)
        #expect(try String(contentsOfFile: directory.path + "/new.txt", encoding: .utf8) == "written")
        #expect(try guest.call("fd_close", UInt64(created2)) == .success)
    }

    @Test func readOnlyPreopenRefusesChanges() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.file("data.txt", "keep")
        let guest = try FakeGuest(WasiOptions(preopens: [Preopen(hostPath: directory.path, guestPath: "/", readOnly: true)]))
        #expect(try guest.open(3, "data.txt").0 == .success)
        #expect(try guest.open(3, "other.txt", oflags: 1).0 == .notcapable)
        #expect(try guest.open(3, "data.txt", oflags: 8).0 == .notcapable)
        let (_, fd) = try guest.open(3, "data.txt")
        #expect(try guest.write(fd, "x") == .notcapable)
        let (path, length) = guest.put("data.txt")
        #expect(try guest.call("path_unlink_file", 3, UInt64(path), UInt64(length)) == .notcapable)
        #expect(try String(contentsOfFile: directory.path + "/data.txt", encoding: .utf8) == "keep")
    }

    @Test func badConfigurationIsATypedError() {
        #expect(throws: WASIConfigurationError.self) {
            try WASIEnvironment(options: WasiOptions(preopens: [Preopen(hostPath: "/nonexistent/wasmex", guestPath: "/")]))
        }
        #expect(throws: WASIConfigurationError.self) {
            try WASIEnvironment(options: WasiOptions(args: ["a\0b"]))
        }
    }
}
