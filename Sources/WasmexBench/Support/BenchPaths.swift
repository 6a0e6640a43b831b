import Foundation

/// Where the harness finds the package, the shared workloads and its helper script.
package enum BenchPaths {
    /// The nearest directory at or above `start` (default: the working directory) holding a `Package.swift`.
    package static func packageRoot(from start: String = FileManager.default.currentDirectoryPath) -> String? {
        var directory = URL(fileURLWithPath: start).standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory.path
            }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { return nil }
            directory = parent
        }
    }

    /// This source tree's package root (from the compile-time path of this file),
    /// used when the tool runs outside the package.
    static var sourcePackageRoot: String {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// The package root: the working directory's, else the one this tool was built from.
    package static var resolvedPackageRoot: String {
        packageRoot() ?? sourcePackageRoot
    }

    /// The shared data folder: `$WASMEX_SHARED`, else `../shared` beside the package root.
    package static func sharedRoot(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit = environment["WASMEX_SHARED"], !explicit.isEmpty { return explicit }
        return URL(fileURLWithPath: resolvedPackageRoot).deletingLastPathComponent()
            .appendingPathComponent("shared").path
    }

    /// The default workload folder: `<shared>/bench`.
    package static func benchRoot(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        URL(fileURLWithPath: sharedRoot(environment: environment)).appendingPathComponent("bench").path
    }

    /// The project virtualenv's Python (`<package>/.venv/bin/python`).
    package static var venvPython: String {
        URL(fileURLWithPath: resolvedPackageRoot).appendingPathComponent(".venv/bin/python").path
    }

    /// `wasmtime_runner.py`, kept beside the harness's sources.
    package static var wasmtimeRunner: String {
        let fromRoot = URL(fileURLWithPath: resolvedPackageRoot)
            .appendingPathComponent("Sources/WasmexBench/wasmtime_runner.py").path
        if FileManager.default.fileExists(atPath: fromRoot) { return fromRoot }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("wasmtime_runner.py").path
    }

    /// A file of the package such as a fixture (`relative` to the root): in the
    /// working directory's package, else in the source tree this tool was built from.
    package static func packageFile(_ relative: String) -> String {
        let fromRoot = URL(fileURLWithPath: resolvedPackageRoot).appendingPathComponent(relative).path
        if FileManager.default.fileExists(atPath: fromRoot) { return fromRoot }
        return URL(fileURLWithPath: sourcePackageRoot).appendingPathComponent(relative).path
    }

    /// The running executable (`/proc/self/exe` resolved, else `argv[0]`), to start child processes.
    package static var currentExecutable: String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        return URL(fileURLWithPath: CommandLine.arguments.first ?? "wasmex").standardizedFileURL.path
    }
}
