import Foundation

/// Wasmtime (Cranelift, default settings) through the PyPI `wasmtime` package
/// in the project's virtualenv, driven by `wasmtime_runner.py`.
///
/// The runner compiles once and runs all samples in one Python process, so
/// Python's start-up is not measured; times are taken inside Python.
package final class WasmtimeEngine: BenchEngine {
    package let name = "wasmtime"
    let python: String
    let runner: String
    private lazy var probed: EngineAvailability = probe()

    /// Uses `python` (default: `.venv/bin/python`) to run `runner`.
    package init(python: String = BenchPaths.venvPython, runner: String = BenchPaths.wasmtimeRunner) {
        self.python = python
        self.runner = runner
    }

    package var availability: EngineAvailability { probed }

    package func measure(_ workload: Workload, runs: Int) throws(BenchError) -> EngineMeasurement {
        let arguments = ["--kind", workload.kind.rawValue, "--wasm", workload.wasmPath, "--runs", String(runs),
                         "--dir", workload.directory, "--arg0", workload.arguments.first ?? workload.name]
        let object: [String: Any]
        do {
            object = try invoke(arguments)
        } catch {
            throw .failure(name, workload, error)
        }
        return try MeasurementCodec.decode(object, engine: name, workload: workload)
    }

    private func probe() -> EngineAvailability {
        guard FileManager.default.isExecutableFile(atPath: python) else {
            return .unavailable("no Python at \(python) (create the virtualenv: make venv)")
        }
        guard FileManager.default.fileExists(atPath: runner) else {
            return .unavailable("runner script \(runner) is missing")
        }
        do {
            _ = try invoke(["--probe"])
            return .available
        } catch {
            return .unavailable("the wasmtime Python package is not usable: \(error)")
        }
    }

    /// Runs the script and parses its JSON object; a reported `error` is thrown.
    private func invoke(_ arguments: [String]) throws(JSONSubprocess.Failure) -> [String: Any] {
        try JSONSubprocess.run(python, [runner] + arguments)
    }
}
