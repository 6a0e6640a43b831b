import Foundation
import Testing
import Wasmex

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
        let start = ContinuousClock.now
        let clock = try Function(store: store, type: FunctionType(parameters: [], results: [.i32])) { _, _ in
            let elapsed = ContinuousClock.now - start
            let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
            return [.i32(Int32(truncatingIfNeeded: milliseconds))]
        }
        var imports = Imports()
        imports.define(module: "env", name: "clock_ms", .function(clock))
        let instance = try Instance(store: store, module: module, imports: imports)
        let results = try instance.call("run")
        guard case .f32(let score)? = results.first, results.count == 1 else {
            Issue.record("run returned \(results)")
            return
        }
        print("CoreMark score: \(score)")
        #expect(score > 0)
        #expect(score.isFinite)
    }
}
