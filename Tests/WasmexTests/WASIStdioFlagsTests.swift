import Foundation
import Testing
import Wasmex

/// `fd_fdstat_set_flags` on inherited stdio must not change the host
/// process's own descriptors: a change of append or non-blocking mode is
/// `notsup`; asking for the current state is fine; descriptors the guest
/// owns still change.
@Suite(.serialized) struct WASIStdioFlagsTests {
    static let functions = ["fd_fdstat_get", "fd_fdstat_set_flags", "path_open"]
    static let append: UInt16 = 1
    static let nonblock: UInt16 = 4

    /// The guest-visible flags of `fd` (from `fd_fdstat_get`).
    static func flags(_ probe: WASIProbe, _ fd: UInt32) throws -> UInt16 {
        try #require(try probe.call("fd_fdstat_get", UInt64(fd), 0x100) == .success)
        return try probe.u16(0x102)
    }

    @Test func inheritedStdoutKeepsTheHostsFlags() throws {
        let saved = fcntl(1, F_GETFL)
        try #require(saved >= 0, "the test process has a stdout")
        defer { _ = fcntl(1, F_SETFL, saved) }  // in case the guest got through
        let probe = try WASIProbe(Self.functions, options: WasiOptions(stdout: .inherit))
        let current = try Self.flags(probe, 1)
        #expect(try probe.call("fd_fdstat_set_flags", 1, UInt64(current ^ Self.nonblock)) == .notsup)
        #expect(try probe.call("fd_fdstat_set_flags", 1, UInt64(current ^ Self.append)) == .notsup)
        #expect(fcntl(1, F_GETFL) == saved, "the host's stdout flags are unchanged")
        #expect(try Self.flags(probe, 1) == current)
        // Keeping the host's append/non-blocking state is accepted.
        #expect(try probe.call("fd_fdstat_set_flags", 1, UInt64(current)) == .success)
        #expect(fcntl(1, F_GETFL) == saved)
    }

    @Test func inheritedStdinAndStderrToo() throws {
        for fd in [Int32(0), 2] {
            let saved = fcntl(fd, F_GETFL)
            guard saved >= 0 else { continue }  // not open in this test process
            defer { _ = fcntl(fd, F_SETFL, saved) }
            let probe = try WASIProbe(Self.functions, options: WasiOptions(stdin: .inherit, stderr: .inherit))
            let current = try Self.flags(probe, UInt32(fd))
            #expect(try probe.call("fd_fdstat_set_flags", UInt64(fd), UInt64(current ^ Self.nonblock)) == .notsup)
            #expect(fcntl(fd, F_GETFL) == saved, "fd \(fd)")
        }
    }

    /// A file the guest opened is its own: its flags still change.
    @Test func ownedFilesStillChange() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let probe = try WASIProbe(Self.functions, options: WasiOptions(
            preopens: [Preopen(hostPath: directory.path, guestPath: "/")]))
        let (errno, fd) = try probe.open(3, "log.txt", oflags: 1)
        try #require(errno == .success)
        #expect(try Self.flags(probe, fd) & Self.append == 0)
        #expect(try probe.call("fd_fdstat_set_flags", UInt64(fd), UInt64(Self.append | Self.nonblock)) == .success)
        #expect(try Self.flags(probe, fd) & (Self.append | Self.nonblock) == Self.append | Self.nonblock)
    }
}
