/// Runs workloads under engines and turns raw measurements into checked results.
package struct BenchHarness {
    /// Instantiate-and-run repetitions per workload and engine (at least 1).
    package var runs: Int
    /// Receives one line per step (what is running, what it took).
    package var progress: (String) -> Void

    package init(runs: Int, progress: @escaping (String) -> Void = { _ in }) throws(BenchError) {
        guard runs >= 1 else { throw .invalidArgument("--runs must be at least 1 (got \(runs))") }
        self.runs = runs
        self.progress = progress
    }

    /// Runs every workload under every available engine, in order, and computes the ratios.
    /// An engine failing on a workload gives an incorrect result, not an error.
    package func run(workloads: [Workload], engines: [any BenchEngine]) -> BenchReport {
        var notes: [String] = []
        var ready: [any BenchEngine] = []
        for engine in engines {
            switch engine.availability {
            case .available: ready.append(engine)
            case .unavailable(let reason): notes.append("\(engine.name): unavailable — \(reason)")
            }
        }
        notes.forEach(progress)
        var results: [BenchResult] = []
        let total = workloads.count * ready.count
        var step = 0
        for workload in workloads {
            let expected: Result<ExpectedOutput, BenchError> = workload.kind == .sightglass
                ? Result { () throws(BenchError) in try ExpectedOutput(of: workload) }
                : .success(ExpectedOutput(stdout: [], stderr: []))
            for engine in ready {
                step += 1
                let result: BenchResult
                do {
                    let measurement = try engine.measure(workload, runs: runs)
                    result = Self.evaluate(measurement, workload: workload, engine: engine.name, expected: try expected.get())
                } catch {
                    result = BenchResult(workload: workload.name, kind: workload.kind, engine: engine.name,
                                         correct: false, error: Self.reason(error))
                }
                progress("[\(step)/\(total)] \(workload.name) · \(engine.name): \(Self.summary(result))")
                results.append(result)
            }
        }
        return BenchReport(results: Ratios.apply(to: results), notes: notes)
    }

    /// Checks every sample (exit status, output or score) and summarises the timings.
    package static func evaluate(_ measurement: EngineMeasurement, workload: Workload, engine: String,
                                expected: ExpectedOutput) -> BenchResult {
        var result = BenchResult(
            workload: workload.name, kind: workload.kind, engine: engine, correct: true,
            compileMs: measurement.compileMs,
            instantiateMs: TimingStats(measurement.samples.map(\.instantiateMs))?.median,
            runMs: TimingStats(measurement.samples.map(\.runMs)))
        if let first = measurement.samples.first {
            result.endToEndMs = measurement.compileMs + first.instantiateMs + first.runMs
        }
        if measurement.samples.isEmpty {
            result.correct = false
            result.error = "no runs were measured"
        }
        for (index, sample) in measurement.samples.enumerated() {
            if let problem = check(sample, kind: workload.kind, expected: expected) {
                result.correct = false
                result.error = measurement.samples.count > 1 ? "run \(index + 1): \(problem)" : problem
                break
            }
        }
        if workload.kind == .coremark {
            result.score = TimingStats(measurement.samples.compactMap(\.score))?.median
        }
        return result
    }

    /// Why one sample is wrong, or nil when it is right.
    static func check(_ sample: RunSample, kind: WorkloadProtocol, expected: ExpectedOutput) -> String? {
        guard sample.exitCode == 0 else { return "exited with status \(sample.exitCode)" }
        switch kind {
        case .sightglass:
            return expected.mismatch(stdout: sample.stdout, stderr: sample.stderr)
        case .coremark:
            guard let score = sample.score else { return "no CoreMark score" }
            guard score.isFinite, score > 0 else {
                return "invalid CoreMark score \(score) (CoreMark reports 0 when its self-check fails or its timed run lasts under 10 s)"
            }
            return nil
        }
    }

    /// The message of a failure without the "engine on workload:" prefix the report already shows.
    static func reason(_ error: BenchError) -> String {
        if case .engineFailure(_, _, let reason) = error { return reason }
        return error.description
    }

    private static func summary(_ result: BenchResult) -> String {
        guard result.correct else { return "FAILED — \(result.error ?? "unknown error")" }
        var text = "run \(ReportFormat.milliseconds(result.runMs?.median))"
        if let score = result.score { text += ", score \(ReportFormat.number(score, digits: 0))" }
        return text
    }
}
