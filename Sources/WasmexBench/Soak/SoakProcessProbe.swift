import Foundation

/// What the soak test watches in its own process, read from `/proc/self`.
package struct SoakProcessSample: Sendable, Equatable {
    /// Resident set size in bytes (`VmRSS` of `/proc/self/status`).
    package var residentBytes: Int
    /// Threads (`/proc/self/task` entries).
    package var threads: Int
    /// Memory mappings (`/proc/self/maps` lines).
    package var mappings: Int

    package init(residentBytes: Int, threads: Int, mappings: Int) {
        self.residentBytes = residentBytes
        self.threads = threads
        self.mappings = mappings
    }

    /// The current values.
    package static func now() -> SoakProcessSample {
        SoakProcessSample(residentBytes: residentBytes(), threads: threads(), mappings: mappings())
    }

    private static func residentBytes() -> Int {
        guard let status = read("/proc/self/status") else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
            return kilobytes * 1024
        }
        return 0
    }

    private static func threads() -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").count) ?? 0
    }

    private static func mappings() -> Int {
        guard let maps = read("/proc/self/maps") else { return 0 }
        return maps.split(separator: "\n").count
    }

    /// The whole of a `/proc` file. They report a size of 0, so read until
    /// end of file rather than trusting the size (a one-shot read of maps
    /// stops after the first page).
    private static func read(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.readToEnd() else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
