#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How much LLVM does for one function's first-tier code.
///
/// Most first-tier code runs a handful of times, so it gets the cheapest
/// code LLVM makes (``stackSlots``). Small functions that loop or call
/// themselves are where a short program spends its time before any hot
/// function's optimised code can arrive: sightglass's kernels run for one to
/// three milliseconds, while an optimising compile of even ackermann's
/// 57-byte function takes 6–9 ms (LLVM's fixed cost per compile). Such a
/// function gets ``registers`` code on its first call, and runs about twice
/// as fast from its first instruction on; its optimised code still follows
/// when it gets hot.
///
/// Measured (release, 2 cores, `wasmex bench run --engine jit --runs 3` over
/// the 22 sightglass workloads, two alternating rounds; docs/bench/stop33-first-tier-grades.log):
/// registers for looping functions of up to 4 KB made the median run time
/// 0.87× of stack slots for everything as a geomean and end to end (the
/// first run, compile included) 0.92×: xblabla20 1.75 → 0.92 ms,
/// xchacha20 2.65 → 1.20, blake3-scalar 7.6 → 4.3 (runs that finish in
/// first-tier code), ackermann 2.37 → 1.60; up to 1 KB: 0.92× and 0.94×
/// (the kernels' loops are 1.8–3.5 KB). Giving every function registers
/// costs far more than it gains: keccak's unrolled 19 KB function took
/// 178 ms instead of 16 with the light passes and the greedy allocator,
/// quicksort's first batch (11 functions, 5 KB) 45 ms instead of 18 with
/// FastISel and the greedy allocator, 89 ms with O1's code generator.
package enum FirstTierGrade: Sendable, Hashable {
    /// No IR passes; O0's code generator (FastISel, the fast register
    /// allocator): every local lives in a stack slot (see ``PassPipeline/firstTier``).
    case stackSlots
    /// The light IR passes (``PassPipeline/light``: SROA puts locals in SSA
    /// form) and O1's code generator (SelectionDAG, the greedy register
    /// allocator). Same lowering, so the same traps, fuel, epoch checks and
    /// counters as ``stackSlots`` code.
    case registers

    /// Looping or self-recursive functions of at most this many bytes of Wasm
    /// code get ``registers`` (nil: none); `WASMEX_FIRST_TIER_REGISTERS_SIZE`
    /// overrides it for experiments (a negative value: none).
    package static let maximumRegistersSize: Int? = {
        if let raw = getenv("WASMEX_FIRST_TIER_REGISTERS_SIZE"), let value = Int(String(cString: raw)) {
            return value < 0 ? nil : value
        }
        return 4 * 1024
    }()

    /// The grade of defined function `definedIndex`'s first-tier code under
    /// first-tier `options`. With backtrace details every function gets
    /// ``stackSlots``: its frames then name exactly the instructions that
    /// O0 code names.
    static func of(_ definedIndex: Int, analysis: ModuleAnalysis, options: CompilerOptions) -> FirstTierGrade {
        guard let limit = maximumRegistersSize, !options.backtraceDetails else { return .stackSlots }
        let shape = analysis.shapes[definedIndex]
        guard shape.codeSize <= limit else { return .stackSlots }
        let index = analysis.importedFunctionCount + definedIndex
        let recursive = shape.directCallSites[index] != nil
        return shape.loops || recursive || analysis.calledInLoops.contains(index) ? .registers : .stackSlots
    }

    /// The most Wasm code of one module that gets ``registers``, first come
    /// first served (nil: no limit); `WASMEX_FIRST_TIER_REGISTERS_BUDGET`
    /// overrides it for experiments.
    package static let moduleBudget: Int? = {
        if let raw = getenv("WASMEX_FIRST_TIER_REGISTERS_BUDGET"), let value = Int(String(cString: raw)) {
            return value < 0 ? nil : value
        }
        return 8 * 1024
    }()

    /// `functions` (defined indices) split by grade, each part in its
    /// original order; a function gets ``registers`` only while its code
    /// fits in `budget` (bytes of Wasm code, nil: unlimited), which it uses up.
    package static func split(_ functions: [Int], analysis: ModuleAnalysis, options: CompilerOptions,
                              budget: inout Int?) -> (stackSlots: [Int], registers: [Int]) {
        var stackSlots: [Int] = []
        var registers: [Int] = []
        for function in functions {
            let size = analysis.shapes[function].codeSize
            if of(function, analysis: analysis, options: options) == .registers, budget.map({ size <= $0 }) ?? true {
                registers.append(function)
                budget = budget.map { $0 - size }
            } else {
                stackSlots.append(function)
            }
        }
        return (stackSlots, registers)
    }

    /// ``split(_:analysis:options:budget:)`` with a fresh ``moduleBudget``.
    package static func split(_ functions: [Int], analysis: ModuleAnalysis,
                              options: CompilerOptions) -> (stackSlots: [Int], registers: [Int]) {
        var budget = moduleBudget
        return split(functions, analysis: analysis, options: options, budget: &budget)
    }

    /// The compiler options for code of this grade, from the first tier's `options`.
    package func options(from options: CompilerOptions) -> CompilerOptions {
        guard self == .registers else { return options }
        var graded = options
        graded.optimization = .o1
        graded.lightPasses = true
        return graded
    }
}
