#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `poll_oneoff`: waits until a clock expires or a descriptor is ready.
///
/// Pipes, null streams and regular files are always ready; host streams
/// (terminals, OS pipes, sockets) are waited on with `ppoll`; clocks become
/// the wait's timeout. Events that are ready at once are reported without
/// waiting.
extension WASIEnvironment {
    func pollFunction() -> WASIHostFunction {
        define("poll_oneoff", [.i32, .i32, .i32, .i32]) { [self] memory, a throws(WASIErrno) in
            let count = a.u32(2)
            guard count > 0 else { throw .inval }
            let (inSize, o1) = count.multipliedReportingOverflow(by: 48)
            let (outSize, o2) = count.multipliedReportingOverflow(by: 32)
            guard !o1, !o2 else { throw .fault }
            _ = try memory.check(a.u32(0), inSize)
            _ = try memory.check(a.u32(1), outSize)
            var subscriptions: [Subscription] = []
            for index in 0..<count {
                subscriptions.append(try Subscription(memory, at: a.u32(0) + index * 48))
            }
            let events = try poll(subscriptions)
            for (index, event) in events.enumerated() {
                try event.write(memory, at: a.u32(1) + UInt32(index) * 32)
            }
            try memory.storeU32(UInt32(events.count), at: a.u32(3))
        }
    }

    private func poll(_ subscriptions: [Subscription]) throws(WASIErrno) -> [Event] {
        var ready: [Event] = []
        var waits: [(subscription: Subscription, fd: Int32)] = []
        var timeout: UInt64? = nil
        var clocks: [(subscription: Subscription, remaining: UInt64)] = []
        for subscription in subscriptions {
            switch subscription.kind {
            case .clock(let id, let value, let absolute):
                do {
                    let now = absolute ? try Self.now(id) : 0
                    let remaining = absolute ? (value > now ? value - now : 0) : value
                    clocks.append((subscription, remaining))
                    timeout = min(timeout ?? remaining, remaining)
                } catch {
                    ready.append(Event(userdata: subscription.userdata, error: error, type: 0))
                }
            case .read(let fd), .write(let fd):
                let type: UInt8 = subscription.isRead ? 1 : 2
                guard let entry = try? descriptor(fd) else {
                    ready.append(Event(userdata: subscription.userdata, error: .badf, type: type))
                    continue
                }
                switch entry.backing {
                case .pipe(let pipe):
                    ready.append(Event(userdata: subscription.userdata, error: .success, type: type,
                                       bytes: subscription.isRead ? UInt64(pipe.available) : 0))
                case .null:
                    ready.append(Event(userdata: subscription.userdata, error: .success, type: type))
                case .directory:
                    ready.append(Event(userdata: subscription.userdata, error: .badf, type: type))
                case .file(let host):
                    if entry.fileType == .regularFile {
                        var bytes: UInt64 = 0
                        if subscription.isRead, let info = try? host.stat() {
                            let position = lseek(host.raw, 0, SEEK_CUR)
                            bytes = UInt64(max(0, info.st_size - max(0, position)))
                        }
                        ready.append(Event(userdata: subscription.userdata, error: .success, type: type, bytes: bytes))
                    } else {
                        waits.append((subscription, host.raw))
                    }
                }
            }
        }
        if !ready.isEmpty || clocks.contains(where: { $0.remaining == 0 }) { timeout = 0 }
        let started = try Self.now(1)
        ready += try waitForHost(waits, timeout: timeout)
        if ready.isEmpty || timeout == 0 {
            let elapsed = (try Self.now(1)) &- started
            for clock in clocks where clock.remaining <= max(elapsed, timeout ?? 0) && (ready.isEmpty || clock.remaining == 0) {
                ready.append(Event(userdata: clock.subscription.userdata, error: .success, type: 0))
            }
        }
        return ready
    }

    /// Waits on host descriptors (or just sleeps) for at most `timeout` ns (nil: forever).
    private func waitForHost(_ waits: [(subscription: Subscription, fd: Int32)], timeout: UInt64?) throws(WASIErrno) -> [Event] {
        if waits.isEmpty {
            var spec = timespec(tv_sec: Int(min(timeout ?? 0, UInt64(Int64.max)) / 1_000_000_000),
                                tv_nsec: Int((timeout ?? 0) % 1_000_000_000))
            guard timeout != nil else { throw .inval }  // nothing could ever wake us
            var remaining = timespec()
            while nanosleep(&spec, &remaining) != 0 && errno == EINTR { spec = remaining }
            return []
        }
        var fds = waits.map { pollfd(fd: $0.fd, events: Int16($0.subscription.isRead ? POLLIN : POLLOUT), revents: 0) }
        // poll(2) takes milliseconds: round up so a wait is never cut short.
        let milliseconds: Int32 = timeout.map { Int32(clamping: ($0 + 999_999) / 1_000_000) } ?? -1
        let result = fds.withUnsafeMutableBufferPointer { buffer in
            Glibc.poll(buffer.baseAddress, nfds_t(buffer.count), milliseconds)
        }
        if result < 0 && errno != EINTR { throw WASIErrno.lastHostError }
        var events: [Event] = []
        for (index, wait) in waits.enumerated() where fds[index].revents != 0 {
            let revents = Int32(fds[index].revents)
            let failed = revents & (POLLERR | POLLNVAL) != 0
            events.append(Event(userdata: wait.subscription.userdata, error: failed ? .io : .success,
                                type: wait.subscription.isRead ? 1 : 2, bytes: 0,
                                hangup: revents & POLLHUP != 0))
        }
        return events
    }
}

/// One decoded `subscription` (48 bytes).
private struct Subscription {
    enum Kind {
        case clock(id: UInt32, timeout: UInt64, absolute: Bool)
        case read(UInt32)
        case write(UInt32)
    }
    let userdata: UInt64
    let kind: Kind
    var isRead: Bool { if case .read = kind { true } else { false } }

    init(_ memory: WASIGuestMemory, at offset: UInt32) throws(WASIErrno) {
        userdata = try memory.loadU64(offset)
        switch try memory.loadU8(offset + 8) {
        case 0:
            kind = .clock(id: try memory.loadU32(offset + 16), timeout: try memory.loadU64(offset + 24),
                          absolute: try memory.loadU16(offset + 40) & 1 != 0)
        case 1: kind = .read(try memory.loadU32(offset + 16))
        case 2: kind = .write(try memory.loadU32(offset + 16))
        default: throw .inval
        }
    }
}

/// One `event` (32 bytes).
private struct Event {
    let userdata: UInt64
    let error: WASIErrno
    let type: UInt8
    var bytes: UInt64 = 0
    var hangup = false

    func write(_ memory: WASIGuestMemory, at offset: UInt32) throws(WASIErrno) {
        try memory.bytes(at: offset, count: 32).initializeMemory(as: UInt8.self, repeating: 0)
        try memory.storeU64(userdata, at: offset)
        try memory.storeU16(error.rawValue, at: offset + 8)
        try memory.storeU8(type, at: offset + 10)
        try memory.storeU64(bytes, at: offset + 16)
        try memory.storeU16(hangup ? 1 : 0, at: offset + 24)
    }
}
