import Foundation

/// Number formatting shared by the table, the chart and progress lines.
package enum ReportFormat {
    /// Milliseconds with precision that fits the magnitude (`0.012`, `4.57`, `81.3`, `2504`).
    package static func milliseconds(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "—" }
        if value > 0, value < 0.01 { return String(format: "%.2g", value) }
        let digits = value >= 100 ? 0 : value >= 10 ? 1 : value >= 1 ? 2 : 3
        return number(value, digits: digits)
    }

    /// A ratio such as `0.42×` or `37×`.
    package static func ratio(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "—" }
        if value > 0, value < 0.1 { return String(format: "%.2g", value) + "×" }
        let digits = value >= 10 ? 0 : value >= 1 ? 1 : 2
        return number(value, digits: digits) + "×"
    }

    /// `value` with a fixed number of decimals.
    package static func number(_ value: Double, digits: Int) -> String {
        String(format: "%.\(max(0, digits))f", value)
    }
}

/// The machine a report was measured on.
package struct MachineInfo: Sendable, Equatable {
    /// CPU model from `/proc/cpuinfo` ("unknown" elsewhere).
    package var cpuModel: String
    /// Online processors (`nproc`).
    package var processors: Int

    package init(cpuModel: String, processors: Int) {
        self.cpuModel = cpuModel
        self.processors = processors
    }

    /// Reads this machine's description.
    package static func current() -> MachineInfo {
        var model = "unknown"
        if let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
           let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
           let colon = line.firstIndex(of: ":") {
            model = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return MachineInfo(cpuModel: model, processors: ProcessInfo.processInfo.activeProcessorCount)
    }
}
