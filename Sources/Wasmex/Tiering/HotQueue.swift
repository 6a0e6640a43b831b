/// The hot functions of one module that wait for a compile thread, taken
/// hottest first: the one whose counter grew fastest since it was reported.
///
/// Why not first come, first served: the functions a program's set-up makes
/// hot (`printf`'s machinery while it builds its input, say) are reported
/// before the ones its real work runs in, and used to be compiled first even
/// after the program had left them. zstd's 15.7 KB block compressor, hot a
/// few milliseconds into the measured run, waited 240 ms behind ten such
/// functions on the one optimising thread of a 2-core machine
/// (`WASMEX_COMPILE_TIMINGS=1`; BENCHMARKS.md "Hot functions hottest first").
///
/// A function's heat is the counts it added since it was reported, plus the
/// threshold it had reached then, over the time since plus one millisecond:
/// a function reported a moment ago ranks by the threshold it just crossed,
/// one that ran on since ranks by how fast it still counts, and one the
/// program left sinks as time passes. Counters are read when a compile
/// thread asks for the next function, so the ranking is the program's now.
struct HotQueue {
    struct Entry {
        let definedIndex: Int
        let countAtReport: UInt32
        let reportedAt: ContinuousClock.Instant
    }

    private(set) var entries: [Entry] = []

    var isEmpty: Bool { entries.isEmpty }

    mutating func append(_ definedIndex: Int, count: UInt32, at instant: ContinuousClock.Instant) {
        entries.append(Entry(definedIndex: definedIndex, countAtReport: count, reportedAt: instant))
    }

    /// Removes and returns the hottest waiting function (the earliest
    /// reported among equals); `count` reads a function's counter now.
    mutating func takeHottest(threshold: UInt32, now: ContinuousClock.Instant,
                              count: (Int) -> UInt32) -> Int? {
        guard !entries.isEmpty else { return nil }
        var best = 0
        var bestHeat = -Double.infinity
        for (position, entry) in entries.enumerated() {
            let heat = Self.heat(of: entry, threshold: threshold, now: now, count: count(entry.definedIndex))
            if heat > bestHeat {
                best = position
                bestHeat = heat
            }
        }
        return entries.remove(at: best).definedIndex
    }

    /// Counts a second since the report, as defined above. Counters wrap at
    /// 2^32; a count below the one at the report counts as no growth.
    static func heat(of entry: Entry, threshold: UInt32, now: ContinuousClock.Instant, count: UInt32) -> Double {
        let grown = count >= entry.countAtReport ? Double(count - entry.countAtReport) : 0
        let elapsed = now < entry.reportedAt ? Duration.zero : now - entry.reportedAt
        return (grown + Double(threshold)) / (elapsed / .milliseconds(1) + 1) * 1000
    }
}
