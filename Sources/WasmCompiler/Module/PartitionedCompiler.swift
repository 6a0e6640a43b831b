import CLLVM
import WasmFrontend

/// First-tier code compiled in parallel: the defined functions are split into
/// contiguous partitions of about equal code size, each lowered into its own
/// LLVM context and module and compiled on its own thread; the objects are
/// loaded together into one JITDylib, where ORC resolves the calls between
/// partitions by symbol (every first-tier function keeps its `wasm_f<i>`
/// symbol) and the one tier table the first partition defines.
///
/// Only the first tier is partitioned: it is what the program waits for, and
/// at its light pipeline a partition boundary costs nothing (nothing is
/// inlined across functions). The second tier stays one module, so LLVM may
/// inline any callee into any caller, and so do AOT objects and cache
/// entries, which are single objects.
package enum PartitionedCompiler {
    /// Below this much function-body code a module is one partition: thread
    /// start-up and a second object cost more than they save. Measured on
    /// sightglass's ackermann (about 20 KB of code, mostly libc; release
    /// build, 2 cores, 4 alternating runs each): 16 KB kept it whole and took
    /// 133–158 ms, 4 KB split it and took 88–115 ms.
    static let minimumBytesPerPartition = 4 * 1024
    /// Partitions per compile thread.
    static let partitionsPerThread = 4

    /// How many partitions to compile `wasm` in with `threads` threads.
    package static func partitionCount(_ wasm: WasmModule, threads: Int) -> Int {
        let codeBytes = wasm.bodies.reduce(0) { $0 + $1.code.count }
        return max(1, min(threads, codeBytes / minimumBytesPerPartition, wasm.bodies.count))
    }

    /// Contiguous ranges of defined indices with about `total / count` code bytes each.
    static func ranges(_ wasm: WasmModule, count: Int) -> [Range<Int>] {
        let sizes = wasm.bodies.map { $0.code.count + 16 }
        let total = sizes.reduce(0, +)
        var ranges: [Range<Int>] = []
        var start = 0
        var accumulated = 0
        for (index, size) in sizes.enumerated() {
            accumulated += size
            let target = total * (ranges.count + 1) / count
            if accumulated >= target && ranges.count < count - 1 && index + 1 < sizes.count {
                ranges.append(start..<(index + 1))
                start = index + 1
            }
        }
        ranges.append(start..<sizes.count)
        return ranges.filter { !$0.isEmpty }
    }

    /// Compiles `wasm` as first-tier code in `partitions` partitions.
    static func compile(_ wasm: WasmModule, name: String, options: CompilerOptions, target: HostTarget,
                        partitions: Int) throws(CompileError) -> CompiledModule {
        let started = ContinuousClock.now
        let analysis = try ModuleAnalysis(wasm)
        let escaping = analysis.escaping
        let importedFunctionCount = analysis.importedFunctionCount
        // More partitions than threads, taken from a shared queue, so that
        // one slow partition (a huge function) does not leave the others idle.
        let ranges = ranges(wasm, count: min(partitions * partitionsPerThread, wasm.bodies.count))
        let outcomes = PartitionOutcomes(count: ranges.count)
        let input = PartitionInput(wasm: wasm, name: name, options: options, target: target, analysis: analysis)
        ParallelWork.run(min(partitions, ranges.count)) { _ in
            while let part = outcomes.claim() {
                outcomes.set(part, Result { () throws(CompileError) -> PartitionOutput in
                    try compilePartition(part, range: ranges[part], input)
                })
            }
        }
        var objects: [[UInt8]] = []
        var timings = CompileTimings()
        var signatures: [FunctionType] = []
        for part in 0..<ranges.count {
            guard let outcome = outcomes.get(part) else { throw CompileError.llvm("partition \(part) did not run") }
            let output = try outcome.get()
            objects.append(output.object)
            timings.accumulate(output.timings)
            if part == 0 { signatures = output.signatures }
        }
        let escapingDefined = escaping.filter { $0 >= importedFunctionCount }.sorted()
        var compiled = CompiledModule(objectBytes: objects[0], escapingFunctions: escapingDefined, entrySignatures: signatures,
                                      target: target, optimization: options.optimization, memoryStrategy: options.memoryStrategy)
        compiled.extraObjects = Array(objects.dropFirst())
        compiled.convention = analysis.convention
        compiled.exportedFunctions = Array(importedFunctionCount..<(importedFunctionCount + wasm.bodies.count))
        compiled.hasTierTable = true
        timings.partitions = ranges.count
        timings.total = ContinuousClock.now - started
        timings.reportIfEnabled(name: name, wasmBytes: wasm.bytes.count)
        compiled.timings = timings
        return compiled
    }

    /// Lowers and compiles the functions of `range` (and, in the first
    /// partition, the entry trampolines and the tier table).
    private static func compilePartition(_ part: Int, range: Range<Int>, _ input: PartitionInput) throws(CompileError) -> PartitionOutput {
        var timings = CompileTimings()
        let machine = try ThreadTargetMachines.machine(input.target, optimization: input.options.optimization)
        let ir = IRModule(name: "\(input.name).\(part)", machine: machine)
        let unit = try CodegenModule(wasm: input.wasm, ir: ir, tier: .first, definesTierTable: part == 0)
        unit.configure(input.options, analysis: input.analysis)
        try measure(&timings.irBuild) { () throws(CompileError) in
            try unit.lowerFunctions(range, options: input.options)
        }
        let signatures = part == 0 ? unit.emitEntryTrampolines() : []
        let object = try ir.emitObject(machine: machine, options: input.options, timings: &timings)
        return PartitionOutput(object: object, signatures: signatures, timings: timings)
    }
}

/// What every partition reads (immutable, shared across the threads).
private struct PartitionInput: @unchecked Sendable {
    let wasm: WasmModule
    let name: String
    let options: CompilerOptions
    let target: HostTarget
    let analysis: ModuleAnalysis
}

private struct PartitionOutput {
    let object: [UInt8]
    let signatures: [FunctionType]
    let timings: CompileTimings
}

/// Each partition's result, written by its own thread.
private final class PartitionOutcomes: @unchecked Sendable {
    private let lock = Lock()
    private var outcomes: [Result<PartitionOutput, CompileError>?]
    private var next = 0

    init(count: Int) { outcomes = Array(repeating: nil, count: count) }

    /// The next partition nobody compiles yet, if any.
    func claim() -> Int? {
        lock.withLock { () -> Int? in
            guard next < outcomes.count else { return nil }
            next += 1
            return next - 1
        }
    }

    func set(_ part: Int, _ outcome: Result<PartitionOutput, CompileError>) { lock.withLock { outcomes[part] = outcome } }
    func get(_ part: Int) -> Result<PartitionOutput, CompileError>? { lock.withLock { outcomes[part] } }
}
