import ArgumentParser
import Foundation
import WasmCompiler
import Wasmex

/// `wasmex run [--dir HOST[::GUEST[::ro]]]... [--env KEY=VALUE]... [--invoke NAME] [-O0..-O3] [--backtrace-details]
/// [--cache DIR | --no-cache] [--allow-precompiled] FILE [ARGS...]`, in Wasmtime's shape.
///
/// The store is bounded by default (see ``RunLimits``: `--max-memory-size`,
/// `--max-table-elements`, `--max-instances`).
///
/// FILE may be an AOT object from `wasmex compile` only with `--allow-precompiled`:
/// an object is machine code that runs as is.
///
/// Without `--invoke` it runs the WASI command's `_start` with `ARGS` as the
/// program's arguments (argv[0] is the file's base name, as Wasmtime does) and
/// exits with the program's exit status. With `--invoke NAME` it calls that
/// export with `ARGS` parsed by the function's parameter types and prints the
/// results one per line. Standard streams are inherited either way, and a
/// module that imports WASI always gets it.
///
/// A trap prints `wasm trap: MESSAGE` and the Wasm backtrace (innermost
/// frame first; with `--backtrace-details` each frame's byte offset in the
/// module and, when the module carries DWARF, its source `file:line:column`).
///
/// Exit status: the program's own status; 134 (128 + SIGABRT, like Wasmtime)
/// when execution traps; 1 for any other error (unreadable or invalid module,
/// link errors, bad `--invoke` arguments).
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a WebAssembly module: a WASI command's _start, or one export with --invoke."
    )

    @Option(name: .customLong("dir"),
            help: ArgumentHelp("Give the program access to host directory HOST, named GUEST inside (default: HOST); "
                                + "with ::ro it may only read there.",
                               valueName: "HOST[::GUEST[::ro]]"))
    var directories: [String] = []

    @Option(name: .customLong("env"),
            help: ArgumentHelp("Set an environment variable for the program (KEY alone copies the host's value).",
                               valueName: "KEY=VALUE"))
    var environment: [String] = []

    @Option(name: .customLong("invoke"),
            help: ArgumentHelp("Call export NAME with ARGS as its parameters and print its results.", valueName: "NAME"))
    var invoke: String?

    @Option(help: ArgumentHelp("Run with N units of fuel (about one per Wasm operator); trap when it runs out.",
                               valueName: "N"))
    var fuel: UInt64?

    @Option(help: ArgumentHelp("Interrupt the program after DURATION (e.g. 1s, 250ms, 2m).", valueName: "DURATION"),
            transform: { text in
                guard let duration = DurationArgument.parse(text) else {
                    throw ValidationError("--timeout \(text): expected a duration such as 1s, 250ms, 1.5s or 2m")
                }
                return duration
            })
    var timeout: Duration?

    @OptionGroup var limits: RunLimits

    @Flag(help: "LLVM optimisation level (default: -O2).")
    var optimization: OptimizationFlag = .O2

    @Flag(name: .customLong("allow-precompiled"),
          help: "Run FILE even when it is a precompiled native object (from `wasmex compile`). Its machine code runs unchecked: only pass objects you made.")
    var allowPrecompiled = false

    @Flag(name: .customLong("backtrace-details"),
          help: "Show each trap backtrace frame's byte offset in the module and, when the module carries DWARF (built with -g), its source file:line:column (Wasmtime's WASMTIME_BACKTRACE_DETAILS).")
    var backtraceDetails = false

    @Option(help: MemoryStrategy.argumentHelp)
    var memory: MemoryStrategy = .hostDefault

    @Option(help: CompilationStrategy.argumentHelp)
    var compilation: CompilationStrategy = .tiered

    @Option(name: .customLong("hotness-threshold"),
            help: "Tiered compilation: how many counts make a function hot and optimised on its own (a call counts 1 plus one per 64 bytes of code, a loop iteration 1; default 10000).")
    var hotnessThreshold: Int?

    func validate() throws {
        if let hotnessThreshold, hotnessThreshold < 1 {
            throw ValidationError("--hotness-threshold must be at least 1 (got \(hotnessThreshold))")
        }
    }

    @OptionGroup var cache: CacheOptions

    @Argument(help: "The module to run (.wasm or .wat).")
    var file: String

    @Argument(parsing: .captureForPassthrough,
              help: "The program's arguments, or the invoked function's parameters (integers, floats, nan, inf).")
    var arguments: [String] = []

    /// Exit status when execution traps (what Wasmtime uses: 128 + SIGABRT).
    static let trapStatus: Int32 = 134

    func run() throws {
        let status: Int32
        do {
            status = try execute()
        } catch {
            Console.error("error: \(error.message)")
            Self.finish(error.status)
        }
        Self.finish(status)
    }

    /// Ends the process at once with `status` once the program is done: a
    /// background compilation of its module may still be running, and a
    /// normal exit would wait for it (see `wasmex_tier_compile_begin`). The
    /// run holds nothing else that needs tearing down; stdio is flushed.
    private static func finish(_ status: Int32) -> Never {
        fflush(nil)
        _exit(status)
    }

    /// Compiles, instantiates and runs; returns the exit status.
    private func execute() throws(RunFailure) -> Int32 {
        guard let contents = FileManager.default.contents(atPath: file) else {
            throw RunFailure("cannot read \(file)")
        }
        let options = try wasiOptions()
        let (engine, module) = try load([UInt8](contents))
        defer {
            CacheFiller.fillIfNeeded(module: module, file: file, cacheDirectory: engine.configuration.cacheDirectory,
                                     arguments: cacheFillArguments)
        }
        let store = Store(engine: engine, limits: limits.storeLimits)
        do throws(WasmexError) {
            if let fuel { try store.setFuel(fuel) }
            return try DurationArgument.run(store: store, timeout: timeout) { () throws(WasmexError) -> Int32 in
                let instance = try Instance(store: store, module: module, wasi: options)
                if let invoke {
                    try invokeExport(invoke, of: instance)
                    return 0
                }
                return Self.status(exitCode: try instance.runCommand())
            }
        } catch {
            if let code = error.wasiExitCode { return Self.status(exitCode: code) }
            if invoke == nil, case .unknownExport("_start") = error {
                throw RunFailure("\(file) exports no _start function; use --invoke NAME to call an export")
            }
            throw RunFailure(error, file: file)
        }
    }

    /// Compiles `bytes` (`.wasm`/`.wat`), or loads them without compiling when
    /// they are an AOT object from `wasmex compile` (its own options then apply).
    private func load(_ bytes: [UInt8]) throws(RunFailure) -> (Engine, Module) {
        if AOTObjectInfo.looksLikeObject(bytes) {
            // An object is native code: its checks (hash, options, target)
            // catch accidents, not attackers, since whoever wrote the file
            // also wrote the hash. So loading one is an explicit decision,
            // as with Wasmtime's `--allow-precompiled`.
            guard allowPrecompiled else { throw RunFailure(Self.precompiledRefusal(file)) }
            do throws(ArtifactError) {
                let configuration = try Module.configuration(forArtifact: bytes)
                let engine: Engine
                do { engine = try Engine(configuration) } catch { throw ArtifactError.load(error) }
                return (engine, try Module.deserialize(engine: engine, bytes: bytes))
            } catch {
                if case .load(let inner) = error { throw RunFailure(inner, file: file) }
                throw RunFailure("\(file): \(error)")
            }
        }
        do throws(WasmexError) {
            var configuration = Engine.Configuration(optimization: optimization.level, consumeFuel: fuel != nil,
                                                     cacheDirectory: cache.resolvedDirectory,
                                                     memoryStrategy: memory, backtraceDetails: backtraceDetails)
            configuration.compilation = compilation
            if let hotnessThreshold { configuration.hotnessThreshold = hotnessThreshold }
            // The cache is filled after the run, from another process (CacheFiller).
            configuration.fillsCacheWhileRunning = false
            let engine = try Engine(configuration)
            return (engine, try Module(engine: engine, bytes: bytes))
        } catch {
            throw RunFailure(error, file: file)
        }
    }

    /// The options of `wasmex cache-fill` that give this run's cache key.
    private var cacheFillArguments: [String] {
        var arguments = ["-\(optimization.rawValue)", "--memory", memory.rawValue]
        if fuel != nil { arguments.append("--consume-fuel") }
        if backtraceDetails { arguments.append("--backtrace-details") }
        return arguments
    }

    /// Why `wasmex run` refuses an object without `--allow-precompiled`.
    static func precompiledRefusal(_ file: String) -> String {
        "\(file) is a precompiled native object; running it executes its machine code without any check. "
            + "Pass --allow-precompiled to run objects you trust (made by `wasmex compile`)"
    }

    /// The process status for a program's exit code: the code itself, except
    /// that a non-zero code the OS would truncate to 0 becomes 1.
    static func status(exitCode: UInt32) -> Int32 {
        guard exitCode != 0 else { return 0 }
        return exitCode & 0xFF == 0 ? 1 : Int32(truncatingIfNeeded: exitCode)
    }

    /// Calls `name` with the command-line arguments and prints the results.
    private func invokeExport(_ name: String, of instance: Instance) throws(WasmexError) {
        let function = try instance.function(named: name)
        let parameters = function.type.parameters
        guard arguments.count == parameters.count else {
            throw WasmexError.invalidOperation(
                "\(name) expects \(parameters.count) argument(s) \(parameters), got \(arguments.count)")
        }
        var values: [Value] = []
        for (index, (text, type)) in zip(arguments, parameters).enumerated() {
            guard let value = InvokeValues.parse(text, as: type) else {
                throw WasmexError.invalidOperation("argument \(index + 1) of \(name): cannot parse \"\(text)\" as \(type)")
            }
            values.append(value)
        }
        let results = try function.call(values)
        for result in results { print(InvokeValues.format(result)) }
        fflush(nil)
    }

    /// The WASI setup: argv, environment, preopens and inherited stdio.
    private func wasiOptions() throws(RunFailure) -> WasiOptions {
        let programName = URL(fileURLWithPath: file).lastPathComponent
        var env: [(String, String)] = []
        for entry in environment {
            if let equals = entry.firstIndex(of: "=") {
                let key = String(entry[..<equals])
                guard !key.isEmpty else { throw RunFailure("--env \(entry): empty variable name") }
                env.append((key, String(entry[entry.index(after: equals)...])))
            } else if let value = ProcessInfo.processInfo.environment[entry] {
                env.append((entry, value))
            }
        }
        var preopens: [Preopen] = []
        for directory in directories {
            switch DirArgument.parse(directory) {
            case .success(let preopen): preopens.append(preopen)
            case .failure(let error): throw RunFailure(error.message)
            }
        }
        return WasiOptions(args: [programName] + (invoke == nil ? arguments : []), env: env, preopens: preopens,
                           stdin: .inherit, stdout: .inherit, stderr: .inherit)
    }
}

/// `-O0` … `-O3`.
enum OptimizationFlag: String, EnumerableFlag {
    case O0, O1, O2, O3

    var level: OptimizationLevel {
        switch self {
        case .O0: return .o0
        case .O1: return .o1
        case .O2: return .o2
        case .O3: return .o3
        }
    }

    static func name(for value: OptimizationFlag) -> NameSpecification {
        .customLong(value.rawValue, withSingleDash: true)
    }

    static func help(for value: OptimizationFlag) -> ArgumentHelp? {
        "Compile at LLVM optimisation level \(value.level)."
    }
}

/// A failure `wasmex run` reports as `error: message` with an exit status.
struct RunFailure: Error {
    let message: String
    let status: Int32

    init(_ message: String, status: Int32 = 1) {
        self.message = message
        self.status = status
    }

    /// Describes an engine error; traps get Wasmtime's wording and status,
    /// followed by the trap's Wasm backtrace.
    init(_ error: WasmexError, file: String) {
        switch error {
        case .trap(let trap):
            self.init("wasm trap: \(trap)", status: RunCommand.trapStatus)
        case .compile(let compile): self.init("\(file): \(compile)")
        default: self.init(error.description)
        }
    }
}

/// Parsing `--invoke` arguments and printing results.
enum InvokeValues {
    /// Parses `text` as a value of `type`: integers in decimal or `0x` hex
    /// (negative or unsigned), floats including `nan`, `inf` and `-inf`,
    /// v128 as one `0x` hex number, references as `null` (externref also an id).
    static func parse(_ text: String, as type: ValueType) -> Value? {
        switch type {
        case .i32:
            if let signed = integer(text, Int32.self) { return .i32(signed) }
            return integer(text, UInt32.self).map { .i32(Int32(bitPattern: $0)) }
        case .i64:
            if let signed = integer(text, Int64.self) { return .i64(signed) }
            return integer(text, UInt64.self).map { .i64(Int64(bitPattern: $0)) }
        case .f32:
            return Float(text).map(Value.f32)
        case .f64:
            return Double(text).map(Value.f64)
        case .v128:
            guard text.hasPrefix("0x"), text.count <= 34 else { return nil }
            let digits = text.dropFirst(2)
            let split = digits.index(digits.endIndex, offsetBy: -min(16, digits.count))
            guard let lo = UInt64(digits[split...], radix: 16) else { return nil }
            let hi = split == digits.startIndex ? 0 : UInt64(digits[..<split], radix: 16)
            return hi.map { .v128(V128(lo: lo, hi: $0)) }
        case .ref(let r) where r.heapType.isFunction:
            return text == "null" && r.isNullable ? .funcRef(nil) : nil
        case .ref(let r) where r.heapType == .extern:
            if text == "null" { return r.isNullable ? .externRef(nil) : nil }
            return UInt64(text).flatMap(ExternRef.init(id:)).map { .externRef($0) }
        case .ref(let r) where r.heapType.top == .exn:
            return text == "null" && r.isNullable ? .exnRef(nil) : nil
        case .ref:
            return nil
        }
    }

    /// An integer in decimal or `0x`/`-0x` hexadecimal.
    private static func integer<T: FixedWidthInteger>(_ text: String, _: T.Type) -> T? {
        let negative = text.hasPrefix("-")
        let body = negative ? text.dropFirst() : Substring(text)
        if body.hasPrefix("0x") || body.hasPrefix("0X") {
            return T(negative ? "-" + body.dropFirst(2) : String(body.dropFirst(2)), radix: 16)
        }
        return T(text)
    }

    /// A result as Wasmtime prints it: integers in decimal, floats without a
    /// trailing `.0`, `nan`/`inf`, v128 as hex, references by kind.
    static func format(_ value: Value) -> String {
        switch value {
        case .i32(let v): return String(v)
        case .i64(let v): return String(v)
        case .f32(let v): return float(v.description)
        case .f64(let v): return float(v.description)
        case .v128(let v):
            let hi = String(v.hi, radix: 16)
            let lo = String(v.lo, radix: 16)
            return v.hi == 0 ? "0x" + lo : "0x" + hi + String(repeating: "0", count: 16 - lo.count) + lo
        case .funcRef(let function): return function == nil ? "null" : "<funcref>"
        case .externRef(let reference): return reference.map { "externref \($0.id)" } ?? "null"
        case .exnRef(let reference): return reference == nil ? "null" : "<exnref>"
        case .anyRef(let reference): return reference.map { "<anyref \($0)>" } ?? "null"
        }
    }

    private static func float(_ text: String) -> String {
        text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}
