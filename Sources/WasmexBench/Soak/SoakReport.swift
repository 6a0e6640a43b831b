import Foundation

/// The figures of a soak run and whether they stayed within ``SoakLimits``.
package struct SoakReport: Sendable {
    /// Cycles measured (after the warm-up).
    package var cycles: Int
    /// Cycles whose outcome was not the expected result or trap.
    package var unexpected: Int
    /// The first few unexpected outcomes, for the report.
    package var unexpectedExamples: [String]
    /// Seconds the measured cycles took.
    package var seconds: Double
    /// Right after the warm-up.
    package var start: SoakProcessSample
    /// After the last cycle.
    package var end: SoakProcessSample
    /// The highest resident set size seen (sampled every ``SoakRun/sampleEvery`` cycles).
    package var peakResidentBytes: Int
    /// The most threads and mappings seen at a sample.
    package var peakThreads: Int
    package var peakMappings: Int

    package init(cycles: Int, unexpected: Int, unexpectedExamples: [String], seconds: Double,
                 start: SoakProcessSample, end: SoakProcessSample, peakResidentBytes: Int,
                 peakThreads: Int, peakMappings: Int) {
        self.cycles = cycles
        self.unexpected = unexpected
        self.unexpectedExamples = unexpectedExamples
        self.seconds = seconds
        self.start = start
        self.end = end
        self.peakResidentBytes = peakResidentBytes
        self.peakThreads = peakThreads
        self.peakMappings = peakMappings
    }

    package var cyclesPerSecond: Double { seconds > 0 ? Double(cycles) / seconds : 0 }
    package var residentGrowth: Int { end.residentBytes - start.residentBytes }

    /// Every bound of `limits` this run broke, in words (empty: none).
    package func violations(of limits: SoakLimits) -> [String] {
        var found: [String] = []
        if unexpected > 0 { found.append("\(unexpected) cycles had unexpected outcomes: \(unexpectedExamples.joined(separator: "; "))") }
        if residentGrowth > limits.residentGrowthBytes {
            found.append("RSS grew by \(Self.mebibytes(residentGrowth)) (limit \(Self.mebibytes(limits.residentGrowthBytes)))")
        }
        if end.threads - start.threads > limits.extraThreads {
            found.append("threads went from \(start.threads) to \(end.threads) (limit +\(limits.extraThreads))")
        }
        if end.mappings - start.mappings > limits.extraMappings {
            found.append("mappings went from \(start.mappings) to \(end.mappings) (limit +\(limits.extraMappings))")
        }
        return found
    }

    /// The figures, one per line.
    package var lines: [String] {
        [
            "cycles:    \(cycles) in \(String(format: "%.2f", seconds)) s, \(String(format: "%.0f", cyclesPerSecond)) cycles/s, unexpected outcomes \(unexpected)",
            "RSS:       start \(Self.mebibytes(start.residentBytes)), end \(Self.mebibytes(end.residentBytes)), peak \(Self.mebibytes(peakResidentBytes)) (growth \(Self.mebibytes(residentGrowth)))",
            "threads:   start \(start.threads), end \(end.threads), peak \(peakThreads)",
            "mappings:  start \(start.mappings), end \(end.mappings), peak \(peakMappings)",
        ]
    }

    static func mebibytes(_ bytes: Int) -> String { String(format: "%.1f MiB", Double(bytes) / 1_048_576) }
}

/// How far a soak run may drift from its post-warm-up state.
///
/// The bounds are not tight fits to one machine but sized so that a real
/// leak fails: every cycle creates a store with memories (a guard-page
/// memory reserves 8 GiB of address space, one mapping or more), tables,
/// compiled-code references and, for WASI, descriptors. A leak of any of
/// those per cycle would add thousands of mappings or megabytes over a few
/// thousand cycles, where allocator noise (malloc arenas, Swift metadata
/// caches filled lazily) stays at a few MiB and a handful of mappings.
package struct SoakLimits: Sendable {
    /// RSS growth allowed between the end of the warm-up and the last cycle.
    package var residentGrowthBytes: Int
    /// Threads allowed beyond those alive after the warm-up.
    package var extraThreads: Int
    /// Mappings allowed beyond those present after the warm-up.
    package var extraMappings: Int

    package init(residentGrowthBytes: Int = 32 << 20, extraThreads: Int = 0, extraMappings: Int = 32) {
        self.residentGrowthBytes = residentGrowthBytes
        self.extraThreads = extraThreads
        self.extraMappings = extraMappings
    }
}
