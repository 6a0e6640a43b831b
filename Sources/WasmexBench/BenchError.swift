/// Everything that can stop the benchmark harness, with a message for the user.
///
/// A workload that runs but misbehaves under one engine (a trap, wrong output)
/// is not a `BenchError`: it becomes a result marked incorrect, so the other
/// engines and workloads still run.
package enum BenchError: Error, CustomStringConvertible, Equatable {
    /// The benchmark directory is missing or unreadable.
    case benchDirectoryMissing(String)
    /// `--workload NAME` matched nothing (or several workloads).
    case unknownWorkload(name: String, known: [String])
    case ambiguousWorkload(name: String, matches: [String])
    /// `--engine NAME` is not an engine the harness knows.
    case unknownEngine(name: String, known: [String])
    /// A file could not be read or written.
    case io(path: String, reason: String)
    /// A command-line value is out of range (e.g. `--runs 0`).
    case invalidArgument(String)
    /// An engine failed to run a workload (compile, link, trap, protocol violation).
    case engineFailure(engine: String, workload: String, reason: String)

    package var description: String {
        switch self {
        case .benchDirectoryMissing(let path):
            "benchmark directory '\(path)' not found (set WASMEX_SHARED to the shared folder)"
        case .unknownWorkload(let name, let known):
            "unknown workload '\(name)'; known: \(known.joined(separator: ", "))"
        case .ambiguousWorkload(let name, let matches):
            "workload '\(name)' is ambiguous: \(matches.joined(separator: ", "))"
        case .unknownEngine(let name, let known):
            "unknown engine '\(name)'; known: \(known.joined(separator: ", "))"
        case .io(let path, let reason):
            "\(path): \(reason)"
        case .invalidArgument(let message):
            message
        case .engineFailure(let engine, let workload, let reason):
            "\(engine) on \(workload): \(reason)"
        }
    }
}
