import Foundation

/// What `wasmex bench` was asked to do.
package struct BenchOptions: Sendable {
    /// Engine names (`--engine`, repeatable); empty means ``EngineCatalog/defaultNames``.
    package var engines: [String] = []
    /// Workload names (`--workload`, repeatable); empty means every workload found.
    package var workloads: [String] = []
    /// Runs per workload and engine.
    package var runs = 3
    /// Where to write the JSON report and the SVG chart, if anywhere.
    package var jsonPath: String?
    package var svgPath: String?
    /// The workload folder; nil means `<shared>/bench`.
    package var benchDirectory: String?
    /// How to start `wasmex bench run` again as a child process (executable first).
    /// When set, in-process engines (jit, interp) run isolated in children.
    package var childCommand: [String]?

    package init() {}
}

/// One `wasmex bench` invocation: find workloads, run engines, print and write the report.
package struct BenchSession {
    package var options: BenchOptions
    /// Where the table and progress go (the CLI passes `print`).
    package var output: (String) -> Void

    package init(options: BenchOptions, output: @escaping (String) -> Void) {
        self.options = options
        self.output = output
    }

    /// Runs the benchmarks and returns the report (also printed and written as asked).
    @discardableResult
    package func run() throws(BenchError) -> BenchReport {
        let root = options.benchDirectory ?? BenchPaths.benchRoot()
        let discovery = try WorkloadDiscovery.discover(in: root)
        for skipped in discovery.skipped { output("skipped \(skipped.path): \(skipped.reason)") }
        let workloads = try WorkloadDiscovery.select(options.workloads, from: discovery.workloads)
        guard !workloads.isEmpty else { throw .benchDirectoryMissing(root + " (no workloads)") }
        let engines = try EngineCatalog.resolve(options.engines, isolation: options.childCommand.map { ($0, root) })
        let harness = try BenchHarness(runs: options.runs, progress: output)
        output("\(workloads.count) workload(s) from \(root), engines: \(engines.map(\.name).joined(separator: ", ")), \(options.runs) run(s) each")
        let report = harness.run(workloads: workloads, engines: engines)
        output("")
        output(ReportTable.render(report))
        for note in report.notes { output("note: \(note)") }
        let machine = MachineInfo.current()
        if let path = options.jsonPath {
            try write(JSONReport.document(report, runs: options.runs, machine: machine), to: path)
            output("wrote \(path)")
        }
        if let path = options.svgPath {
            let title = "wasmex bench — \(machine.cpuModel), \(machine.processors) cores, \(options.runs) run(s)"
            try write(SVGChart.render(report, title: title), to: path)
            output("wrote \(path)")
        }
        return report
    }

    /// The child side of ``IsolatedEngine``: measures one workload under one
    /// engine in this process and writes the measurement (or `{"error": …}`) as JSON.
    /// Returns false when it reported an error.
    package func runChild() -> Bool {
        do throws(BenchError) {
            guard options.engines.count == 1, options.workloads.count == 1 else {
                throw .invalidArgument("--child needs exactly one --engine and one --workload")
            }
            let root = options.benchDirectory ?? BenchPaths.benchRoot()
            let found = try WorkloadDiscovery.discover(in: root).workloads
            guard let workload = try WorkloadDiscovery.select(options.workloads, from: found).first else {
                throw .unknownWorkload(name: options.workloads[0], known: found.map(\.name))
            }
            let engine = try EngineCatalog.make(options.engines[0])
            let measurement = try engine.measure(workload, runs: try BenchHarness(runs: options.runs).runs)
            output(MeasurementCodec.encode(measurement))
            return true
        } catch {
            output(JSONValue.object([("error", .string(error.description))]).serialized())
            return false
        }
    }

    /// Lists the workloads and engines without running anything.
    package func list() throws(BenchError) {
        let root = options.benchDirectory ?? BenchPaths.benchRoot()
        let discovery = try WorkloadDiscovery.discover(in: root)
        output("workloads in \(root):")
        for workload in discovery.workloads { output("  \(workload.name) (\(workload.kind.rawValue))") }
        for skipped in discovery.skipped { output("  skipped \(skipped.path): \(skipped.reason)") }
        output("engines:")
        for name in EngineCatalog.names {
            let engine = try EngineCatalog.make(name)
            switch engine.availability {
            case .available: output("  \(name)")
            case .unavailable(let reason): output("  \(name) (unavailable: \(reason))")
            }
        }
    }

    private func write(_ text: String, to path: String) throws(BenchError) {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw .io(path: path, reason: error.localizedDescription)
        }
    }
}
