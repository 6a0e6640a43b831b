import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import WasmexBench

@Suite("Benchmark harness (no timing)")
struct BenchHarnessTests {
    // MARK: - Workload discovery

    @Test func discoversSightglassAndCoreMarkAndSkipsTheRest() throws {
        let folder = try BenchScratchFolder()
        try folder.write("suite/shootout-prog.wasm", BenchFixtures.plainModule())
        try folder.write("suite/shootout-prog.stdout.expected", text: "ok\n")
        try folder.write("suite/shootout-prog.stderr.expected", text: "")
        try folder.write("quick/benchmark.wasm", BenchFixtures.plainModule())
        try folder.write("quick/benchmark.stdout.expected", text: "done\n")
        try folder.write("coremark/coremark.wasm", BenchFixtures.coreMarkModule())
        try folder.write("other/plain.wasm", BenchFixtures.plainModule())
        try folder.write("other/junk.wasm", [0x00, 0x61, 0x73, 0x6D, 0xFF])

        let found = try WorkloadDiscovery.discover(in: folder.root.path)

        #expect(found.workloads.map(\.name) == ["coremark", "quick", "shootout-prog"])
        #expect(found.workloads.map(\.kind) == [.coremark, .sightglass, .sightglass])
        let prog = try #require(found.workloads.last)
        #expect(prog.directory.hasSuffix("/suite"))
        #expect(prog.expectedStdoutPath?.hasSuffix("shootout-prog.stdout.expected") == true)
        #expect(prog.arguments == ["shootout-prog.wasm"])
        #expect(found.workloads[1].expectedStderrPath == nil)
        #expect(Set(found.skipped.map { URL(fileURLWithPath: $0.path).lastPathComponent }) == ["plain.wasm", "junk.wasm"])
    }

    @Test func missingFolderIsATypedError() {
        #expect(throws: BenchError.benchDirectoryMissing("/no/such/bench/folder")) {
            try WorkloadDiscovery.discover(in: "/no/such/bench/folder")
        }
    }

    @Test func selectsByExactNameOrUniqueSuffix() throws {
        let all = ["shootout-fib2", "shootout-sieve", "noop", "a-noop"].map { BenchFixtures.sightglassWorkload($0) }
        #expect(try WorkloadDiscovery.select([], from: all).count == 4)
        #expect(try WorkloadDiscovery.select(["fib2", "noop"], from: all).map(\.name) == ["shootout-fib2", "noop"])
        #expect(try WorkloadDiscovery.select(["sieve", "shootout-sieve"], from: all).map(\.name) == ["shootout-sieve"])
        #expect(throws: BenchError.unknownWorkload(name: "nbody", known: all.map(\.name))) {
            try WorkloadDiscovery.select(["nbody"], from: all)
        }
        let clash = all + [BenchFixtures.sightglassWorkload("other-fib2")]
        #expect(throws: BenchError.ambiguousWorkload(name: "fib2", matches: ["shootout-fib2", "other-fib2"])) {
            try WorkloadDiscovery.select(["fib2"], from: clash)
        }
    }

    // MARK: - Output checking

    @Test func expectedOutputCatchesAWrongLine() {
        let expected = ExpectedOutput(stdout: Array("[fib2] returned: 433494437\ndone\n".utf8), stderr: [])
        #expect(expected.mismatch(stdout: expected.stdout, stderr: []) == nil)
        let wrong = expected.mismatch(stdout: Array("[fib2] returned: 433494436\ndone\n".utf8), stderr: [])
        #expect(wrong?.contains("stdout differs at line 1") == true)
        #expect(expected.mismatch(stdout: Array("[fib2] returned: 433494437\n".utf8), stderr: [])?.contains("line 2") == true)
        #expect(expected.mismatch(stdout: expected.stdout, stderr: Array("warning\n".utf8))?.hasPrefix("stderr") == true)
    }

    @Test func evaluateMarksWrongOutputAndBadExitAsIncorrect() {
        let workload = BenchFixtures.sightglassWorkload()
        let expected = ExpectedOutput(stdout: Array("ok\n".utf8), stderr: [])
        let good = RunSample(instantiateMs: 1, runMs: 10, stdout: Array("ok\n".utf8))
        let bad = RunSample(instantiateMs: 1, runMs: 12, stdout: Array("no\n".utf8))
        let exited = RunSample(instantiateMs: 1, runMs: 12, stdout: Array("ok\n".utf8), exitCode: 3)

        let right = BenchHarness.evaluate(EngineMeasurement(compileMs: 2, samples: [good, good]),
                                          workload: workload, engine: "interp", expected: expected)
        #expect(right.correct && right.error == nil)
        #expect(right.runMs == TimingStats(median: 10, min: 10, max: 10))

        let wrong = BenchHarness.evaluate(EngineMeasurement(compileMs: 2, samples: [good, bad]),
                                          workload: workload, engine: "interp", expected: expected)
        #expect(!wrong.correct)
        #expect(wrong.error?.hasPrefix("run 2: stdout differs") == true)

        let nonzero = BenchHarness.evaluate(EngineMeasurement(compileMs: 2, samples: [exited]),
                                            workload: workload, engine: "jit", expected: expected)
        #expect(nonzero.error == "exited with status 3")
    }

    @Test func coreMarkNeedsAPositiveScore() {
        let workload = Workload(name: "coremark", kind: .coremark, wasmPath: "/x.wasm", directory: "/")
        let none = ExpectedOutput(stdout: [], stderr: [])
        let scored = BenchHarness.evaluate(
            EngineMeasurement(compileMs: 1, samples: [RunSample(instantiateMs: 1, runMs: 9, score: 300),
                                                      RunSample(instantiateMs: 1, runMs: 9, score: 100),
                                                      RunSample(instantiateMs: 1, runMs: 9, score: 200)]),
            workload: workload, engine: "interp", expected: none)
        #expect(scored.correct && scored.score == 200)
        let zero = BenchHarness.evaluate(EngineMeasurement(compileMs: 1, samples: [RunSample(instantiateMs: 1, runMs: 9, score: 0)]),
                                         workload: workload, engine: "interp", expected: none)
        #expect(!zero.correct)
    }

    // MARK: - Statistics and ratios

    @Test func timingStatsTakeTheMedian() {
        #expect(TimingStats([5, 1, 3]) == TimingStats(median: 3, min: 1, max: 5))
        #expect(TimingStats([4, 1, 2, 8]) == TimingStats(median: 3, min: 1, max: 8))
        #expect(TimingStats([]) == nil)
    }

    @Test func ratiosCompareWithInterpAndWasmtime() throws {
        let results = Ratios.apply(to: [
            BenchFixtures.result("fib2", "interp", runMs: 100),
            BenchFixtures.result("fib2", "wasmtime", runMs: 10),
            BenchFixtures.result("fib2", "jit", runMs: 5),
            BenchFixtures.result("sieve", "jit", runMs: 7),
            BenchFixtures.result("sieve", "interp", runMs: 70, correct: false),
            BenchFixtures.result("coremark", "interp", runMs: 20_000, score: 1_000, kind: .coremark),
            BenchFixtures.result("coremark", "jit", runMs: 20_000, score: 20_000, kind: .coremark),
        ])
        let jit = try #require(results.first { $0.workload == "fib2" && $0.engine == "jit" })
        #expect(jit.ratioToInterp == 0.05)
        #expect(jit.ratioToWasmtime == 0.5)
        let interp = try #require(results.first { $0.workload == "fib2" && $0.engine == "interp" })
        #expect(interp.ratioToInterp == 1 && interp.ratioToWasmtime == 10)
        // No correct reference, no ratio; an incorrect result has none either.
        #expect(results.filter { $0.workload == "sieve" }.allSatisfy { $0.ratioToInterp == nil && $0.ratioToWasmtime == nil })
        // CoreMark compares inverse scores: 20× the score is 1/20 of the cost.
        let coremark = try #require(results.first { $0.workload == "coremark" && $0.engine == "jit" })
        #expect(abs((coremark.ratioToInterp ?? 0) - 0.05) < 1e-12)
        #expect(coremark.ratioToWasmtime == nil)
    }

    @Test func geometricMeanOfRatios() throws {
        #expect(abs(try #require(Ratios.geometricMean([0.5, 2, 4, 0.25])) - 1) < 1e-12)
        #expect(Ratios.geometricMean([]) == nil)
    }

    // MARK: - Reports

    private func sampleReport() -> BenchReport {
        BenchReport(results: Ratios.apply(to: [
            BenchFixtures.result("fib2", "interp", runMs: 100),
            BenchFixtures.result("fib2", "wasmtime", runMs: 10),
            BenchFixtures.result("fib2", "jit", runMs: 5),
            BenchFixtures.result("coremark", "interp", runMs: 20_000, score: 1_000, kind: .coremark),
            BenchFixtures.result("coremark", "wasmtime", runMs: 20_000, score: 30_000, kind: .coremark),
            BenchFixtures.result("coremark", "jit", runMs: 20_000, score: 25_000, kind: .coremark),
        ]), notes: ["aot: unavailable — the AOT object loader does not exist yet"])
    }

    @Test func jsonHasTheDocumentedShape() throws {
        let text = JSONReport.document(sampleReport(), runs: 3, machine: MachineInfo(cpuModel: "Test \"CPU\"", processors: 2))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect((root["machine"] as? [String: Any])?["cpu"] as? String == "Test \"CPU\"")
        let results = try #require(root["results"] as? [[String: Any]])
        #expect(results.count == 6)
        for result in results {
            #expect(result["workload"] is String && result["engine"] is String)
            #expect(result["correct"] as? Bool == true)
            #expect(result["compile_ms"] is NSNumber && result["instantiate_ms"] is NSNumber)
            let run = try #require(result["run_ms"] as? [String: Any])
            #expect(Set(run.keys) == ["median", "min", "max"])
            #expect((result["score"] != nil) == (result["workload"] as? String == "coremark"))
        }
        let jit = try #require(results.first { $0["workload"] as? String == "fib2" && $0["engine"] as? String == "jit" })
        #expect((jit["ratio_to_wasmtime"] as? NSNumber)?.doubleValue == 0.5)
        #expect((jit["run_ms"] as? [String: Any])?["median"] as? NSNumber == 5)
    }

    @Test func failedResultsCarryTheirErrorInJSON() throws {
        let report = BenchReport(results: [BenchFixtures.result("fib2", "jit", runMs: nil, correct: false)])
        let text = JSONReport.document(report, runs: 1, machine: MachineInfo(cpuModel: "x", processors: 1))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let result = try #require((root["results"] as? [[String: Any]])?.first)
        #expect(result["correct"] as? Bool == false)
        #expect(result["error"] as? String == "wrong output")
        #expect(result["run_ms"] == nil)
    }

    @Test func svgIsWellFormedWithOneBarPerResult() throws {
        let report = sampleReport()
        let svg = SVGChart.render(report, title: "a < b & c")
        let counter = SVGElementCounter()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = counter
        #expect(parser.parse(), "SVG is not well-formed XML: \(String(describing: parser.parserError))")
        #expect(counter.root == "svg")
        #expect(counter.bars == report.results.count)
        #expect(SVGChart.reference(for: report) == "wasmtime")
    }

    @Test func svgMarksFailedResultsInsteadOfDrawingBars() throws {
        var report = sampleReport()
        report.results.append(BenchFixtures.result("fib2", "jit-O0", runMs: nil, correct: false))
        let counter = SVGElementCounter()
        let parser = XMLParser(data: Data(SVGChart.render(report).utf8))
        parser.delegate = counter
        #expect(parser.parse())
        #expect(counter.bars == report.results.count - 1)
        #expect(counter.missing == 1)
    }

    @Test func tableHasOneRowPerResultPlusGeomeans() {
        let table = ReportTable.render(sampleReport())
        let lines = table.split(separator: "\n")
        #expect(lines.count == 2 + 6 + 3)
        #expect(lines.allSatisfy { $0.hasPrefix("|") && $0.hasSuffix("|") })
        #expect(table.contains("0.50×"))
    }

    // MARK: - Engines and helpers

    @Test func engineCatalogResolvesAndRejects() throws {
        #expect(try EngineCatalog.resolve(["interp", "interp", "jit-O3"]).map(\.name) == ["interp", "jit-O3"])
        #expect(try EngineCatalog.resolve([]).map(\.name) == EngineCatalog.defaultNames)
        #expect(throws: BenchError.unknownEngine(name: "v8", known: EngineCatalog.names)) {
            try EngineCatalog.resolve(["v8"])
        }
        #expect(try EngineCatalog.make("aot").availability == .available)
        let isolated = try EngineCatalog.resolve(["jit", "wasmtime"], isolation: (["/bin/false"], "/tmp"))
        #expect(isolated.first is IsolatedEngine)
        #expect(isolated.last is WasmtimeEngine)
    }

    @Test func runsMustBePositive() {
        #expect(throws: BenchError.invalidArgument("--runs must be at least 1 (got 0)")) {
            try BenchHarness(runs: 0)
        }
    }

    @Test func measurementsSurviveTheChildProcessCodec() throws {
        let measurement = EngineMeasurement(compileMs: 12.5, samples: [
            RunSample(instantiateMs: 0.5, runMs: 99.25, stdout: [0, 1, 255, 10], stderr: Array("e\n".utf8), exitCode: 0),
            RunSample(instantiateMs: 0.75, runMs: 98, exitCode: 2, score: 1234.5),
        ])
        let text = MeasurementCodec.encode(measurement)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let decoded = try MeasurementCodec.decode(object, engine: "jit", workload: BenchFixtures.sightglassWorkload())
        #expect(decoded == measurement)
        #expect(throws: BenchError.self) {
            try MeasurementCodec.decode(["samples": []], engine: "jit", workload: BenchFixtures.sightglassWorkload())
        }
    }
}

/// Counts the root element, the bars and the "missing" notes of an SVG document.
final class SVGElementCounter: NSObject, XMLParserDelegate {
    var root: String?
    var bars = 0
    var missing = 0

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        if root == nil { root = elementName }
        if elementName == "rect", attributes["class"] == "bar" { bars += 1 }
        if elementName == "text", attributes["class"] == "missing" { missing += 1 }
    }
}
