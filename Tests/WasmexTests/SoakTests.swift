import Foundation
import Testing
import Wasmex
import WasmexBench

/// The soak test at CI size: 2,000 instantiate/call/trap/drop cycles after a
/// 300-cycle warm-up (the full 100,000 run is `make soak`, the same code
/// through `wasmex bench soak`). Bounds are ``SoakLimits``' defaults: RSS
/// may grow by at most 32 MiB, no thread may be left behind and at most 32
/// mappings may be added — a per-cycle leak of a store, memory reservation,
/// descriptor or code object would exceed them within a few hundred cycles.
///
/// RSS, threads and mappings are process-wide and the other suites run in
/// parallel with this one, so every measurement runs in a child process of
/// its own (an exit test) and reports by its exit status.
struct SoakTests {
    /// Runs a soak in this (child) process; exits 0 when every outcome was
    /// right and every count stayed within the default bounds.
    static func soakAndExit(cycles: Int, warmup: Int, memory: MemoryStrategy) -> Never {
        do {
            let report = try SoakRun(cycles: cycles, warmup: warmup,
                                     configuration: Engine.Configuration(memoryStrategy: memory)).run()
            for line in report.lines { print(line) }
            let violations = report.violations(of: SoakLimits())
            for violation in violations { print("violation: \(violation)") }
            exit(report.cycles == cycles && violations.isEmpty ? 0 : 1)
        } catch {
            print("soak failed: \(error)")
            exit(2)
        }
    }

    @Test func cyclesLeaveTheProcessAsTheyFoundIt() async {
        let result = await #expect(processExitsWith: .success, observing: [\.standardOutputContent]) {
            SoakTests.soakAndExit(cycles: 2_000, warmup: 300, memory: .guardPages)
        }
        if let result, result.exitStatus != .exitCode(0) {
            Issue.record("soak output: \(String(decoding: result.standardOutputContent, as: UTF8.self))")
        }
    }

    @Test func cyclesWithExplicitChecksLeaveTheProcessAsTheyFoundIt() async {
        await #expect(processExitsWith: .success) {
            SoakTests.soakAndExit(cycles: 1_000, warmup: 200, memory: .explicitChecks)
        }
    }

    /// The probe must see what a leak would leave: 40 live guard-page
    /// memories (8 GiB reservations each) add mappings; releasing them gives
    /// the mappings back. Without this, a probe that reads nothing (e.g. a
    /// truncated /proc/self/maps) would pass every soak run.
    @Test func probeSeesLiveMemoriesAndTheirRelease() async {
        await #expect(processExitsWith: .success) {
            do {
                let engine = try Engine(Engine.Configuration(memoryStrategy: .guardPages))
                let module = try Module(engine: engine, text: "(module (memory 1))")
                let before = SoakProcessSample.now()
                var kept: [Instance] = []
                for _ in 0..<40 { kept.append(try Instance(store: Store(engine: engine), module: module)) }
                let during = SoakProcessSample.now()
                kept.removeAll()
                let after = SoakProcessSample.now()
                let seen = during.mappings >= before.mappings + 40 && after.mappings <= before.mappings + 4
                    && before.residentBytes > 0 && before.threads >= 1
                exit(seen ? 0 : 1)
            } catch {
                exit(2)
            }
        }
    }

    /// Compiling a module and dropping it must give its memory back. Each
    /// load used to leave its JITDylib behind (about 14 KiB per module,
    /// +41 MiB over 3,000); `JITSession` now reuses emptied JITDylibs.
    @Test
    func freshModulesLeaveTheProcessAsTheyFoundIt() async {
        await #expect(processExitsWith: .success) {
            do {
                var soak = SoakRun(cycles: 1_500, warmup: 100)
                soak.only = "fresh-module"
                let report = try soak.run()
                exit(report.unexpected == 0 && report.violations(of: SoakLimits(residentGrowthBytes: 8 << 20)).isEmpty ? 0 : 1)
            } catch {
                exit(2)
            }
        }
    }

    @Test func violationsNameWhatGrew() {
        let start = SoakProcessSample(residentBytes: 100 << 20, threads: 2, mappings: 200)
        let end = SoakProcessSample(residentBytes: 200 << 20, threads: 3, mappings: 300)
        let report = SoakReport(cycles: 10, unexpected: 1, unexpectedExamples: ["cycle 3"], seconds: 1,
                                start: start, end: end, peakResidentBytes: end.residentBytes,
                                peakThreads: 3, peakMappings: 300)
        let violations = report.violations(of: SoakLimits())
        #expect(violations.count == 4)
        #expect(violations.contains { $0.hasPrefix("RSS grew by 100.0 MiB") })
        #expect(violations.contains { $0.hasPrefix("threads went from 2 to 3") })
        #expect(violations.contains { $0.hasPrefix("mappings went from 200 to 300") })
        #expect(report.violations(of: SoakLimits(residentGrowthBytes: 1 << 30, extraThreads: 1, extraMappings: 100)).count == 1)
    }
}
