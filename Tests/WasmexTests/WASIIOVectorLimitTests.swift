import Foundation
import Testing
import Wasmex

/// `fd_read`, `fd_write`, `fd_pread` and `fd_pwrite` with millions of
/// iovecs: only the first `IOV_MAX` (1024) are decoded, so the host's work
/// and allocation stay bounded whatever count the guest passes; the call is
/// a short transfer. The total per call is capped at Linux's `MAX_RW_COUNT`.
@Suite(.serialized) struct WASIIOVectorLimitTests {
    static let functions = ["fd_read", "fd_write", "fd_pread", "fd_pwrite", "path_open"]
    /// 1100 pages hold 8 million iovecs (64 MB) at `array`.
    static let pages = 1100
    static let array: UInt32 = 0x10_0000
    static let count: UInt64 = 8_000_000
    static let result: UInt32 = 0x100

    /// Fills the iovec array: the first 1024 entries name one byte at 0x10,
    /// every later one names 16 bytes at 0xFFFF_FFF0, far outside memory.
    /// Decoding any entry past 1024 would make the call fail with `fault`.
    static func fillVectors(_ probe: WASIProbe) throws {
        probe.memory.withUnsafeMutableBytes { bytes in
            let region = UnsafeMutableRawBufferPointer(rebasing: bytes[Int(array)..<(Int(array) + Int(count) * 8)])
            let outside = UInt64(16) << 32 | 0xFFFF_FFF0
            region.withMemoryRebound(to: UInt64.self) { $0.initialize(repeating: outside.littleEndian) }
        }
        try probe.write(words: Array(repeating: [UInt32(0x10), 1], count: 1024).flatMap { $0 }, at: array)
    }

    @Test func eightMillionIovecsToAndFromPipes() throws {
        let stdin = WasmexWASI.Pipe([UInt8](repeating: 0x41, count: 4096))
        let stdout = WasmexWASI.Pipe()
        let probe = try WASIProbe(Self.functions, pages: Self.pages,
                                  options: WasiOptions(stdin: .pipe(stdin), stdout: .pipe(stdout)))
        try Self.fillVectors(probe)
        #expect(try probe.call("fd_write", 1, UInt64(Self.array), Self.count, UInt64(Self.result)) == .success)
        #expect(try probe.u32(Self.result) == 1024)
        #expect(stdout.size == 1024)
        #expect(try probe.call("fd_read", 0, UInt64(Self.array), Self.count, UInt64(Self.result)) == .success)
        #expect(try probe.u32(Self.result) == 1024)
        #expect(stdin.position == 1024)
    }

    @Test func eightMillionIovecsToAndFromAFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let probe = try WASIProbe(Self.functions, pages: Self.pages,
                                  options: WasiOptions(preopens: [Preopen(hostPath: directory.path, guestPath: "/")]))
        try Self.fillVectors(probe)
        let (errno, fd) = try probe.open(3, "data.bin", oflags: 1)  // creat
        try #require(errno == .success)
        #expect(try probe.call("fd_pwrite", UInt64(fd), UInt64(Self.array), Self.count, 0, UInt64(Self.result)) == .success)
        #expect(try probe.u32(Self.result) == 1024)
        #expect(try probe.call("fd_write", UInt64(fd), UInt64(Self.array), Self.count, UInt64(Self.result)) == .success)
        #expect(try probe.u32(Self.result) == 1024)
        let size = try FileManager.default.attributesOfItem(atPath: directory.path + "/data.bin")[.size] as? Int
        #expect(size == 1024)
        #expect(try probe.call("fd_pread", UInt64(fd), UInt64(Self.array), Self.count, 0, UInt64(Self.result)) == .success)
        #expect(try probe.u32(Self.result) == 1024)
        #expect(try probe.call("fd_read", UInt64(fd), UInt64(Self.array), Self.count, UInt64(Self.result)) == .success)
        #expect(try probe.u32(Self.result) == 0, "the cursor is at the end after fd_write")
    }

    /// 1024 iovecs of 64 MiB each name 64 GiB (the same memory over and
    /// over): the count is cut at `MAX_RW_COUNT`, so it fits the guest's
    /// 32-bit result exactly instead of saturating at `UInt32.max`.
    @Test func totalPerCallIsCappedAtMaxRWCount() throws {
        let probe = try WASIProbe(Self.functions, pages: Self.pages, options: WasiOptions(stdout: .null))
        let span: UInt32 = 0x400_0000
        try probe.write(words: Array(repeating: [UInt32(0), span], count: 1024).flatMap { $0 }, at: Self.array)
        #expect(try probe.call("fd_write", 1, UInt64(Self.array), 1024, UInt64(Self.result)) == .success)
        #expect(try probe.u32(Self.result) == 0x7FFF_F000)
    }
}
