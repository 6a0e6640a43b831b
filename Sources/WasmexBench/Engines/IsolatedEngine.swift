/// Runs another engine in a child process (`<childCommand> --child --engine NAME …`),
/// so a crash in generated code or the runtime costs one result, not the whole
/// benchmark, and no engine inherits another's heap. The child measures
/// exactly as in process; only its JSON result crosses the boundary.
package final class IsolatedEngine: BenchEngine {
    let inner: any BenchEngine
    let childCommand: [String]
    let benchDirectory: String

    /// Wraps `inner`; `childCommand` is the executable and arguments that reach
    /// `wasmex bench run` (see ``BenchSession/runChild()``).
    package init(_ inner: any BenchEngine, childCommand: [String], benchDirectory: String) {
        self.inner = inner
        self.childCommand = childCommand
        self.benchDirectory = benchDirectory
    }

    package var name: String { inner.name }
    package var availability: EngineAvailability { inner.availability }

    package func measure(_ workload: Workload, runs: Int) throws(BenchError) -> EngineMeasurement {
        guard let executable = childCommand.first else {
            throw .failure(name, workload, "no child command to isolate the engine with")
        }
        let arguments = Array(childCommand.dropFirst()) + [
            "--child", "--engine", name, "--workload", workload.name, "--runs", String(runs),
            "--bench-dir", benchDirectory,
        ]
        let object: [String: Any]
        do {
            object = try JSONSubprocess.run(executable, arguments)
        } catch {
            throw .failure(name, workload, error.description)
        }
        return try MeasurementCodec.decode(object, engine: name, workload: workload)
    }
}
