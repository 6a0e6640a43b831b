import Foundation
import Testing
import Wasmex
@testable import WasmexBench

/// The project's own sightglass-style workloads (`Fixtures/bench`, SIMD kernels written
/// for issue #12's steady-state work) run under the JIT and print exactly what they print
/// under Wasmtime (the `.expected` files come from Wasmtime runs, `Fixtures/bench/expected.py`):
/// a wrong lowering of a dot product, a saturating truncation or a narrow changes the checksum.
@Suite struct OwnWorkloadTests {
    static let folder = SpecTestSupport.packageRoot.appendingPathComponent("Fixtures/bench").path

    @Test func everyWorkloadIsDiscovered() throws {
        let discovery = try WorkloadDiscovery.discover(in: Self.folder)
        #expect(discovery.workloads.map(\.name) == ["simd-intgemm", "simd-meshfilter"])
        #expect(discovery.skipped.isEmpty, "\(discovery.skipped)")
    }

    @Test(arguments: [("jit-eager-O2", OptimizationLevel.o2, CompilationStrategy.eager),
                      ("jit-O0", .o0, .eager), ("jit", .o2, .tiered)])
    func workloadsPrintWhatTheyPrintUnderWasmtime(_ engineName: String, _ level: OptimizationLevel,
                                                 _ compilation: CompilationStrategy) throws {
        let engine = JITEngine(name: engineName, optimization: level, compilation: compilation)
        for workload in try WorkloadDiscovery.discover(in: Self.folder).workloads {
            let expected = try ExpectedOutput(of: workload)
            #expect(!expected.stdout.isEmpty)
            let measurement = try engine.measure(workload, runs: 1)
            let sample = try #require(measurement.samples.first)
            #expect(sample.exitCode == 0)
            #expect(expected.mismatch(stdout: sample.stdout, stderr: sample.stderr) == nil,
                    "\(workload.name) under \(engineName): \(String(decoding: sample.stdout, as: UTF8.self))")
        }
    }
}
