/// Turns a ``SpecReport`` into the summary, failure lists and JSON that `wasmex spec` prints
/// (the table itself comes from ``SpecTableWriter``).
package enum SpecReportFormatter {
    /// One line per total, including message mismatches and the most common skip reasons.
    package static func summary(_ report: SpecReport) -> String {
        var skipReasons: [String: Int] = [:]
        for file in report.files {
            for (reason, count) in file.skipReasons { skipReasons[reason, default: 0] += count }
        }
        var lines = [
            "files: \(report.files.count)  passed: \(report.passed)  failed: \(report.failed)  skipped: \(report.skipped)",
            "message mismatches (passed, wording differs): \(report.messageMismatches)",
        ]
        for (reason, count) in skipReasons.sorted(by: { $0.value > $1.value }).prefix(5) {
            lines.append("skipped \(count): \(reason)")
        }
        return lines.joined(separator: "\n")
    }

    /// The failures of each file as `file:line: command: reason`, at most `limit` per file.
    package static func failures(_ report: SpecReport, limit: Int) -> String {
        var lines: [String] = []
        for file in report.files where !file.failures.isEmpty {
            for failure in file.failures.prefix(limit) {
                lines.append("\(file.file):\(failure.line): \(failure.command): \(failure.reason)")
            }
            if file.failures.count > limit {
                lines.append("\(file.file): … and \(file.failures.count - limit) more failures")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The message mismatches of each file, at most `limit` per file.
    package static func mismatches(_ report: SpecReport, limit: Int) -> String {
        var lines: [String] = []
        for file in report.files where !file.messageMismatches.isEmpty {
            for mismatch in file.messageMismatches.prefix(limit) {
                lines.append("\(file.file):\(mismatch.line): \(mismatch.command): expected \"\(mismatch.expected)\", got \"\(mismatch.actual)\"")
            }
            if file.messageMismatches.count > limit {
                lines.append("\(file.file): … and \(file.messageMismatches.count - limit) more mismatches")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `{"files":[{"file":…,"passed":N,"failed":N,"skipped":N}],"passed":N,"failed":N,"skipped":N}`
    package static func json(_ report: SpecReport) -> String {
        let files = report.files.map { file in
            "{\"file\":\(jsonString(file.file)),\"passed\":\(file.passed),\"failed\":\(file.failed),\"skipped\":\(file.skipped)}"
        }
        return "{\"files\":[\(files.joined(separator: ","))],\"passed\":\(report.passed),\"failed\":\(report.failed),\"skipped\":\(report.skipped)}"
    }

    /// A JSON string literal for `text`.
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
