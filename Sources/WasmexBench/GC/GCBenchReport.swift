import Foundation
import Wasmex

/// The figures of `wasmex bench gc`: per engine, the median run's wall time,
/// allocation rate and collector figures, and whether every run was right.
package struct GCBenchReport: Sendable {
    package var depth: Int
    package var runs: Int
    package var modulePath: String
    package var measurements: [GCEngineMeasurement]

    package init(depth: Int, runs: Int, modulePath: String, measurements: [GCEngineMeasurement]) {
        self.depth = depth
        self.runs = runs
        self.modulePath = modulePath
        self.measurements = measurements
    }

    /// Objects one `run(depth)` allocates (exact, from the tree sizes).
    package var allocations: Int { BinaryTrees.allocations(depth: depth) }

    /// Why a measurement is not right, or nil: a wrong result, or (Wasmex)
    /// a heap that did not count exactly one 32-byte node per allocation.
    package func problem(_ measurement: GCEngineMeasurement) -> String? {
        if let failure = measurement.failure { return failure }
        let expected = BinaryTrees.expectedResult(depth: depth)
        for (index, sample) in measurement.samples.enumerated() {
            if sample.result != expected { return "run \(index + 1) returned \(sample.result), expected \(expected)" }
            if let stats = sample.statistics, stats.allocatedBytes != UInt64(allocations * BinaryTrees.nodeBytes) {
                return "run \(index + 1): the heap counted \(stats.allocatedBytes) bytes allocated, expected \(allocations) × \(BinaryTrees.nodeBytes)"
            }
        }
        return measurement.samples.count == runs ? nil : "\(measurement.samples.count) of \(runs) runs"
    }

    /// Every engine that failed or gave a wrong answer, in words (empty: none).
    package var problems: [String] {
        measurements.compactMap { measurement in problem(measurement).map { "\(measurement.engine): \($0)" } }
    }

    static let headers = ["engine", "ok", "compile ms", "run ms median (min–max)", "Mobjects/s", "MB/s",
                          "GCs", "GC total ms", "GC max ms", "GC share"]

    /// The table (Markdown) and its notes.
    package var lines: [String] {
        var lines = [
            "binary-trees depth \(depth): \(Self.grouped(allocations)) objects allocated per run (exact: stretch tree "
                + "2^\(depth + 2)-1, long-lived tree 2^\(depth + 1)-1, 2^(\(depth)-d+4) trees of 2^(d+1)-1 nodes for d = 4, 6, …, \(depth)), "
                + "\(runs) run\(runs == 1 ? "" : "s") per engine, a fresh store each",
            "",
        ]
        lines += MarkdownTable.render(headers: Self.headers, rows: measurements.map(row), leftColumns: 2)
        lines.append("")
        lines.append("- A row shows the median run (by wall time of the `run` call); `GC max ms` is the longest pause of all runs.")
        lines.append("- Mobjects/s: the exact allocation count / run time. MB/s (10^6 bytes): the store's `allocatedBytes` / run time "
            + "(Wasmex: \(BinaryTrees.nodeBytes) bytes per node, 16-byte header + two references). GC share: total pause / run time.")
        if measurements.contains(where: { $0.engine == "wasmtime" }) {
            lines.append("- wasmtime: n/a = not measurable. The wasmtime Python package (Wasmtime's C API) reports no collector "
                + "statistics: no collection count, bytes allocated or pause times, and its objects' sizes follow its own layout. "
                + "Its Mobjects/s uses the same exact allocation count.")
        }
        for measurement in measurements {
            if let problem = problem(measurement) { lines.append("- \(measurement.engine): FAILED: \(problem)") }
        }
        return lines
    }

    func row(_ measurement: GCEngineMeasurement) -> [String] {
        let ok = problem(measurement) == nil ? "yes" : "NO"
        guard let median = measurement.medianSample else {
            return [measurement.engine, ok, "—", "—", "—", "—", "—", "—", "—", "—"]
        }
        let times = measurement.samples.map { Double($0.runNanoseconds) / 1e6 }
        let run = "\(ReportFormat.milliseconds(Double(median.runNanoseconds) / 1e6)) "
            + "(\(ReportFormat.milliseconds(times.min()))–\(ReportFormat.milliseconds(times.max())))"
        let seconds = median.runSeconds
        let objectsPerSecond = seconds > 0 ? ReportFormat.number(Double(allocations) / seconds / 1e6, digits: 1) : "—"
        guard let stats = median.statistics else {
            return [measurement.engine, ok, ReportFormat.milliseconds(measurement.compileMilliseconds), run, objectsPerSecond,
                    "n/a", "n/a", "n/a", "n/a", "n/a"]
        }
        let maxPause = measurement.samples.compactMap { $0.statistics?.maxPauseNanoseconds }.max() ?? 0
        let megabytesPerSecond = seconds > 0 ? ReportFormat.number(Double(stats.allocatedBytes) / seconds / 1e6, digits: 0) : "—"
        let share = seconds > 0 ? ReportFormat.number(Double(stats.totalPauseNanoseconds) / Double(median.runNanoseconds) * 100, digits: 1) + " %" : "—"
        return [measurement.engine, ok, ReportFormat.milliseconds(measurement.compileMilliseconds), run, objectsPerSecond,
                megabytesPerSecond, String(stats.collections), ReportFormat.milliseconds(Double(stats.totalPauseNanoseconds) / 1e6),
                ReportFormat.milliseconds(Double(maxPause) / 1e6), share]
    }

    /// `1234567` as `1,234,567`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }
}

/// A plain-text table that is also Markdown: the first `leftColumns` columns
/// left-aligned, the others right-aligned.
enum MarkdownTable {
    static func render(headers: [String], rows: [[String]], leftColumns: Int) -> [String] {
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            "| " + cells.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: max(0, widths[index] - cell.count))
                return index < leftColumns ? cell + padding : padding + cell
            }.joined(separator: " | ") + " |"
        }
        var output = [line(headers)]
        output.append("|" + widths.enumerated().map { index, width in
            String(repeating: "-", count: width + 1) + (index < leftColumns ? "-" : ":")
        }.joined(separator: "|") + "|")
        output += rows.map(line)
        return output
    }
}
