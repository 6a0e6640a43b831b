#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A monotonic clock for the harness's measurements.
package enum BenchClock {
    /// Nanoseconds since an arbitrary fixed origin.
    @inline(__always)
    package static func nanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
    }

    /// Milliseconds elapsed since `start` (a value from ``nanoseconds()``).
    @inline(__always)
    package static func milliseconds(since start: UInt64) -> Double {
        Double(nanoseconds() &- start) / 1_000_000
    }

    /// Times `body` and returns its result with the elapsed milliseconds.
    @inline(__always)
    package static func measure<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> (T, Double) {
        let start = nanoseconds()
        let value = try body()
        return (value, milliseconds(since: start))
    }

    /// CoreMark's `env.clock_ms`: milliseconds of the monotonic clock, wrapped to 32 bits.
    package static func coreMarkMilliseconds() -> Int32 {
        Int32(truncatingIfNeeded: nanoseconds() / 1_000_000)
    }
}

/// Records the `bench.start` / `bench.end` calls of one sightglass run.
///
/// Each must be called exactly once, start first; ``elapsedMs()`` reports a
/// violation as a message instead of a time.
package final class SightglassTimer: @unchecked Sendable {
    private var startTime: UInt64?
    private var endTime: UInt64?
    private var startCalls = 0
    private var endCalls = 0

    package init() {}

    /// The body of the `bench.start` import.
    package func start() {
        startCalls += 1
        startTime = BenchClock.nanoseconds()
    }

    /// The body of the `bench.end` import.
    package func end() {
        endCalls += 1
        endTime = BenchClock.nanoseconds()
    }

    /// The measured milliseconds, or why the program broke the protocol.
    package func elapsedMs() -> Result<Double, BenchProtocolViolation> {
        guard startCalls == 1, endCalls == 1, let startTime, let endTime, endTime >= startTime else {
            return .failure(BenchProtocolViolation(
                message: "bench.start called \(startCalls)×, bench.end called \(endCalls)× (expected once each, start first)"))
        }
        return .success(Double(endTime - startTime) / 1_000_000)
    }
}

/// A program that did not follow its benchmark protocol.
package struct BenchProtocolViolation: Error, CustomStringConvertible {
    package let message: String
    package var description: String { message }
}
