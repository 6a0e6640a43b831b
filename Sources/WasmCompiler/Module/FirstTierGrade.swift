#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How much LLVM does for one function's first-tier code.
///
/// Most first-tier code runs a handful of times, so it gets the cheapest
/// code LLVM makes (``stackSlots``). Small functions that loop, call
/// themselves or are called from a loop are where a short program spends its
/// time before any hot function's optimised code can arrive: sightglass's
/// kernels run for one to eight milliseconds, while an optimising compile of
/// even ackermann's 57-byte function takes 6–9 ms (LLVM's fixed cost per
/// compile). Such a function gets ``registers`` code from its first call on
/// and runs about twice as fast; its optimised code still follows when it
/// gets hot, without the quick stage (``HotFunctionCompiler/Stage/quick``
/// runs the same light passes: its code would be hardly faster).
///
/// Registers cost compile time, so a module spends at most
/// ``moduleBudget`` bytes of Wasm code on them, first come first served: a
/// real program has hundreds of small looping functions, most of which run
/// briefly, and compiling all of them so delayed its start.
///
/// Measured (release, 2 cores, `wasmex bench run --engine jit --runs 3`
/// per variant, alternating rounds; docs/bench/stop33-first-tier-grades.log),
/// median run time and end to end (the first run, compile included) as
/// geomeans against stack slots everywhere:
/// - sightglass, registers for looping or self-recursive functions up to
///   4 KB, no budget: run 0.83×, end to end 0.95× (xblabla20 1.93 → 1.32 ms,
///   xchacha20 2.72 → 1.28, gimli 2.73 → 1.44, ackermann 3.21 → 1.73); up to
///   1 KB: 0.92× and 0.94× (the kernels' loops are 1.8–3.5 KB); adding
///   functions called from a loop (blake3's compression function): 0.87×
///   against 0.91× in the same rounds.
/// - The project's real programs (zstd, LZ4, Brotli round trips), no
///   budget: run 0.95×, but end to end 1.57× (Brotli 788 → 1,762 ms). With
///   the first call's own function kept on stack slots, a budget of
///   4 / 8 / 16 KB: end to end 1.08× / 1.01× / 1.24×, run 0.92× / 0.91× /
///   0.95×; 8 KB with that function graded like the others (kept: simpler,
///   and sightglass ran 0.93× against 0.98×, end to end 0.98× against 1.0×):
///   run 0.99×, end to end 1.05×. The machine's noise is about ±10 %.
/// - The design kept, three alternating rounds: sightglass run 0.90×, end
///   to end 0.96×; the real programs run 1.06×, end to end 1.03×.
/// - Compiling registers code after the batch's stack-slot code and
///   swapping it into the tier table when ready (no first call waits for
///   it): sightglass end to end 1.16× of this design, run 0.98×; dropped.
/// - Giving every function registers costs far more than it gains: keccak's
///   unrolled 19 KB function took 178 ms instead of 16 with SROA and the
///   greedy allocator; quicksort's first batch (11 functions, 5 KB) took
///   45 ms with FastISel and the greedy allocator, 89 ms with O1's code
///   generator, against 18 ms. FastISel under O1's pipeline saved a quarter
///   of the code generator's time and ran no faster code overall.
package enum FirstTierGrade: Sendable, Hashable {
    /// No IR passes; O0's code generator (FastISel, the fast register
    /// allocator): every local lives in a stack slot (see ``PassPipeline/firstTier``).
    case stackSlots
    /// The light IR passes (``PassPipeline/light``: SROA puts locals in SSA
    /// form) and O1's code generator (SelectionDAG, the greedy register
    /// allocator). Same lowering, so the same traps, fuel, epoch checks and
    /// counters as ``stackSlots`` code.
    case registers

    /// The default of ``CompilerOptions/firstTierRegistersMaximumCodeSize``:
    /// looping, self-recursive or loop-called functions of at most this many
    /// bytes of Wasm code get ``registers`` (nil: none); `WASMEX_FIRST_TIER_REGISTERS_SIZE`
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
        guard let limit = options.firstTierRegistersMaximumCodeSize, !options.backtraceDetails else { return .stackSlots }
        let shape = analysis.shapes[definedIndex]
        guard shape.codeSize <= limit else { return .stackSlots }
        let index = analysis.importedFunctionCount + definedIndex
        let recursive = shape.directCallSites[index] != nil
        return shape.loops || recursive || analysis.calledInLoops.contains(index) ? .registers : .stackSlots
    }

    /// Whether defined function `definedIndex`, graded ``registers``, is a
    /// *kernel*: at most ``kernelMaximumSize`` bytes of code that loops or
    /// calls itself and calls nothing else (no import, no table, no other
    /// function), handling no exceptions. Functions compiled on their first
    /// call (`LazyFunctions`) compile a module's first ``kernelsPerModule``
    /// kernels at the second tier's level right away, each on its own, and
    /// a hot caller's compile counts them as warm callees to copy.
    ///
    /// Why: registers code runs such a function about twice as slowly as
    /// optimised code (ackermann's 57-byte function: 1.5–1.7 ms a run
    /// against 0.69–0.70), and the function's optimised code, compiled when
    /// it gets hot, arrives 5–7 ms later (LLVM's fixed cost per compile, the
    /// same for 57 bytes as for 1 KB): a program that runs for a few
    /// milliseconds ends before it. A kernel is small and calls nothing, so
    /// optimising it costs about that fixed cost alone, 3–5 ms on a compile
    /// thread, mostly while compiling ahead on the spare core. It is
    /// optimised code from its first call on, so it never counts itself hot.
    ///
    /// Measured (release, 2 cores, `bench run --engine jit --runs 3`, two
    /// alternating rounds, medians; docs/bench/stop34-kernels.log) against
    /// no kernels, sightglass and the real programs together: up to 64 per
    /// module, wherever the function is compiled (first call, a caller's
    /// batch, ahead): run 0.955×, end to end 0.996× (ackermann 1.47–1.67 →
    /// 0.69 ms); up to 4: run 0.976×, end to end 0.986×, but which four
    /// depends on the order batches compile in (one earlier run gave
    /// ackermann's to `libc` leaves compiled ahead); only functions actually
    /// called, never ahead or as a batch's callee: run 0.954×, end to end
    /// 1.011× (ackermann's first call waited 4–5 ms for the compile inside
    /// its measured run). Before hot callers counted kernels as warm, kernels
    /// cost minicsv 12 % (178 → 201 ms): its hot loop no longer inlined one.
    package static func isKernel(_ definedIndex: Int, analysis: ModuleAnalysis, options: CompilerOptions) -> Bool {
        guard let limit = kernelMaximumSize, of(definedIndex, analysis: analysis, options: options) == .registers
        else { return false }
        let shape = analysis.shapes[definedIndex]
        let index = analysis.importedFunctionCount + definedIndex
        guard shape.codeSize <= limit, !shape.handlesExceptions, !shape.callsIndirectly,
              shape.directCallees.allSatisfy({ $0 == index }) else { return false }
        return shape.loops || shape.directCallSites[index] != nil
    }

    /// The largest kernel (see ``isKernel(_:analysis:options:)``), in bytes of
    /// Wasm code (nil: none); `WASMEX_FIRST_TIER_KERNEL_SIZE` overrides it for
    /// experiments (a negative value: none).
    package static let kernelMaximumSize: Int? = {
        if let raw = getenv("WASMEX_FIRST_TIER_KERNEL_SIZE"), let value = Int(String(cString: raw)) {
            return value < 0 ? nil : value
        }
        return 256
    }()

    /// How many kernels of one module are optimised on their first call (a
    /// cap on the fixed costs for modules with thousands of small leaves);
    /// `WASMEX_FIRST_TIER_KERNELS` overrides it for experiments.
    package static let kernelsPerModule: Int = {
        if let raw = getenv("WASMEX_FIRST_TIER_KERNELS"), let value = Int(String(cString: raw)) {
            return max(0, value)
        }
        return 64
    }()

    /// The most Wasm code of one module that gets ``registers``, first come
    /// first served (nil: no limit); `WASMEX_FIRST_TIER_REGISTERS_BUDGET`
    /// overrides it for experiments (a negative value: no limit).
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
