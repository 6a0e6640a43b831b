/// Whether an engine can run on this machine, and why not.
package enum EngineAvailability: Sendable, Equatable {
    case available
    /// The engine is known but cannot run here; the note says why.
    case unavailable(String)
}

/// One instantiate-and-run of a workload.
package struct RunSample: Sendable, Equatable {
    /// Wall time to instantiate (link imports, create memories, run the start function).
    package var instantiateMs: Double
    /// The measured work: between `bench.start` and `bench.end` (sightglass),
    /// or the `run` call (CoreMark).
    package var runMs: Double
    /// What the program wrote (sightglass; empty for CoreMark).
    package var stdout: [UInt8]
    package var stderr: [UInt8]
    /// The WASI exit status (0 when `_start` returns normally).
    package var exitCode: UInt32
    /// CoreMark's score (iterations per second), nil for sightglass.
    package var score: Double?

    package init(instantiateMs: Double, runMs: Double, stdout: [UInt8] = [], stderr: [UInt8] = [],
                exitCode: UInt32 = 0, score: Double? = nil) {
        self.instantiateMs = instantiateMs
        self.runMs = runMs
        self.stdout = stdout
        self.stderr = stderr
        self.exitCode = exitCode
        self.score = score
    }
}

/// An engine's raw measurements of one workload: one compile, then `runs` samples.
package struct EngineMeasurement: Sendable, Equatable {
    /// Wall time to turn the bytes into a runnable module (decode, validate, compile).
    package var compileMs: Double
    package var samples: [RunSample]

    package init(compileMs: Double, samples: [RunSample]) {
        self.compileMs = compileMs
        self.samples = samples
    }
}

/// Something that can run benchmark workloads: our JIT at some -O level, the
/// WasmKit interpreter, Wasmtime, … Add an engine by conforming to this
/// protocol and listing it in ``EngineCatalog``.
///
/// Contract: compile the module once, then instantiate and run it `runs`
/// times, each run in a fresh instance (a WASI command runs only once per
/// instance). Sightglass programs run with their folder preopened as `.` and
/// as the working directory, `argv = [file name]`, stdin empty, stdout and
/// stderr captured. A trap, link error or protocol violation throws
/// ``BenchError/engineFailure(engine:workload:reason:)``; output checking is the
/// harness's job.
package protocol BenchEngine: AnyObject {
    /// The name used by `--engine` and in reports.
    var name: String { get }
    /// Checked once before any workload runs.
    var availability: EngineAvailability { get }
    /// Compiles `workload` once and runs it `runs` times.
    func measure(_ workload: Workload, runs: Int) throws(BenchError) -> EngineMeasurement
}
