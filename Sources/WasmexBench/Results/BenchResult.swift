/// The outcome of one workload under one engine.
package struct BenchResult: Sendable, Equatable {
    package var workload: String
    package var kind: WorkloadProtocol
    package var engine: String
    /// Every run finished and produced the expected output (or a valid CoreMark score).
    package var correct: Bool
    /// Why the result is not correct (a trap, a link error, the first differing output line).
    package var error: String?
    /// Compile time of the one compilation.
    package var compileMs: Double?
    /// Median instantiation time over the runs.
    package var instantiateMs: Double?
    /// The measured work over the runs.
    package var runMs: TimingStats?
    /// Bytes to finished work, as a user of a fresh process without a cache
    /// waits for it: the compile, the first instantiation and the first run's
    /// measured work.
    package var endToEndMs: Double?
    /// Median CoreMark score (iterations/s, higher is better); nil for sightglass.
    package var score: Double?
    /// This engine's cost divided by the reference's cost on the same workload
    /// (below 1 means faster). Cost is the run time, or 1/score for CoreMark.
    package var ratioToInterp: Double?
    package var ratioToWasmtime: Double?
    /// ``endToEndMs`` divided by Wasmtime's on the same workload.
    package var endToEndRatioToWasmtime: Double?

    package init(workload: String, kind: WorkloadProtocol, engine: String, correct: Bool, error: String? = nil,
                compileMs: Double? = nil, instantiateMs: Double? = nil, runMs: TimingStats? = nil,
                score: Double? = nil, ratioToInterp: Double? = nil, ratioToWasmtime: Double? = nil) {
        self.workload = workload
        self.kind = kind
        self.engine = engine
        self.correct = correct
        self.error = error
        self.compileMs = compileMs
        self.instantiateMs = instantiateMs
        self.runMs = runMs
        self.score = score
        self.ratioToInterp = ratioToInterp
        self.ratioToWasmtime = ratioToWasmtime
    }

    /// The quantity ratios compare (lower is better): the median run time, or
    /// 1/score for CoreMark, whose run time is fixed by the program. Nil for
    /// incorrect results and for results without a positive cost.
    package var cost: Double? {
        guard correct else { return nil }
        switch kind {
        case .coremark:
            guard let score, score > 0, score.isFinite else { return nil }
            return 1 / score
        case .sightglass:
            guard let median = runMs?.median, median > 0 else { return nil }
            return median
        }
    }
}

/// Everything one harness run produced.
package struct BenchReport: Sendable, Equatable {
    package var results: [BenchResult]
    /// Engines that did not run and why, workloads skipped, and similar remarks.
    package var notes: [String]

    package init(results: [BenchResult], notes: [String] = []) {
        self.results = results
        self.notes = notes
    }
}
