#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The blocking part of `poll_oneoff`: sleep, or wait on host descriptors,
/// for a guest-chosen number of nanoseconds.
///
/// The guest may ask for any 64-bit timeout, up to `UInt64.max` ns. Instead of
/// converting that into one `timespec` or one millisecond count for `poll(2)`
/// (where rounding up or narrowing overflows), the wait runs towards a
/// deadline on the monotonic clock (`now + timeout`, saturating) in slices of
/// at most ``sliceNanoseconds``, each small enough that no conversion can
/// overflow. A slice that ends early (a signal) just starts the next one.
///
/// With a ``WASIInterruption`` the slices are short and the engine is asked
/// before each one whether to stop; if so the wait fails with `intr`, which
/// the function wrapper turns into ``WASIInterrupted``.
enum PollWait {
    /// The longest single sleep or `poll(2)` call.
    static let sliceNanoseconds: UInt64 = 1_000_000_000
    /// The longest slice when the engine may interrupt the call: how late
    /// an interruption can be noticed.
    static let interruptibleSliceNanoseconds: UInt64 = 5_000_000

    /// Waits until one of `fds` reports an event or `timeout` ns have passed
    /// (`nil`: no limit). Returns whether an event arrived (then `revents`
    /// are set). With no descriptors it only sleeps; with neither descriptors
    /// nor a timeout only an interruption could end the wait, so without one
    /// that is `inval`.
    static func wait(_ fds: inout [pollfd], timeout: UInt64?,
                     interruption: WASIInterruption? = nil) throws(WASIErrno) -> Bool {
        if fds.isEmpty && timeout == nil && interruption == nil { throw .inval }
        let longest = interruption == nil ? sliceNanoseconds : interruptibleSliceNanoseconds
        let start = try WASIEnvironment.now(1)
        let deadline = timeout.map { timeout in
            let (sum, overflow) = start.addingReportingOverflow(timeout)
            return overflow ? UInt64.max : sum
        }
        var now = start
        repeat {
            let remaining = deadline.map { $0 > now ? $0 - now : 0 } ?? longest
            let slice = min(remaining, longest)
            if slice > 0, interruption?.isRequested == true { throw .intr }
            if fds.isEmpty {
                sleep(nanoseconds: slice)
            } else if try poll(&fds, nanoseconds: slice) {
                return true
            }
            now = try WASIEnvironment.now(1)
        } while deadline.map { now < $0 } ?? true
        return false
    }

    /// Before a read that could block on a host stream (a terminal, an OS
    /// pipe): waits until `fd` is readable, has hung up or failed (the read
    /// then reports which), asking `interruption` between slices.
    static func awaitReadable(_ fd: Int32, interruption: WASIInterruption) throws(WASIErrno) {
        var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0)]
        _ = try wait(&fds, timeout: nil, interruption: interruption)
    }

    /// Before a write that could block on a host stream (a full pipe, a
    /// terminal held by flow control): waits until `fd` can take data, has
    /// hung up or failed (the write then reports which), asking
    /// `interruption` between slices.
    static func awaitWritable(_ fd: Int32, interruption: WASIInterruption) throws(WASIErrno) {
        var fds = [pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)]
        _ = try wait(&fds, timeout: nil, interruption: interruption)
    }

    /// One `poll(2)` of at most one slice (rounded up to whole milliseconds,
    /// so it never ends before the slice does). True when an event arrived.
    private static func poll(_ fds: inout [pollfd], nanoseconds: UInt64) throws(WASIErrno) -> Bool {
        let milliseconds = Int32((nanoseconds + 999_999) / 1_000_000)
        let result = fds.withUnsafeMutableBufferPointer { buffer in
            Glibc.poll(buffer.baseAddress, nfds_t(buffer.count), milliseconds)
        }
        if result < 0 && errno != EINTR { throw WASIErrno.lastHostError }
        return result > 0
    }

    /// Sleeps for at most one slice (a signal may end it early).
    private static func sleep(nanoseconds: UInt64) {
        var spec = timespec(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
        _ = nanosleep(&spec, nil)
    }
}
