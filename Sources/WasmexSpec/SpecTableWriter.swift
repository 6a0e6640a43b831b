/// Formats the per-file results table one row at a time, so rows can be printed as files finish.
package struct SpecTableWriter: Sendable {
    private let width: Int

    /// Sizes the file column for `files` (paths; the table shows their last component).
    package init(files: [String]) {
        width = max(files.map { Self.displayName($0).count }.max() ?? 0, "TOTAL".count)
    }

    /// The column titles.
    package var header: String { pad("file") + "  " + Self.cells("passed", "failed", "skipped") }

    /// One file's counts.
    package func row(_ result: SpecFileResult) -> String {
        pad(Self.displayName(result.file)) + "  "
            + Self.cells(String(result.passed), String(result.failed), String(result.skipped))
    }

    /// A rule and the totals.
    package func footer(_ report: SpecReport) -> String {
        String(repeating: "-", count: width + 2 + 26) + "\n" + pad("TOTAL") + "  "
            + Self.cells(String(report.passed), String(report.failed), String(report.skipped))
    }

    /// The whole table for a finished report.
    package static func table(_ report: SpecReport) -> String {
        let writer = SpecTableWriter(files: report.files.map(\.file))
        return ([writer.header] + report.files.map(writer.row) + [writer.footer(report)]).joined(separator: "\n")
    }

    private func pad(_ text: String) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    private static func displayName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    private static func cells(_ values: String...) -> String {
        values.map { String(repeating: " ", count: max(0, 8 - $0.count)) + $0 }.joined(separator: " ")
    }
}
