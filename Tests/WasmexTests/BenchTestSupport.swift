import Foundation
import WasmFrontend
@testable import WasmexBench

/// A throw-away workload folder for the harness tests, removed on deinit.
final class BenchScratchFolder {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("wasmex-bench-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Writes `bytes` to `relativePath`, creating folders.
    func write(_ relativePath: String, _ bytes: [UInt8]) throws {
        let url = root.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    func write(_ relativePath: String, text: String) throws {
        try write(relativePath, Array(text.utf8))
    }
}

enum BenchFixtures {
    /// A module following the CoreMark protocol (imports env.clock_ms, exports run).
    static func coreMarkModule() throws -> [UInt8] {
        try WasmText.toBinary("""
        (module
          (import "env" "clock_ms" (func $clock (result i32)))
          (memory (export "memory") 1)
          (func (export "run") (result f32) (f32.convert_i32_s (call $clock))))
        """)
    }

    /// A valid module that follows no benchmark protocol.
    static func plainModule() throws -> [UInt8] {
        try WasmText.toBinary("(module (func (export \"f\")))")
    }

    static func sightglassWorkload(_ name: String = "prog") -> Workload {
        Workload(name: name, kind: .sightglass, wasmPath: "/nowhere/\(name).wasm", directory: "/nowhere")
    }

    static func result(_ workload: String, _ engine: String, runMs: Double?, score: Double? = nil,
                       kind: WorkloadProtocol = .sightglass, correct: Bool = true) -> BenchResult {
        BenchResult(workload: workload, kind: kind, engine: engine, correct: correct,
                    error: correct ? nil : "wrong output", compileMs: correct ? 1.5 : nil,
                    instantiateMs: correct ? 0.25 : nil,
                    runMs: runMs.map { TimingStats(median: $0, min: $0 * 0.9, max: $0 * 1.2) }, score: score)
    }
}
