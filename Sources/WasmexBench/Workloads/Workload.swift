/// How the harness drives a benchmark program and decides whether it ran correctly.
package enum WorkloadProtocol: String, Sendable, Hashable, Codable {
    /// A WASI command that calls `bench.start` / `bench.end` around the measured
    /// work; its stdout and stderr must equal the `.expected` files beside it.
    case sightglass
    /// Imports `env.clock_ms`, exports `run: [] -> [f32]` returning the CoreMark score.
    case coremark
}

/// One benchmark program found under the shared bench folder.
package struct Workload: Sendable, Hashable {
    /// The short, unique name used by `--workload` (e.g. `shootout-fib2`, `quicksort`, `coremark`).
    package let name: String
    /// The protocol the program follows.
    package let kind: WorkloadProtocol
    /// Absolute path of the `.wasm` file.
    package let wasmPath: String
    /// The program's own folder: its working directory, preopened as `.`.
    package let directory: String
    /// Expected stdout and stderr (sightglass only).
    package let expectedStdoutPath: String?
    package let expectedStderrPath: String?

    package init(name: String, kind: WorkloadProtocol, wasmPath: String, directory: String,
                expectedStdoutPath: String? = nil, expectedStderrPath: String? = nil) {
        self.name = name
        self.kind = kind
        self.wasmPath = wasmPath
        self.directory = directory
        self.expectedStdoutPath = expectedStdoutPath
        self.expectedStderrPath = expectedStderrPath
    }

    /// `argv` for the program: its name only (sightglass's convention).
    package var arguments: [String] {
        let file = wasmPath.split(separator: "/").last.map(String.init) ?? name
        return [file]
    }
}
