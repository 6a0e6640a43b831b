#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `poll_oneoff`: waits until a clock expires or a descriptor is ready.
///
/// Pipes, null streams and regular files are always ready; host streams
/// (terminals, OS pipes, sockets) are waited on with `poll(2)`; clocks become
/// the wait's timeout (see ``PollWait`` for how any 64-bit timeout is
/// waited without overflow). Events that are ready at once are reported
/// without waiting.
extension WASIEnvironment {
    func pollFunction() -> WASIHostFunction {
        define("poll_oneoff", [.i32, .i32, .i32, .i32]) { [self] memory, a throws(WASIErrno) in
            let input = a.u32(0), output = a.u32(1), count = a.u32(2)
            guard count > 0 else { throw .inval }
            // Both arrays are checked whole (64-bit sizes) before anything is
            // read or written; each element is then addressed as a record.
            // The decoded list is smaller than the guest's own array (48
            // bytes per entry), so host memory stays below the guest's.
            try memory.checkArray(at: input, count: count, stride: 48)
            try memory.checkArray(at: output, count: count, stride: 32)
            var subscriptions: [Subscription] = []
            subscriptions.reserveCapacity(Int(count))
            for index in 0..<count {
                subscriptions.append(try Subscription(try memory.element(index, of: input, stride: 48)))
            }
            let events = try poll(subscriptions, interruption: memory.interruption)
            for (index, event) in events.enumerated() {
                try event.write(try memory.element(UInt32(index), of: output, stride: 32))
            }
            try memory.storeU32(UInt32(events.count), at: a.u32(3))
        }
    }

    private func poll(_ subscriptions: [Subscription], interruption: WASIInterruption?) throws(WASIErrno) -> [Event] {
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
        ready += try waitForHost(waits, timeout: timeout, interruption: interruption)
        if ready.isEmpty || timeout == 0 {
            let elapsed = (try Self.now(1)) &- started
            for clock in clocks where clock.remaining <= max(elapsed, timeout ?? 0) && (ready.isEmpty || clock.remaining == 0) {
                ready.append(Event(userdata: clock.subscription.userdata, error: .success, type: 0))
            }
        }
        return ready
    }

    /// Waits on host descriptors (or just sleeps) for at most `timeout` ns (nil: forever).
    private func waitForHost(_ waits: [(subscription: Subscription, fd: Int32)], timeout: UInt64?,
                             interruption: WASIInterruption?) throws(WASIErrno) -> [Event] {
        var fds = waits.map { pollfd(fd: $0.fd, events: Int16($0.subscription.isRead ? POLLIN : POLLOUT), revents: 0) }
        guard try PollWait.wait(&fds, timeout: timeout, interruption: interruption) else { return [] }
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

    /// Decodes one subscription. The clock's `precision` (offset 32) is
    /// ignored: the host wakes as soon as it can.
    init(_ record: GuestRecord) throws(WASIErrno) {
        userdata = try record.loadU64(0)
        switch try record.loadU8(8) {
        case 0:
            kind = .clock(id: try record.loadU32(16), timeout: try record.loadU64(24),
                          absolute: try record.loadU16(40) & 1 != 0)
        case 1: kind = .read(try record.loadU32(16))
        case 2: kind = .write(try record.loadU32(16))
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

    func write(_ record: GuestRecord) throws(WASIErrno) {
        record.zero()
        try record.storeU64(userdata, at: 0)
        try record.storeU16(error.rawValue, at: 8)
        try record.storeU8(type, at: 10)
        try record.storeU64(bytes, at: 16)
        try record.storeU16(hangup ? 1 : 0, at: 24)
    }
}
