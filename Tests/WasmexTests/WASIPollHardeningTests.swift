import Foundation
import Testing
import Wasmex

/// `poll_oneoff` with hostile timeouts and sizes: every 64-bit timeout and
/// every subscription count is an answer or an errno, never an arithmetic
/// trap in the host.
@Suite struct WASIPollHardeningTests {
    static let functions = ["path_open", "poll_oneoff"]
    static let subscriptions: UInt32 = 0x1000
    static let events: UInt32 = 0x2000
    static let eventCount: UInt32 = 0x3000

    /// A probe with `/dev` preopened read-only (fd 3) and `/dev/zero` open
    /// (fd 4): a character device, so `poll_oneoff` really waits on it with
    /// `poll(2)`, and it is always readable.
    static func probeWithDevZero() throws -> WASIProbe {
        let probe = try WASIProbe(functions, options: WasiOptions(
            preopens: [Preopen(hostPath: "/dev", guestPath: "/dev", readOnly: true)]))
        let (errno, fd) = try probe.open(3, "zero", rights: 1 << 1 | 1 << 27)  // fd_read, poll_fd_readwrite
        try #require(errno == .success)
        try #require(fd == 4)
        return probe
    }

    /// One clock subscription (48 bytes).
    static func clock(userdata: UInt64, id: UInt32, timeout: UInt64, absolute: Bool = false) -> [UInt64] {
        [userdata, 0, UInt64(id), timeout, 0, absolute ? 1 : 0]
    }

    /// One `fd_read` subscription (48 bytes).
    static func read(userdata: UInt64, fd: UInt32) -> [UInt64] {
        [userdata, 1, UInt64(fd), 0, 0, 0]
    }

    /// Runs poll_oneoff on `subscriptions`; returns (errno, [(userdata, error, type)]).
    static func poll(_ probe: WASIProbe, _ entries: [[UInt64]]) throws -> (WASIErrno?, [(UInt64, UInt16, UInt8)]) {
        try probe.write(longs: entries.flatMap { $0 }, at: subscriptions)
        let errno = try probe.call("poll_oneoff", UInt64(subscriptions), UInt64(events), UInt64(entries.count),
                                   UInt64(eventCount))
        guard errno == .success else { return (errno, []) }
        var reported: [(UInt64, UInt16, UInt8)] = []
        let count = try probe.u32(eventCount)
        for index in 0..<count {
            let event = events + index * 32
            reported.append((try probe.u64(event), try probe.u16(event + 8), try probe.read(event + 10, count: 1)[0]))
        }
        return (errno, reported)
    }

    /// The reproducer: a clock timeout near `UInt64.max` next to a read
    /// subscription on a host device used to overflow while converting the
    /// timeout for `poll(2)`. Now the ready read is reported at once.
    @Test(arguments: [UInt64.max, UInt64.max - 5, UInt64.max / 2])
    func hugeRelativeTimeoutNextToAReadIsTheReadEvent(timeout: UInt64) throws {
        let probe = try Self.probeWithDevZero()
        let (errno, events) = try Self.poll(probe, [Self.clock(userdata: 1, id: 1, timeout: timeout),
                                                    Self.read(userdata: 2, fd: 4)])
        #expect(errno == .success)
        #expect(events.count == 1)
        #expect(events.first?.0 == 2 && events.first?.1 == 0 && events.first?.2 == 1, "the fd_read event")
    }

    @Test(arguments: [UInt32(0), 1])  // realtime, monotonic
    func hugeAbsoluteDeadlineNextToAReadIsTheReadEvent(clock: UInt32) throws {
        let probe = try Self.probeWithDevZero()
        let (errno, events) = try Self.poll(probe, [Self.clock(userdata: 1, id: clock, timeout: .max, absolute: true),
                                                    Self.read(userdata: 2, fd: 4)])
        #expect(errno == .success)
        #expect(events.map(\.0) == [2])
    }

    /// A huge clock next to a short one: only the short one fires, on time.
    @Test func shortClockWinsOverAHugeOne() throws {
        let probe = try Self.probeWithDevZero()
        let started = Date()
        let (errno, events) = try Self.poll(probe, [Self.clock(userdata: 1, id: 1, timeout: .max),
                                                    Self.clock(userdata: 3, id: 1, timeout: 2_000_000)])
        #expect(errno == .success)
        #expect(events.map(\.0) == [3])
        #expect(Date().timeIntervalSince(started) < 5)
    }

    /// An absolute deadline already in the past fires at once.
    @Test func pastAbsoluteDeadlineFiresAtOnce() throws {
        let probe = try Self.probeWithDevZero()
        let (errno, events) = try Self.poll(probe, [Self.clock(userdata: 7, id: 1, timeout: 1, absolute: true)])
        #expect(errno == .success)
        #expect(events.map(\.0) == [7])
    }

    /// Subscription counts whose array sizes overflow 32 bits, and arrays
    /// that end past memory, are `fault` before anything is read or written.
    @Test func oversizedOrMisplacedArraysAreEFAULT() throws {
        let probe = try Self.probeWithDevZero()
        let sizes: [UInt32] = [UInt32.max, UInt32.max / 32 + 1, UInt32.max / 48 + 1, 0x10000 / 48 + 1]
        for count in sizes {
            #expect(try probe.call("poll_oneoff", UInt64(Self.subscriptions), UInt64(Self.events), UInt64(count),
                                   UInt64(Self.eventCount)) == .fault, "nsubscriptions \(count)")
        }
        try probe.write(longs: Self.clock(userdata: 1, id: 1, timeout: 0), at: Self.subscriptions)
        #expect(try probe.call("poll_oneoff", 0xFFFF_FFF0, UInt64(Self.events), 1, UInt64(Self.eventCount)) == .fault)
        #expect(try probe.call("poll_oneoff", UInt64(Self.subscriptions), 0xFFFF_FFF0, 1, UInt64(Self.eventCount)) == .fault)
        #expect(try probe.call("poll_oneoff", UInt64(Self.subscriptions), 0x10000 - 16, 1, UInt64(Self.eventCount)) == .fault)
        #expect(try probe.call("poll_oneoff", UInt64(Self.subscriptions), UInt64(Self.events), 0, UInt64(Self.eventCount)) == .inval)
    }
}
