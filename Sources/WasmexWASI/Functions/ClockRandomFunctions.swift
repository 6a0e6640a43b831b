#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `clock_res_get`, `clock_time_get`, `random_get`.
extension WASIEnvironment {
    func clockAndRandomFunctions() -> [WASIHostFunction] {
        [
            define("clock_res_get", [.i32, .i32]) { memory, a throws(WASIErrno) in
                var value = timespec()
                guard clock_getres(try Self.hostClock(a.u32(0)), &value) == 0 else { throw WASIErrno.lastHostError }
                try memory.storeU64(Self.nanoseconds(value), at: a.u32(1))
            },
            define("clock_time_get", [.i32, .i64, .i32]) { memory, a throws(WASIErrno) in
                try memory.storeU64(try Self.now(a.u32(0)), at: a.u32(2))
            },
            define("random_get", [.i32, .i32]) { memory, a throws(WASIErrno) in
                try Self.fillRandom(try memory.bytes(at: a.u32(0), count: a.u32(1)))
            },
        ]
    }

    /// The host clock for a WASI `clockid`.
    static func hostClock(_ id: UInt32) throws(WASIErrno) -> clockid_t {
        switch id {
        case 0: return CLOCK_REALTIME
        case 1: return CLOCK_MONOTONIC
        case 2: return CLOCK_PROCESS_CPUTIME_ID
        case 3: return CLOCK_THREAD_CPUTIME_ID
        default: throw .inval
        }
    }

    /// The current time of a WASI clock in nanoseconds.
    static func now(_ id: UInt32) throws(WASIErrno) -> UInt64 {
        var value = timespec()
        guard clock_gettime(try hostClock(id), &value) == 0 else { throw WASIErrno.lastHostError }
        return nanoseconds(value)
    }

    static func nanoseconds(_ value: timespec) -> UInt64 {
        UInt64(max(0, value.tv_sec)) &* 1_000_000_000 &+ UInt64(max(0, value.tv_nsec))
    }

    /// Fills `buffer` from the host's cryptographic random source.
    static func fillRandom(_ buffer: UnsafeMutableRawBufferPointer) throws(WASIErrno) {
        guard let base = buffer.baseAddress else { return }
        var filled = 0
        while filled < buffer.count {
            // getentropy serves at most 256 bytes per call and never blocks once seeded.
            let chunk = min(256, buffer.count - filled)
            guard getentropy(base + filled, chunk) == 0 else { throw WASIErrno.lastHostError }
            filled += chunk
        }
    }
}
