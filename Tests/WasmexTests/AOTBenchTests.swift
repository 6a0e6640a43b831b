import Testing
import WasmexBench

/// The `aot` bench engine exists and can run.
@Suite struct AOTBenchTests {
    @Test func aotEngineIsAvailable() throws {
        let engine = try EngineCatalog.make("aot")
        #expect(engine.name == "aot")
        #expect(engine.availability == .available)
    }
}
