import Foundation

/// Wasmtime as the fuel oracle: runs ``FuelScenario``s through the PyPI
/// `wasmtime` package (in `<package>/.venv`, `make venv`) in a child Python
/// process and returns what happened, in the same shape as the Wasmex side.
enum WasmtimeFuelOracle {
    static var python: URL { SpecTestSupport.packageRoot.appendingPathComponent(".venv/bin/python") }

    /// Whether the virtualenv's Python exists and can import `wasmtime`.
    static let isAvailable: Bool = {
        guard FileManager.default.isExecutableFile(atPath: python.path) else { return false }
        return (try? runPython(arguments: ["-c", "import wasmtime"], input: Data()).status) == 0
    }()

    /// The Wasmtime package version, for the report.
    static var version: String {
        let script = "import importlib.metadata as m; print(m.version('wasmtime'))"
        guard let run = try? runPython(arguments: ["-c", script], input: Data()), run.status == 0 else { return "?" }
        return String(decoding: run.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs every scenario in one child process: per scenario, per fuel amount, the step records.
    static func run(_ scenarios: [FuelScenario]) throws -> [[[FuelRunRecord]]] {
        let run = try runPython(arguments: ["-c", script], input: JSONEncoder().encode(scenarios))
        guard run.status == 0 else {
            throw OracleError(message: "wasmtime oracle exited \(run.status): \(String(decoding: run.error, as: UTF8.self))")
        }
        return try JSONDecoder().decode([[[FuelRunRecord]]].self, from: run.output)
    }

    struct OracleError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    private static func runPython(arguments: [String], input: Data) throws -> (status: Int32, output: Data, error: Data) {
        let process = Process()
        process.executableURL = python
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let errorReader = Thread.detachNewThreadReadingToEnd(stderr.fileHandleForReading)
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, output, errorReader.wait())
    }

    /// The Python side: the same steps as ``FuelScenario/runOnWasmex(engine:)``.
    private static let script = #"""
import json, sys, wasmtime as w

config = w.Config()
config.consume_fuel = True
engine = w.Engine(config)

def kind(error):
    return "fuel" if "all fuel consumed" in str(error) else "trap"

def values(result):
    if result is None:
        return []
    if isinstance(result, (list, tuple)):
        return [int(v) for v in result]
    return [int(result)]

def run(scenario, module, fuel):
    store = w.Store(engine)
    store.set_fuel(fuel)
    seen = []
    imports = []
    if scenario["probe"]:
        imports.append(w.Func(store, w.FuncType([], []), lambda: seen.append(store.get_fuel())))
    records = []
    try:
        instance = w.Instance(store, module, imports)
        records.append({"kind": "ok", "values": [], "fuel": store.get_fuel(), "seen": list(seen)})
    except Exception as error:
        records.append({"kind": kind(error), "values": [], "fuel": store.get_fuel(), "seen": list(seen)})
        return records
    for call in scenario["calls"]:
        del seen[:]
        function = instance.exports(store)[call["name"]]
        try:
            result = function(store, *call["arguments"])
            records.append({"kind": "ok", "values": values(result), "fuel": store.get_fuel(), "seen": list(seen)})
        except Exception as error:
            records.append({"kind": kind(error), "values": [], "fuel": store.get_fuel(), "seen": list(seen)})
    return records

output = []
for scenario in json.load(sys.stdin):
    module = w.Module(engine, scenario["wat"])
    output.append([run(scenario, module, fuel) for fuel in scenario["fuels"]])
json.dump(output, sys.stdout)
"""#
}

private extension Thread {
    /// Reads `handle` to its end on a new thread (so a full stderr pipe cannot block the child).
    static func detachNewThreadReadingToEnd(_ handle: FileHandle) -> PendingData {
        let pending = PendingData()
        Thread.detachNewThread {
            pending.finish(handle.readDataToEndOfFile())
        }
        return pending
    }
}

/// Data produced on another thread, waited for once.
private final class PendingData: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    func finish(_ value: Data) {
        data = value
        done.signal()
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
