import Foundation
import Testing
import Wasmex
import WasmexBench

/// CoreMark (from the wasmi benchmark suite) on the JIT: imports `env.clock_ms`,
/// exports `run: [] -> [f32]` returning the score.
@Suite("Core CoreMark")
struct CoreCoremarkTests {
    static let coremark: URL? = SpecTestSupport.sharedDirectory?
        .appendingPathComponent("bench/coremark/coremark.wasm")

    @Test(.enabled(if: coremark.map { FileManager.default.fileExists(atPath: $0.path) } ?? false))
    func coremarkReturnsAPositiveScore() throws {
        guard let url = Self.coremark, let data = FileManager.default.contents(atPath: url.path) else { return }
        let store = Store(engine: CoreTest.engine)
        let module = try Module(engine: CoreTest.engine, bytes: [UInt8](data))
        let results = try CoreMarkRun.run(module, in: store).results
        guard case .f32(let score)? = results.first, results.count == 1 else {
            Issue.record("run returned \(results)")
            return
        }
        print("CoreMark score: \(score)")
        #expect(score > 0)
        #expect(score.isFinite)
    }
}
