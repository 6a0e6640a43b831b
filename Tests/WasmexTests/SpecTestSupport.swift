import Foundation
import WasmexSpec

/// Paths and tools the spec, fuzz and CLI tests share.
enum SpecTestSupport {
    /// The package root, derived from this file's location.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `$WASMEX_SHARED`, else `../shared` next to the package root; `nil` if missing.
    static let sharedDirectory: URL? = {
        let environment = ProcessInfo.processInfo.environment["WASMEX_SHARED"]
        let url = environment.map { URL(fileURLWithPath: $0) }
            ?? packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }()

    /// The WebAssembly 2.0 spec scripts, if present.
    static let specSuite: URL? = {
        guard let url = sharedDirectory?.appendingPathComponent("testsuite/wasm-2.0"),
              FileManager.default.fileExists(atPath: url.path) else { return nil }
        return url
    }()

    /// `wasm-tools`, located the way `wasmex spec` does it (from the package root).
    static let wasmTools: WasmTools? = try? WasmTools.locate(currentDirectory: packageRoot.path)

    /// A fixture file under `Fixtures/`.
    static func fixture(_ relative: String) -> String {
        packageRoot.appendingPathComponent("Fixtures").appendingPathComponent(relative).path
    }

    /// A fresh scratch directory; remove it with `removeScratch`.
    static func makeScratch() throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("wasmex-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func removeScratch(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Prints why a test is skipped and returns `condition`, for `.enabled(if:)` traits.
    static func available(_ condition: Bool, otherwise reason: String) -> Bool {
        if !condition { print("skipped: \(reason)") }
        return condition
    }
}
