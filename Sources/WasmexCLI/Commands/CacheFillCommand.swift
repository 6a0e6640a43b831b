import ArgumentParser
import Foundation
import Wasmex

/// `wasmex cache-fill --cache DIR [options] FILE` (hidden): compiles FILE
/// eagerly at the given options and stores the result in the compile cache.
///
/// `wasmex run` starts it, detached, when a program ends before its module's
/// optimised code was ready (see ``CacheFiller``): the next run of the same
/// module then loads optimised code from the cache instead of starting on
/// the first tier again. The options are the run's, so the entry lands under
/// the key the next run looks up.
struct CacheFillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache-fill",
        abstract: "Compile a module at the given options into the compile cache (used by `wasmex run`).",
        shouldDisplay: false
    )

    @Option(name: .customLong("cache"), help: ArgumentHelp("The cache directory.", valueName: "DIR"))
    var directory: String

    @Flag(help: "LLVM optimisation level (default: -O2).")
    var optimization: OptimizationFlag = .O2

    @Option(help: MemoryStrategy.argumentHelp)
    var memory: MemoryStrategy = .hostDefault

    @Flag(help: "Compile fuel accounting.")
    var consumeFuel = false

    @Flag(name: .customLong("backtrace-details"), help: "Compile for backtrace details.")
    var backtraceDetails = false

    @Argument(help: "The module (.wasm or .wat).")
    var file: String

    func run() throws {
        guard let contents = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
        let configuration = Engine.Configuration(optimization: optimization.level, consumeFuel: consumeFuel,
                                                 cacheDirectory: directory, memoryStrategy: memory,
                                                 backtraceDetails: backtraceDetails, compilation: .eager)
        do {
            _ = try Module(engine: try Engine(configuration), bytes: [UInt8](contents))
        } catch {
            throw CLIError("\(file): \(error)")
        }
    }
}
