import ArgumentParser
import Foundation
import WasmCompiler
import WasmFrontend

/// `wasmex compile FILE -o OUT.o [-O0..-O3] [--target TRIPLE] [--cpu NAME] [--backtrace-details]`:
/// compiles a module ahead of time into an ELF relocatable object whose
/// `.wasmex.meta` section records what a later load checks (format, LLVM,
/// target, CPU features, options, hash of the Wasm bytes) and the Wasm bytes
/// themselves. `wasmex run OUT.o` and `Module.deserialize` load it without compiling.
struct CompileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile",
        abstract: "Compile a WebAssembly module ahead of time to an object file."
    )

    @Argument(help: "The module to compile (.wasm or .wat).")
    var file: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the object.", valueName: "OUT.o"))
    var output: String

    @Flag(help: "LLVM optimisation level (default: -O2).")
    var optimization: OptimizationFlag = .O2

    @Option(name: .customLong("target"), help: ArgumentHelp("Target triple (default: this host).", valueName: "TRIPLE"))
    var triple: String?

    @Option(name: .customLong("cpu"), help: ArgumentHelp("Target CPU (default: this host's CPU and features).", valueName: "NAME"))
    var cpu: String?

    @Option(name: .customLong("cpu-features"),
            help: ArgumentHelp("CPU features, LLVM spelling (+avx2,-sse4a); default: the host's, or the CPU's own with --cpu.",
                               valueName: "LIST"))
    var cpuFeatures: String?

    @Flag(help: "Compile fuel accounting (the loading engine must enable consumeFuel).")
    var consumeFuel = false

    @Flag(help: "Leave out epoch checks (call timeouts cannot stop this code).")
    var noEpochInterruption = false

    @Option(help: MemoryStrategy.argumentHelp)
    var memory: MemoryStrategy = .hostDefault

    @Flag(name: .customLong("backtrace-details"),
          help: "Record each operator's byte offset, so trap backtraces of the object name them and, when the module carries DWARF, their source file:line:column.")
    var backtraceDetails = false

    func run() throws {
        guard let contents = FileManager.default.contents(atPath: file) else {
            throw CLIError("cannot read \(file)")
        }
        let wasm: WasmModule
        do {
            wasm = try WasmModule.parse([UInt8](contents))
        } catch {
            throw CLIError("\(file): \(error)")
        }
        let options = CompilerOptions(optimization: optimization.level, epochInterruption: !noEpochInterruption,
                                      consumeFuel: consumeFuel, memoryStrategy: memory,
                                      backtraceDetails: backtraceDetails)
        let compiled: CompiledModule
        do {
            compiled = try AOTCompiler.compile(wasm, name: wasm.names.moduleName ?? "wasm", options: options, target: target)
        } catch {
            throw CLIError("\(file): \(error)")
        }
        guard FileManager.default.createFile(atPath: output, contents: Data(compiled.objectBytes)) else {
            throw CLIError("cannot write \(output)")
        }
    }

    /// The machine to compile for: the host unless overridden.
    private var target: HostTarget {
        let host = HostTarget.current
        if triple == nil && cpu == nil && cpuFeatures == nil { return host }
        let features = cpuFeatures ?? (cpu == nil ? host.cpuFeatures : "")
        return HostTarget(triple: triple ?? host.triple, cpuName: cpu ?? host.cpuName, cpuFeatures: features)
    }
}
