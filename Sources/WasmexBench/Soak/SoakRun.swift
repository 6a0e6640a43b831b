import Foundation
import Wasmex
import WasmexWASI

/// Instantiate / call / trap / drop cycles over ``SoakModules``, watching the
/// process for leaks (``SoakProcessSample``): `wasmex bench soak` runs the
/// full count and prints the figures, a unit test runs a small count.
///
/// The modules are compiled once; each cycle makes a new ``Store``,
/// instantiates one module in it, calls it, checks the outcome, and lets
/// everything go. Cycle `i` runs scenario `i % 10`: three plain returns, four
/// traps (unreachable, divide by zero, out-of-bounds load, indirect-call type
/// mismatch), memory growth to 1 MiB, 100 host calls, and a WASI command.
/// Every 100th cycle instead recurses until "call stack exhausted", and
/// every 1000th compiles a fresh module and drops it too (compiled code
/// must be released as well).
package struct SoakRun {
    package var cycles: Int
    /// Cycles run before the start sample, so lazily filled caches (Swift
    /// metadata, malloc arenas, trampolines) do not count as growth.
    package var warmup: Int
    /// How often the process is sampled for the peaks.
    package var sampleEvery = 500
    package var configuration: Engine.Configuration
    /// Run only this scenario (one of ``scenarioNames``) instead of the mix,
    /// to find which one a growth comes from.
    package var only: String?

    /// The scenarios' names.
    package static var scenarioNames: [String] { SoakCompiledModules.scenarios }

    package init(cycles: Int, warmup: Int = 1_000, configuration: Engine.Configuration = Engine.Configuration()) {
        self.cycles = cycles
        self.warmup = warmup
        self.configuration = configuration
    }

    /// Runs the warm-up and the measured cycles; `progress` gets a line now and then.
    package func run(progress: (String) -> Void = { _ in }) throws -> SoakReport {
        let engine = try Engine(configuration)
        let modules = try SoakCompiledModules(engine: engine)
        var checker = SoakOutcomeChecker()
        func scenario(_ index: Int) -> String { only ?? SoakCompiledModules.scenario(for: index) }
        for cycle in 0..<warmup { checker.check(cycle: cycle, modules.cycle(scenario(cycle))) }
        checker = SoakOutcomeChecker()

        let start = SoakProcessSample.now()
        var peak = start
        let clock = ContinuousClock()
        let began = clock.now
        for cycle in 0..<cycles {
            checker.check(cycle: cycle, modules.cycle(scenario(warmup + cycle)))
            if (cycle + 1) % sampleEvery == 0 {
                let sample = SoakProcessSample.now()
                peak.residentBytes = max(peak.residentBytes, sample.residentBytes)
                peak.threads = max(peak.threads, sample.threads)
                peak.mappings = max(peak.mappings, sample.mappings)
                if (cycle + 1) % (sampleEvery * 20) == 0 {
                    progress("  \(cycle + 1) cycles, RSS \(SoakReport.mebibytes(sample.residentBytes)), threads \(sample.threads), mappings \(sample.mappings)")
                }
            }
        }
        let elapsed = began.duration(to: clock.now).components
        let end = SoakProcessSample.now()
        return SoakReport(cycles: cycles, unexpected: checker.unexpected, unexpectedExamples: checker.examples,
                          seconds: Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18,
                          start: start, end: end,
                          peakResidentBytes: max(peak.residentBytes, end.residentBytes),
                          peakThreads: max(peak.threads, end.threads), peakMappings: max(peak.mappings, end.mappings))
    }
}

/// What a cycle did: its scenario and the outcome.
struct SoakCycleOutcome {
    var scenario: String
    var expected: String
    var actual: String
}

/// Counts cycles whose outcome was not the expected one.
struct SoakOutcomeChecker {
    var unexpected = 0
    var examples: [String] = []

    mutating func check(cycle: Int, _ outcome: SoakCycleOutcome) {
        guard outcome.actual != outcome.expected else { return }
        unexpected += 1
        if examples.count < 5 {
            examples.append("cycle \(cycle) \(outcome.scenario): expected \(outcome.expected), got \(outcome.actual)")
        }
    }
}

/// The soak modules compiled once in one engine, and one cycle of each.
struct SoakCompiledModules {
    let engine: Engine
    let compute: Module
    let traps: Module
    let grow: Module
    let host: Module
    let wasi: Module

    init(engine: Engine) throws {
        self.engine = engine
        compute = try Module(engine: engine, text: SoakModules.compute)
        traps = try Module(engine: engine, text: SoakModules.traps)
        grow = try Module(engine: engine, text: SoakModules.grow)
        host = try Module(engine: engine, text: SoakModules.host)
        wasi = try Module(engine: engine, text: SoakModules.wasi)
    }

    /// Every scenario, by name.
    static let scenarios = ["compute", "unreachable", "divide", "out-of-bounds", "mismatch", "grow", "host", "wasi",
                            "recurse", "fresh-module"]

    /// The scenario of cycle `index` in the normal mix.
    static func scenario(for index: Int) -> String {
        if index % 1000 == 999 { return "fresh-module" }
        if index % 100 == 50 { return "recurse" }
        switch index % 10 {
        case 0, 1, 2: return "compute"
        case 3: return "unreachable"
        case 4: return "divide"
        case 5: return "out-of-bounds"
        case 6: return "mismatch"
        case 7: return "grow"
        case 8: return "host"
        default: return "wasi"
        }
    }

    func cycle(_ scenario: String) -> SoakCycleOutcome {
        switch scenario {
        case "fresh-module":
            return outcome(scenario, expected: "[i32:55]") {
                try Instance(store: Store(engine: engine), module: Module(engine: engine, text: SoakModules.compute)).call("run")
            }
        case "recurse": return trap("recurse", [.i32(0)], expected: .callStackExhausted)
        case "compute":
            return outcome(scenario, expected: "[i32:55]") { try Instance(store: Store(engine: engine), module: compute).call("run") }
        case "unreachable": return trap(scenario, [], expected: .unreachable)
        case "divide": return trap(scenario, [], expected: .integerDivideByZero)
        case "out-of-bounds": return trap(scenario, [], expected: .memoryOutOfBounds)
        case "mismatch": return trap(scenario, [], expected: .indirectCallTypeMismatch)
        case "grow":
            return outcome(scenario, expected: "[i32:17]") { try Instance(store: Store(engine: engine), module: grow).call("run") }
        case "host":
            return outcome(scenario, expected: "[i32:100]") {
                let store = Store(engine: engine)
                var imports = Imports()
                imports.define(module: "env", name: "inc", .function(try Function(store: store, typed: { (x: Int32) -> Int32 in x &+ 1 })))
                return try Instance(store: store, module: host, imports: imports).call("run")
            }
        default:
            let stdout = WasmexWASI.Pipe()
            var result = outcome("wasi", expected: "[i32:3]") {
                let instance = try Instance(store: Store(engine: engine), module: wasi,
                                            wasi: WasiOptions(args: ["soak"], stdout: .pipe(stdout)))
                return [.i32(Int32(bitPattern: try instance.runCommand()))]
            }
            stdout.seek(to: 0)
            let written = stdout.readString()
            if result.actual == result.expected, written != "soak\n" { result.actual = "stdout \(written.debugDescription)" }
            return result
        }
    }

    private func trap(_ name: String, _ arguments: [Value], expected: TrapCode) -> SoakCycleOutcome {
        var result = outcome(name, expected: "trap: \(expected)") {
            try Instance(store: Store(engine: engine), module: traps).call(name, arguments)
        }
        if result.actual.hasPrefix("trap: \(expected)") { result.actual = result.expected }
        return result
    }

    private func outcome(_ scenario: String, expected: String, _ body: () throws -> [Value]) -> SoakCycleOutcome {
        do {
            let values = try body()
            return SoakCycleOutcome(scenario: scenario, expected: expected, actual: "[" + values.map { "\($0)" }.joined(separator: ", ") + "]")
        } catch {
            return SoakCycleOutcome(scenario: scenario, expected: expected, actual: "\(error)")
        }
    }
}
