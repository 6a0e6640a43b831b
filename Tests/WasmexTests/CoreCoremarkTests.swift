import Foundation
import Testing
import Wasmex
import WasmexBench

/// CoreMark (from the wasmi benchmark suite) on the JIT: imports `env.clock_ms`,
/// exports `run: [] -> [f32]` returning the score.
///
/// CoreMark reports 0 when its self-check fails or when its timed run lasted
/// under 10 s; with the real clock the second can happen on a loaded machine
/// (it calibrates its iteration count, then the run goes faster). So the test
/// gives it a clock that advances 10.001 s per reading: every measurement
/// "lasts" at least 10 s, CoreMark runs only a few iterations, and a score of
/// 0 can only mean its self-check (the CRCs of its list, matrix and state
/// machine results) failed.
@Suite("Core CoreMark")
struct CoreCoremarkTests {
    static let coremark: URL? = SpecTestSupport.sharedDirectory?
        .appendingPathComponent("bench/coremark/coremark.wasm")

    @Test(.enabled(if: coremark.map { FileManager.default.fileExists(atPath: $0.path) } ?? false))
    func coremarkPassesItsSelfCheck() throws {
        guard let url = Self.coremark, let data = FileManager.default.contents(atPath: url.path) else { return }
        let store = Store(engine: CoreTest.engine)
        let module = try Module(engine: CoreTest.engine, bytes: [UInt8](data))
        let readings = ReadingCounter()
        var imports = Imports()
        let clock = try Function(store: store, type: FunctionType(results: [.i32])) { _, _ in
            [.i32(Int32(truncatingIfNeeded: readings.next() * 10_001))]
        }
        imports.define(module: "env", name: "clock_ms", .function(clock))
        let instance = try Instance(store: store, module: module, imports: imports)
        let results = try instance.call("run")
        guard case .f32(let score)? = results.first, results.count == 1 else {
            Issue.record("run returned \(results)")
            return
        }
        #expect(score > 0, "CoreMark's self-check failed")
        #expect(score.isFinite)
        #expect(readings.count >= 2)
    }
}

/// How many times the clock was read.
private final class ReadingCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var readings = 0
    func next() -> Int { lock.withLock { readings += 1; return readings } }
    var count: Int { lock.withLock { readings } }
}
