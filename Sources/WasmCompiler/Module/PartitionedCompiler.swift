import CLLVM
import WasmFrontend

/// First-tier code compiled in partitions, in parallel: the defined functions are split into
/// contiguous partitions of about equal code size, each lowered into its own
/// LLVM context and module and compiled on its own thread; the objects are
/// loaded together into one JITDylib, where ORC resolves the calls between
/// partitions by symbol (every first-tier function keeps its `wasm_f<i>`
/// symbol) and the one tier table the first partition defines.
///
/// Functions that get registers (``FirstTierGrade``) are compiled in
/// partitions of their own, with their grade's options.
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

    /// `functions` (defined indices, in order) cut into at most `count`
    /// contiguous runs of about equal code size.
    static func chunks(_ functions: [Int], of wasm: WasmModule, count: Int) -> [[Int]] {
        let sizes = functions.map { wasm.bodies[$0].code.count + 16 }
        let total = sizes.reduce(0, +)
        var chunks: [[Int]] = []
        var current: [Int] = []
        var accumulated = 0
        for (position, size) in sizes.enumerated() {
            current.append(functions[position])
            accumulated += size
            let target = total * (chunks.count + 1) / max(1, count)
            if accumulated >= target && chunks.count < count - 1 && position + 1 < sizes.count {
                chunks.append(current)
                current = []
            }
        }
        if !current.isEmpty { chunks.append(current) }
        return chunks
    }

    /// Compiles `wasm` as first-tier code in `partitions` partitions, plus
    /// partitions of its ``FirstTierGrade/registers`` functions (compiled
    /// beside the others even when `partitions` is 1).
    static func compile(_ wasm: WasmModule, name: String, options: CompilerOptions, target: HostTarget,
                        partitions: Int) throws(CompileError) -> CompiledModule {
        let started = ContinuousClock.now
        let analysis = try ModuleAnalysis(wasm)
        let escaping = analysis.escaping
        let importedFunctionCount = analysis.importedFunctionCount
        let (stackSlots, registers) = FirstTierGrade.split(Array(wasm.bodies.indices), analysis: analysis, options: options)
        // More partitions than threads, taken from a shared queue, so that
        // one slow partition (a huge function) does not leave the others idle.
        let perGrade = partitions > 1 ? partitions * partitionsPerThread : 1
        // The first partition defines the tier table and the entry trampolines, even with no functions.
        let plain = chunks(stackSlots, of: wasm, count: min(perGrade, stackSlots.count))
        let parts = (plain.isEmpty ? [[]] : plain).map { Part(functions: $0, grade: .stackSlots) }
            + chunks(registers, of: wasm, count: min(perGrade, registers.count)).map { Part(functions: $0, grade: .registers) }
        let outcomes = PartitionOutcomes(count: parts.count)
        let input = PartitionInput(wasm: wasm, name: name, options: options, target: target, analysis: analysis)
        // Registers code takes longer: beside the rest, on a second thread.
        let threads = min(parts.count, registers.isEmpty ? partitions : max(partitions, 2))
        ParallelWork.run(threads) { _ in
            while let index = outcomes.claim() {
                outcomes.set(index, Result { () throws(CompileError) -> PartitionOutput in
                    try compilePartition(index, parts[index], input)
                })
            }
        }
        var objects: [[UInt8]] = []
        var timings = CompileTimings()
        var signatures: [FunctionType] = []
        for index in parts.indices {
            guard let outcome = outcomes.get(index) else { throw CompileError.llvm("partition \(index) did not run") }
            let output = try outcome.get()
            objects.append(output.object)
            timings.accumulate(output.timings)
            if index == 0 { signatures = output.signatures }
        }
        let escapingDefined = escaping.filter { $0 >= importedFunctionCount }.sorted()
        var compiled = CompiledModule(objectBytes: objects[0], escapingFunctions: escapingDefined, entrySignatures: signatures,
                                      target: target, optimization: options.optimization, memoryStrategy: options.memoryStrategy)
        compiled.extraObjects = Array(objects.dropFirst())
        compiled.convention = analysis.convention
        compiled.exportedFunctions = Array(importedFunctionCount..<(importedFunctionCount + wasm.bodies.count))
        compiled.hasTierTable = true
        compiled.registersFunctions = registers
        timings.partitions = parts.count
        timings.total = ContinuousClock.now - started
        timings.reportIfEnabled(name: name, wasmBytes: wasm.bytes.count)
        compiled.timings = timings
        return compiled
    }

    /// Lowers and compiles the functions of `part` at its grade (and, in the
    /// first partition, the entry trampolines and the tier table).
    private static func compilePartition(_ index: Int, _ part: Part, _ input: PartitionInput) throws(CompileError) -> PartitionOutput {
        var timings = CompileTimings()
        let options = part.grade.options(from: input.options)
        let machine = try ThreadTargetMachines.machine(input.target, optimization: options.optimization)
        let ir = IRModule(name: "\(input.name).\(index)", machine: machine)
        let unit = try CodegenModule(wasm: input.wasm, ir: ir, tier: .first, definesTierTable: index == 0)
        unit.configure(options, analysis: input.analysis)
        try measure(&timings.irBuild) { () throws(CompileError) in
            try unit.lowerFunctions(part.functions, options: options)
        }
        let signatures = index == 0 ? unit.emitEntryTrampolines() : []
        let object = try ir.emitObject(machine: machine, options: options, timings: &timings)
        return PartitionOutput(object: object, signatures: signatures, timings: timings)
    }
}

/// The functions one partition compiles, and how.
private struct Part: Sendable {
    let functions: [Int]
    let grade: FirstTierGrade
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
