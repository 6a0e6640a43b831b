import Foundation

/// The exact stdout and stderr a sightglass program must produce.
package struct ExpectedOutput: Sendable, Equatable {
    package var stdout: [UInt8]
    package var stderr: [UInt8]

    package init(stdout: [UInt8], stderr: [UInt8]) {
        self.stdout = stdout
        self.stderr = stderr
    }

    /// Loads the `.expected` files of `workload` (a missing stderr file means "empty").
    package init(of workload: Workload) throws(BenchError) {
        stdout = try workload.expectedStdoutPath.map(Self.read) ?? []
        stderr = try workload.expectedStderrPath.map(Self.read) ?? []
    }

    /// Why `stdout`/`stderr` differ from the expectation, or nil when both match exactly.
    package func mismatch(stdout actualOut: [UInt8], stderr actualErr: [UInt8]) -> String? {
        if let difference = Self.difference(expected: stdout, actual: actualOut) { return "stdout " + difference }
        if let difference = Self.difference(expected: stderr, actual: actualErr) { return "stderr " + difference }
        return nil
    }

    /// Describes the first differing line, or nil when the bytes are equal.
    static func difference(expected: [UInt8], actual: [UInt8]) -> String? {
        guard expected != actual else { return nil }
        let expectedLines = expected.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let want = index < expectedLines.count ? expectedLines[index] : nil
            let got = index < actualLines.count ? actualLines[index] : nil
            if want != got {
                return "differs at line \(index + 1): expected \(quote(want)), got \(quote(got))"
            }
        }
        return "differs (\(expected.count) bytes expected, \(actual.count) got)"
    }

    private static func quote(_ line: ArraySlice<UInt8>?) -> String {
        guard let line else { return "end of output" }
        let text = String(decoding: line.prefix(80), as: UTF8.self)
        return (text + (line.count > 80 ? "…" : "")).debugDescription
    }

    private static func read(_ path: String) throws(BenchError) -> [UInt8] {
        guard let contents = FileManager.default.contents(atPath: path) else {
            throw .io(path: path, reason: "cannot read expected output")
        }
        return [UInt8](contents)
    }
}
