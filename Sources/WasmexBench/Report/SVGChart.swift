import Foundation

/// A horizontal bar chart of run-time ratios, one bar per result, grouped by
/// workload, on a log scale (ratios span orders of magnitude between an
/// interpreter and a compiler). The reference is `wasmtime` when the report
/// has wasmtime results, else `interp`; its bars sit at 1×.
package enum SVGChart {
    static let width = 960.0
    static let labelWidth = 230.0
    static let rightMargin = 70.0
    static let barHeight = 14.0
    static let barGap = 3.0
    static let groupGap = 12.0
    static let top = 78.0
    static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"]

    /// The reference engine the chart uses for `report`.
    package static func reference(for report: BenchReport) -> String {
        report.results.contains { $0.engine == EngineCatalog.wasmtimeName && $0.cost != nil }
            ? EngineCatalog.wasmtimeName : EngineCatalog.interpreterName
    }

    /// The SVG document. Results without a ratio (failed, or no reference) get a
    /// text note in their row instead of a bar.
    package static func render(_ report: BenchReport, title: String = "wasmex bench") -> String {
        let reference = reference(for: report)
        let ratioOf: (BenchResult) -> Double? = { reference == EngineCatalog.wasmtimeName ? $0.ratioToWasmtime : $0.ratioToInterp }
        var engines: [String] = []
        var workloads: [String] = []
        for result in report.results {
            if !engines.contains(result.engine) { engines.append(result.engine) }
            if !workloads.contains(result.workload) { workloads.append(result.workload) }
        }
        let ratios = report.results.compactMap(ratioOf).filter { $0 > 0 && $0.isFinite }
        let lowDecade = min(-1, floor(log10(ratios.min() ?? 1)))
        let highDecade = max(1, ceil(log10(ratios.max() ?? 1)))
        let plotWidth = width - labelWidth - rightMargin
        func x(_ ratio: Double) -> Double {
            labelWidth + (log10(ratio) - lowDecade) / (highDecade - lowDecade) * plotWidth
        }
        let rowsHeight = workloads.reduce(0.0) { total, workload in
            let count = Double(report.results.filter { $0.workload == workload }.count)
            return total + count * (barHeight + barGap) + groupGap
        }
        let height = top + rowsHeight + 40

        var svg = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(fmt(width))" height="\(fmt(height))" viewBox="0 0 \(fmt(width)) \(fmt(height))" font-family="sans-serif" font-size="11">
        <rect x="0" y="0" width="\(fmt(width))" height="\(fmt(height))" fill="white"/>
        <text x="\(fmt(width / 2))" y="20" text-anchor="middle" font-size="15" font-weight="bold">\(escape(title))</text>
        <text x="\(fmt(width / 2))" y="38" text-anchor="middle">run time relative to \(escape(reference)) (log scale; left of 1× is faster; CoreMark: inverse score)</text>

        """
        for (index, engine) in engines.enumerated() {
            let lx = labelWidth + Double(index) * 105
            svg += "<rect x=\"\(fmt(lx))\" y=\"50\" width=\"12\" height=\"12\" fill=\"\(color(index))\"/>"
            svg += "<text x=\"\(fmt(lx + 16))\" y=\"60\">\(escape(engine))</text>\n"
        }
        var decade = lowDecade
        while decade <= highDecade {
            let gx = x(pow(10, decade))
            let strong = decade == 0
            svg += "<line x1=\"\(fmt(gx))\" y1=\"\(fmt(top - 6))\" x2=\"\(fmt(gx))\" y2=\"\(fmt(top + rowsHeight))\" stroke=\"\(strong ? "#333" : "#ccc")\" stroke-width=\"\(strong ? 1.5 : 1)\"/>"
            svg += "<text x=\"\(fmt(gx))\" y=\"\(fmt(top + rowsHeight + 16))\" text-anchor=\"middle\">\(escape(ReportFormat.ratio(pow(10, decade))))</text>\n"
            decade += 1
        }
        var y = top
        for workload in workloads {
            let rows = report.results.filter { $0.workload == workload }
            let groupHeight = Double(rows.count) * (barHeight + barGap)
            svg += "<text x=\"\(fmt(labelWidth - 8))\" y=\"\(fmt(y + groupHeight / 2 + 4))\" text-anchor=\"end\" font-weight=\"bold\">\(escape(workload))</text>\n"
            for result in rows {
                let engineIndex = engines.firstIndex(of: result.engine) ?? 0
                if let ratio = ratioOf(result), ratio > 0, ratio.isFinite {
                    let end = x(ratio)
                    svg += "<rect class=\"bar\" x=\"\(fmt(labelWidth))\" y=\"\(fmt(y))\" width=\"\(fmt(max(1, end - labelWidth)))\" height=\"\(fmt(barHeight))\" fill=\"\(color(engineIndex))\">"
                    svg += "<title>\(escape("\(result.workload) · \(result.engine): \(ReportFormat.ratio(ratio))"))</title></rect>"
                    svg += "<text x=\"\(fmt(max(end, labelWidth) + 4))\" y=\"\(fmt(y + barHeight - 3))\">\(escape(ReportFormat.ratio(ratio)))</text>\n"
                } else {
                    let note = result.correct ? "no ratio" : "failed"
                    svg += "<text class=\"missing\" x=\"\(fmt(labelWidth + 4))\" y=\"\(fmt(y + barHeight - 3))\" fill=\"#b00\">\(escape("\(result.engine): \(note)"))</text>\n"
                }
                y += barHeight + barGap
            }
            y += groupGap
        }
        svg += "</svg>\n"
        return svg
    }

    private static func color(_ index: Int) -> String { palette[index % palette.count] }

    private static func fmt(_ value: Double) -> String { String(format: "%.1f", value) }

    /// Escapes text for XML content and attribute values.
    static func escape(_ text: String) -> String {
        var output = ""
        for character in text {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&apos;"
            default: output.append(character)
            }
        }
        return output
    }
}
