import Foundation

/// Locations the CLI derives from the environment and the working directory.
enum PackagePaths {
    /// The nearest directory at or above the current directory holding a `Package.swift`.
    static var packageRoot: URL? {
        var directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory
            }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { return nil }
            directory = parent
        }
    }

    /// The shared test data: `$WASMEX_SHARED`, else `../shared` next to the package root.
    static var shared: URL? {
        if let explicit = ProcessInfo.processInfo.environment["WASMEX_SHARED"], !explicit.isEmpty {
            return URL(fileURLWithPath: explicit)
        }
        return packageRoot?.deletingLastPathComponent().appendingPathComponent("shared")
    }
}
