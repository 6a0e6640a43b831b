import Foundation
@testable import WasmFrontend

/// Locates the spec test scripts and converts them to JSON + .wasm with `wasm-tools`.
enum SpecSuite {
    /// The package root (three levels up from this file).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The directory holding the `.wast` files, or nil with a reason.
    static func wastDirectory() -> (URL?, String) {
        let fm = FileManager.default
        var candidates: [URL] = []
        if let env = ProcessInfo.processInfo.environment["WASMEX_TESTSUITE"] {
            candidates.append(URL(fileURLWithPath: env))
        }
        candidates.append(packageRoot.appendingPathComponent("../shared/testsuite").standardized)
        for base in candidates {
            for dir in [base.appendingPathComponent("wasm-2.0"), base] {
                if let items = try? fm.contentsOfDirectory(atPath: dir.path), items.contains(where: { $0.hasSuffix(".wast") }) {
                    return (dir, "")
                }
            }
        }
        return (nil, "no .wast files under \(candidates.map(\.path)) (set WASMEX_TESTSUITE)")
    }

    /// `wasm-tools` from the project's virtualenv (override with `WASM_TOOLS`).
    static var wasmTools: URL {
        if let path = ProcessInfo.processInfo.environment["WASM_TOOLS"] { return URL(fileURLWithPath: path) }
        return packageRoot.appendingPathComponent(".venv/bin/wasm-tools")
    }

    /// Runs `wasm-tools json-from-wast` for one script; returns the parsed commands and the output directory.
    static func convert(_ wast: URL, into dir: URL) throws -> [[String: Any]] {
        let json = dir.appendingPathComponent("script.json")
        let process = Process()
        process.executableURL = wasmTools
        process.arguments = ["json-from-wast", "--output", json.path, "--wasm-dir", dir.path, wast.path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(domain: "wasm-tools", code: Int(process.terminationStatus))
        }
        let data = try Data(contentsOf: json)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return object?["commands"] as? [[String: Any]] ?? []
    }
}

/// Outcome counts for one script.
struct SpecFileResult {
    var name: String
    var passed = 0
    var failures: [String] = []
}

/// Checks one converted script against the front end.
func checkSpecCommands(_ commands: [[String: Any]], in dir: URL, name: String) -> SpecFileResult {
    var result = SpecFileResult(name: name)
    for command in commands {
        guard let type = command["type"] as? String,
              let filename = command["filename"] as? String else { continue }
        let line = command["line"] as? Int ?? 0
        let moduleType = command["module_type"] as? String ?? "binary"
        guard let data = FileManager.default.contents(atPath: dir.appendingPathComponent(filename).path) else {
            result.failures.append("\(name):\(line): cannot read \(filename)")
            continue
        }
        let bytes = [UInt8](data)
        switch (type, moduleType) {
        case ("module", _), ("assert_unlinkable", "binary"), ("assert_uninstantiable", "binary"),
             ("assert_trap", "binary"):
            do {
                _ = try WasmModule.parse(bytes, features: .wasm2)
                result.passed += 1
            } catch {
                result.failures.append("\(name):\(line): \(type) rejected: \(error)")
            }
        case ("assert_malformed", "binary"), ("assert_invalid", "binary"):
            let expected = command["text"] as? String ?? ""
            do {
                _ = try WasmModule.parse(bytes, features: .wasm2)
                result.failures.append("\(name):\(line): \(type) accepted (expected \"\(expected)\")")
            } catch {
                let kindOK: Bool
                switch error {
                case .malformed: kindOK = type == "assert_malformed"
                case .invalid: kindOK = type == "assert_invalid"
                case .text: kindOK = false
                }
                if kindOK && error.message.contains(expected) {
                    result.passed += 1
                } else {
                    result.failures.append("\(name):\(line): \(type) expected \"\(expected)\", got \(error)")
                }
            }
        default:
            continue
        }
    }
    return result
}
