import Foundation
import Testing
import WasmFrontend
import WasmexSpec

/// A small deterministic generator (SplitMix64), so every run mutates the same way.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound` (`bound` > 0).
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func byte() -> UInt8 { UInt8(truncatingIfNeeded: next()) }
}

/// Ways to damage a module.
enum Mutation: CaseIterable {
    case flipByte, truncate, insertBytes, deleteRange, overwriteWithLEBRun, duplicateRange

    func apply(to input: [UInt8], using rng: inout SplitMix64) -> [UInt8] {
        var bytes = input
        guard !bytes.isEmpty else { return [rng.byte()] }
        let position = rng.below(bytes.count)
        switch self {
        case .flipByte:
            bytes[position] ^= UInt8(1 + rng.below(255))
        case .truncate:
            bytes.removeSubrange(position...)
        case .insertBytes:
            let inserted = (0..<(1 + rng.below(8))).map { _ in rng.byte() }
            bytes.insert(contentsOf: inserted, at: position)
        case .deleteRange:
            bytes.removeSubrange(position..<min(bytes.count, position + 1 + rng.below(16)))
        case .overwriteWithLEBRun:
            // Long continuation runs stress LEB128 length limits.
            for i in position..<min(bytes.count, position + 1 + rng.below(10)) { bytes[i] = 0xFF }
        case .duplicateRange:
            let end = min(bytes.count, position + 1 + rng.below(32))
            bytes.insert(contentsOf: bytes[position..<end], at: end)
        }
        return bytes
    }
}

/// Decodes and validates thousands of damaged and generated modules: the front end must
/// reject bad input with a `WasmError` and never crash, and must accept every valid module
/// `wasm-tools smith` generates with the WebAssembly 2.0 feature set (any it rejects is
/// checked with `wasm-tools validate --features wasm2`).
@Suite(.enabled(if: SpecTestSupport.available(
    SpecTestSupport.wasmTools != nil && SpecTestSupport.specSuite != nil,
    otherwise: "fuzzing needs wasm-tools and the wasm-2.0 spec suite")))
struct FuzzDecodeTests {
    /// Feature flags limiting `smith` to WebAssembly 2.0.
    static let smithFlags = [
        "--simd-enabled", "true", "--bulk-memory-enabled", "true", "--reference-types-enabled", "true",
        "--multi-value-enabled", "true", "--saturating-float-to-int-enabled", "true",
        "--sign-extension-ops-enabled", "true", "--relaxed-simd-enabled", "false",
        "--tail-call-enabled", "false", "--gc-enabled", "false", "--exceptions-enabled", "false",
        "--memory64-enabled", "false", "--threads-enabled", "false",
        "--shared-everything-threads-enabled", "false", "--custom-page-sizes-enabled", "false",
        "--wide-arithmetic-enabled", "false", "--extended-const-enabled", "false",
        "--custom-descriptors-enabled", "false", "--compact-imports-enabled", "false",
        "--max-memories", "1",
    ]

    /// The outcome of decoding one input.
    struct Verdict {
        var accepted = 0
        var rejected = 0
        /// Problems with how an input was rejected.
        var problems: [String] = []

        mutating func check(_ bytes: [UInt8], label: @autoclosure () -> String) {
            do throws(WasmError) {
                let module = try WasmModule.decode(bytes)
                try module.validate()
                accepted += 1
            } catch {
                rejected += 1
                if error.message.isEmpty { problems.append("\(label()): empty error message") }
                if let offset = error.offset, offset < 0 || offset > bytes.count {
                    problems.append("\(label()): offset \(offset) outside 0...\(bytes.count) (\(error))")
                }
            }
        }
    }

    @Test func damagedAndGeneratedModulesNeverCrashTheFrontEnd() throws {
        let tools = try #require(SpecTestSupport.wasmTools)
        let suite = try #require(SpecTestSupport.specSuite)
        let scratch = try SpecTestSupport.makeScratch()
        defer { SpecTestSupport.removeScratch(scratch) }

        let clock = ContinuousClock()
        let started = clock.now
        var corpus = try Self.specModules(suite: suite, tools: tools, scratch: scratch + "/spec")
        if let bench = SpecTestSupport.sharedDirectory?.appendingPathComponent("bench") {
            corpus += Self.wasmFiles(under: bench.path).map { (label: $0.path, bytes: $0.bytes, mutations: 4) }
        }
        let converted = clock.now
        let generated = try Self.smithModules(count: 300, tools: tools, scratch: scratch + "/smith")
        let smithDone = clock.now
        var rng = SplitMix64(seed: 0x5EED_2025)
        var verdict = Verdict()

        // Every generated module must be accepted unless `wasm-tools validate` rejects it too;
        // then damage it ten ways.
        var rejectedValid: [String] = []
        for (index, path, bytes) in generated {
            do throws(WasmError) {
                let module = try WasmModule.decode(bytes)
                try module.validate()
                verdict.accepted += 1
            } catch {
                verdict.rejected += 1
                let check = try tools.run(["validate", "--features", "wasm2", path])
                if check.status == 0 { rejectedValid.append("smith module \(index): \(error)") }
            }
            for round in 0..<10 {
                let mutation = Mutation.allCases[rng.below(Mutation.allCases.count)]
                verdict.check(mutation.apply(to: bytes, using: &rng), label: "smith \(index) \(mutation) #\(round)")
            }
        }
        // Spec-suite and benchmark modules (valid, invalid and malformed alike) and their mutants.
        for entry in corpus {
            verdict.check(entry.bytes, label: entry.label)
            for round in 0..<entry.mutations {
                let mutation = Mutation.allCases[rng.below(Mutation.allCases.count)]
                verdict.check(mutation.apply(to: entry.bytes, using: &rng), label: "\(entry.label) \(mutation) #\(round)")
            }
        }

        let total = verdict.accepted + verdict.rejected
        print("fuzz: \(total) inputs, \(verdict.accepted) accepted, \(verdict.rejected) rejected, \(generated.count) smith modules;",
              "convert \(converted - started), smith \(smithDone - converted), decode \(clock.now - smithDone)")
        #expect(generated.count >= 250, "too few smith modules were generated")
        #expect(corpus.count >= 1_000, "too few spec-suite modules were converted")
        #expect(total >= 10_000)
        #expect(rejectedValid.isEmpty, "valid modules rejected:\n\(rejectedValid.prefix(20).joined(separator: "\n"))")
        #expect(verdict.problems.isEmpty, "\(verdict.problems.prefix(20).joined(separator: "\n"))")
    }

    // MARK: - Corpus

    /// Converts every spec script (two workers) and returns its modules, each to be mutated twice.
    static func specModules(suite: URL, tools: WasmTools, scratch: String) throws -> [(label: String, bytes: [UInt8], mutations: Int)] {
        let scripts = try SpecRunner.collectScripts([suite.path])
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let convert = """
            prefix="$1"; shift; i=0
            for f in "$@"; do
              i=$((i + 1)); mkdir -p "$prefix.$i"
              "$0" json-from-wast "$f" -o "$prefix.$i/s.json" --wasm-dir "$prefix.$i" 2>/dev/null
            done
            """
        // Each worker gets every other script; its first argument is its output prefix.
        try runWorkers(convert, jobs: (0..<2).map { worker in
            [tools.executablePath, "\(scratch)/spec\(worker)"]
                + scripts.enumerated().filter { $0.offset % 2 == worker }.map(\.element)
        })
        return wasmFiles(under: scratch).map { (label: $0.path, bytes: $0.bytes, mutations: 2) }
    }

    /// Runs `/bin/sh -c script` once per job (the job's strings become `$0`, `$1`, …), all at
    /// once, and waits for them; returns each job's standard output.
    @discardableResult
    static func runWorkers(_ script: String, jobs: [[String]]) throws -> [String] {
        let scratch = try SpecTestSupport.makeScratch()
        defer { SpecTestSupport.removeScratch(scratch) }
        let running = try jobs.enumerated().map { index, arguments -> (Process, String) in
            let output = "\(scratch)/out\(index)"
            FileManager.default.createFile(atPath: output, contents: nil)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", script] + arguments
            process.standardOutput = FileHandle(forWritingAtPath: output)
            try process.run()
            return (process, output)
        }
        return running.map { process, output in
            process.waitUntilExit()
            return String(decoding: FileManager.default.contents(atPath: output) ?? Data(), as: UTF8.self)
        }
    }

    /// Every `.wasm` file under `directory`, sorted by path.
    static func wasmFiles(under directory: String) -> [(path: String, bytes: [UInt8])] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var files: [(path: String, bytes: [UInt8])] = []
        for case let relative as String in enumerator where relative.hasSuffix(".wasm") {
            let path = directory + "/" + relative
            if let data = FileManager.default.contents(atPath: path) { files.append((path, [UInt8](data))) }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// Generates `count` modules with `wasm-tools smith` from deterministic seeds (two workers);
    /// returns index, path and bytes of each module smith produced.
    static func smithModules(count: Int, tools: WasmTools, scratch: String) throws -> [(Int, String, [UInt8])] {
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        var rng = SplitMix64(seed: 0xC0FFEE)
        for index in 0..<count {
            let seed = (0..<(200 + rng.below(3000))).map { _ in rng.byte() }
            try Data(seed).write(to: URL(fileURLWithPath: "\(scratch)/seed\(index).bin"))
        }
        let generate = """
            for i in $(seq $1 2 \(count - 1)); do
              "$0" smith \(smithFlags.joined(separator: " ")) -o "$2/m$i.wasm" < "$2/seed$i.bin" 2>/dev/null && echo "$i"
            done
            """
        let lists = try runWorkers(generate, jobs: (0..<2).map { [tools.executablePath, String($0), scratch] })
        var modules: [(Int, String, [UInt8])] = []
        for line in lists.joined(separator: "\n").split(separator: "\n") {
            guard let index = Int(line) else { continue }
            let path = "\(scratch)/m\(index).wasm"
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            modules.append((index, path, [UInt8](data)))
        }
        return modules.sorted { $0.0 < $1.0 }
    }
}
