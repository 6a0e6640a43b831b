/// The plain-text table `wasmex bench` prints (also valid Markdown).
package enum ReportTable {
    static let headers = ["workload", "engine", "ok", "compile ms", "inst ms", "run ms median (min–max)",
                          "score", "vs interp", "vs wasmtime", "end to end ms", "e2e vs wasmtime"]

    /// The table with one row per result, then one geometric-mean row per engine.
    package static func render(_ report: BenchReport) -> String {
        var rows = report.results.map(row)
        rows += summaryRows(report.results)
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            "| " + cells.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                return index < 3 ? cell + padding : padding + cell
            }.joined(separator: " | ") + " |"
        }
        var output = [line(headers)]
        output.append("|" + widths.enumerated().map { index, width in
            String(repeating: "-", count: width + 1) + (index < 3 ? "-" : ":")
        }.joined(separator: "|") + "|")
        output += rows.map(line)
        return output.joined(separator: "\n") + "\n"
    }

    static func row(_ result: BenchResult) -> [String] {
        let run = result.runMs.map {
            "\(ReportFormat.milliseconds($0.median)) (\(ReportFormat.milliseconds($0.min))–\(ReportFormat.milliseconds($0.max)))"
        } ?? "—"
        return [
            result.workload, result.engine, result.correct ? "yes" : "NO",
            ReportFormat.milliseconds(result.compileMs), ReportFormat.milliseconds(result.instantiateMs), run,
            result.score.map { ReportFormat.number($0, digits: 0) } ?? "",
            ReportFormat.ratio(result.ratioToInterp), ReportFormat.ratio(result.ratioToWasmtime),
            ReportFormat.milliseconds(result.endToEndMs), ReportFormat.ratio(result.endToEndRatioToWasmtime),
        ]
    }

    /// Results whose reference run took under this many milliseconds are left
    /// out of the geometric means: their ratios measure timer noise.
    package static let shortestComparableMs = 1.0

    /// "geomean" rows: per engine, the geometric mean of its ratios over comparable workloads.
    static func summaryRows(_ results: [BenchResult]) -> [[String]] {
        let referenceTimes = Dictionary(
            results.filter { $0.engine == EngineCatalog.interpreterName || $0.engine == EngineCatalog.wasmtimeName }
                .map { ("\($0.workload)/\($0.engine)", $0) }, uniquingKeysWith: { first, _ in first })
        func comparable(_ result: BenchResult, _ reference: String) -> Bool {
            guard let other = referenceTimes["\(result.workload)/\(reference)"] else { return false }
            if result.kind == .coremark { return true }
            return (other.runMs?.median ?? 0) >= shortestComparableMs && (result.runMs?.median ?? 0) >= shortestComparableMs
        }
        var engines: [String] = []
        for result in results where !engines.contains(result.engine) { engines.append(result.engine) }
        return engines.compactMap { engine in
            let mine = results.filter { $0.engine == engine }
            let toInterp = Ratios.geometricMean(mine.filter { comparable($0, EngineCatalog.interpreterName) }.compactMap(\.ratioToInterp))
            let toWasmtime = Ratios.geometricMean(mine.filter { comparable($0, EngineCatalog.wasmtimeName) }.compactMap(\.ratioToWasmtime))
            let endToEnd = Ratios.geometricMean(mine.compactMap(\.endToEndRatioToWasmtime))
            guard toInterp != nil || toWasmtime != nil || endToEnd != nil else { return nil }
            return ["geomean", engine, "", "", "", "", "", ReportFormat.ratio(toInterp), ReportFormat.ratio(toWasmtime),
                    "", ReportFormat.ratio(endToEnd)]
        }
    }
}
