import Foundation
import Testing
import Wasmex

/// Result pointers and arrays at the very end of a 4 GiB memory: a
/// structure that fits is written, one that does not is `fault` with memory
/// untouched, and no address computation overflows in the host.
@Suite(.serialized) struct WASIGuestPointerTests {
    static let functions = ["fd_prestat_get", "fd_fdstat_get", "fd_filestat_get", "environ_get", "environ_sizes_get",
                            "fd_write", "clock_time_get"]
    /// The size of a memory of 65536 pages.
    static let end: UInt64 = 1 << 32

    static func fullMemoryProbe(_ directory: TemporaryDirectory) throws -> WASIProbe {
        try WASIProbe(functions, pages: 65536, options: WasiOptions(
            env: [("K", "v")], preopens: [Preopen(hostPath: directory.path, guestPath: "/sandbox")],
            stdout: .null))
    }

    /// The reproducer: `fd_prestat_get` with its 8-byte result 4 bytes below
    /// the end passed the check of the first field, then overflowed
    /// computing the second field's address.
    @Test func prestatAcrossTheEndIsEFAULTAndWritesNothing() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let probe = try Self.fullMemoryProbe(directory)
        let sentinel: [UInt8] = [0xA5, 0xA5, 0xA5, 0xA5]
        try probe.write(sentinel, at: UInt32(Self.end - 4))
        #expect(try probe.call("fd_prestat_get", 3, Self.end - 4) == .fault)
        #expect(try probe.read(UInt32(Self.end - 4), count: 4) == sentinel, "no half-written prestat")
        #expect(try probe.call("fd_prestat_get", 3, Self.end - 1) == .fault)
        // The last 8 bytes hold a prestat: tag 0, then the name's length.
        #expect(try probe.call("fd_prestat_get", 3, Self.end - 8) == .success)
        #expect(try probe.u32(UInt32(Self.end - 8)) == 0)
        #expect(try probe.u32(UInt32(Self.end - 4)) == UInt32("/sandbox".utf8.count))
    }

    @Test func fixedSizeResultsAtTheEnd() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let probe = try Self.fullMemoryProbe(directory)
        // fdstat is 24 bytes, filestat 64, a timestamp 8.
        #expect(try probe.call("fd_fdstat_get", 3, Self.end - 16) == .fault)
        #expect(try probe.call("fd_fdstat_get", 3, Self.end - 24) == .success)
        #expect(try probe.read(UInt32(Self.end - 24), count: 1) == [3], "a directory")
        #expect(try probe.call("fd_filestat_get", 3, Self.end - 32) == .fault)
        #expect(try probe.call("fd_filestat_get", 3, Self.end - 64) == .success)
        #expect(try probe.call("clock_time_get", 1, 0, Self.end - 7) == .fault)
        #expect(try probe.call("clock_time_get", 1, 0, Self.end - 8) == .success)
    }

    /// `environ_get` may put its pointer array and its strings right up to
    /// the last byte (the old check refused the last word), but not past it.
    @Test func environmentStringsUpToTheLastByte() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let probe = try Self.fullMemoryProbe(directory)
        let entry = Array("K=v\0".utf8)
        #expect(try probe.call("environ_get", Self.end - 4, 0x100) == .success)
        #expect(try probe.u32(UInt32(Self.end - 4)) == 0x100)
        #expect(try probe.call("environ_get", 0x100, Self.end - UInt64(entry.count)) == .success)
        #expect(try probe.read(UInt32(Self.end - UInt64(entry.count)), count: entry.count) == entry)
        #expect(try probe.call("environ_get", 0x100, Self.end - 3) == .fault)
        #expect(try probe.call("environ_get", Self.end - 3, 0x100) == .fault)
        #expect(try probe.call("environ_sizes_get", Self.end - 4, Self.end - 8) == .success)
        #expect(try probe.call("environ_sizes_get", Self.end - 2, Self.end - 8) == .fault)
    }

    /// iovec arrays and buffers that reach past the end.
    @Test func iovecsAcrossTheEnd() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let probe = try Self.fullMemoryProbe(directory)
        try probe.write(words: [0x100, 4], at: UInt32(Self.end - 8))
        #expect(try probe.call("fd_write", 1, Self.end - 8, 1, 0x200) == .success)
        #expect(try probe.u32(0x200) == 4)
        #expect(try probe.call("fd_write", 1, Self.end - 8, 2, 0x200) == .fault, "second iovec past the end")
        #expect(try probe.call("fd_write", 1, Self.end - 4, 1, 0x200) == .fault)
        #expect(try probe.call("fd_write", 1, 0x300, UInt64(UInt32.max), 0x200) == .fault, "count * 8 overflows 32 bits")
        try probe.write(words: [UInt32(Self.end - 2), 4], at: 0x300)
        #expect(try probe.call("fd_write", 1, 0x300, 1, 0x200) == .fault, "buffer past the end")
    }
}
