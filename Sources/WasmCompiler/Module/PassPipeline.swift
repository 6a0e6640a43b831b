#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The new-pass-manager pipelines Wasmex runs for each optimisation level.
///
/// Code for guard-page memories has no bounds checks, so it runs LLVM's own
/// `default<On>` pipelines unchanged. For explicit checks, O1–O3 are LLVM 19's own `default<On>` pipelines (as printed by
/// `opt -passes='default<On>' -print-pipeline-passes`) with one pass removed:
/// `indvars` (IndVarSimplify). Wasm code checks every memory access, and each
/// check is a conditional branch to a trap block, so loop bodies are long
/// chains of single-predecessor blocks. IndVarSimplify asks ScalarEvolution,
/// for every comparison involving an induction variable, whether the block is
/// guarded by a condition that implies it; ScalarEvolution answers by walking
/// the whole predecessor chain and trying to prove the comparison from every
/// branch condition on the way: quadratic in the number of checks in a loop.
/// On sightglass's ed25519 that one pass took nearly all of a 49 s compile.
/// The remaining loop passes (LICM, loop-rotate, unswitch, unroll, vectorisers,
/// LSR in codegen) still run. O0 is `default<O0>`.
///
/// The environment variable `WASMEX_PASS_PIPELINE` overrides the pipeline
/// text for experiments (e.g. `default<O2>` to compare with LLVM's own).
enum PassPipeline {
    /// The pipeline text for `level` and code made with `memoryStrategy`;
    /// first-tier code (see ``CodeTier``) gets ``firstTier`` and code asking
    /// for light passes ``light``, whatever the level.
    static func text(for level: OptimizationLevel, memoryStrategy: MemoryStrategy = .explicitChecks,
                     tier: CodeTier = .only, lightPasses: Bool = false) -> String {
        if let override = environmentOverride { return override }
        if lightPasses { return light }
        if tier == .first { return firstTier }
        if memoryStrategy == .guardPages { return "default<\(level)>" }
        switch level {
        case .o0: return "default<O0>"
        case .o1: return o1
        case .o2: return o2
        case .o3: return o3
        }
    }

    private static let environmentOverride: String? = {
        guard let raw = getenv("WASMEX_PASS_PIPELINE") else { return nil }
        let text = String(cString: raw)
        return text.isEmpty ? nil : text
    }()

    /// Three cheap function passes: SROA puts the locals (allocas) in SSA
    /// form, early CSE and one round of InstCombine fold the lowering's
    /// redundant address and check arithmetic. Measured with
    /// `WASMEX_PASS_PIPELINE` and `wasmex bench compile --level 0` / `bench
    /// run --engine jit-O0` (2-core machine, ±20 %): before O0's code
    /// generator, `default<O0>` compiled ed25519 (350 KB) in 0.51 s and ran
    /// it in 10.0 s, matrix in 1,014 ms, heapsort in 2,501 ms; with these
    /// passes and SimplifyCFG it ran them in 5.8 s, 476 ms and 1,829 ms.
    /// SimplifyCFG itself was left out after measuring it (release, 3 runs):
    /// it took 86 % of the pipeline on `switch`'s giant function (compile 499
    /// → 128 ms without it; ed25519 514 → 322 ms) and run times stayed within
    /// noise. `mem2reg` alone gained under 15 %; dropping InstCombine lost
    /// most of the gain on matrix and base64. O1's code generator
    /// (SelectionDAG, greedy allocation) ran ~2.5× faster code but compiled
    /// 4× slower. This is the pipeline of huge hot functions
    /// (``CompilerOptions/lightPasses``), where the code runs for long.
    static let light = "function(sroa<modify-cfg>,early-cse<>,\(instcombine1))"

    /// The first tier's pipeline: none. The IR goes straight to O0's code
    /// generator (FastISel and the fast register allocator), locals stay in
    /// their stack slots. First-tier code runs briefly — functions compiled
    /// on their first call, hot ones optimised on their own within
    /// milliseconds (see ``OSREntry``) — so its compile time counts for more
    /// than its speed, and the fast register allocator spills every value
    /// that lives across blocks anyway.
    ///
    /// History, measured on sightglass (release, alternating runs): dropping
    /// InstCombine from `sroa, early-cse, instcombine` made the first tier
    /// compile 15–25 % faster (ackermann 88–118 → 70–71 ms, base64 82–106 →
    /// 64–80) with single runs within noise. Dropping SROA and early CSE as
    /// well: on quicksort's largest batch, passes plus code generator went
    /// from 37–60 ms to 22 ms (`opt`/`llc -O0 -time-passes`), and with
    /// functions compiled on first call end to end (two alternating rounds of
    /// 3 runs) went: quicksort 120/94 → 74/93 ms, sieve 548/556 → 343/378,
    /// gimli 21/21 → 14/13, xblabla20 24/26 → 20/24, switch 165/159 →
    /// 147/148, base64 364/489 → 429/477, ackermann 26/32 → 30/30, ratelimit
    /// 69/67 → 89/78 (its run stays in first-tier code, which is slower
    /// without registers for locals): about 12 % less as a geomean.
    static let firstTier = ""

    // Pass spellings that recur across the pipelines (with their options as LLVM prints them).
    private static let instcombine1 = "instcombine<max-iterations=1;no-use-loop-info;no-verify-fixpoint>"
    /// SimplifyCFG as the pipelines' first function simplification runs it.
    private static let simplifyCFGEarly = "simplifycfg<bonus-inst-threshold=1;no-forward-switch-cond;no-switch-range-to-icmp;no-switch-to-lookup;keep-loops;no-hoist-common-insts;no-sink-common-insts;speculate-blocks;simplify-cond-branch;no-speculate-unpredictables>"
    /// SimplifyCFG between the function simplification passes.
    private static let simplifyCFG = "simplifycfg<bonus-inst-threshold=1;no-forward-switch-cond;switch-range-to-icmp;no-switch-to-lookup;keep-loops;no-hoist-common-insts;no-sink-common-insts;speculate-blocks;simplify-cond-branch;no-speculate-unpredictables>"
    /// The same, also hoisting and sinking common instructions.
    private static let simplifyCFGHoisting = "simplifycfg<bonus-inst-threshold=1;no-forward-switch-cond;switch-range-to-icmp;no-switch-to-lookup;keep-loops;hoist-common-insts;sink-common-insts;speculate-blocks;simplify-cond-branch;no-speculate-unpredictables>"
    /// The same, also speculating unpredictable branches.
    private static let simplifyCFGSpeculating = "simplifycfg<bonus-inst-threshold=1;no-forward-switch-cond;switch-range-to-icmp;no-switch-to-lookup;keep-loops;no-hoist-common-insts;no-sink-common-insts;speculate-blocks;simplify-cond-branch;speculate-unpredictables>"
    /// SimplifyCFG after vectorisation: switch lookup tables, no loop protection.
    private static let simplifyCFGLate = "simplifycfg<bonus-inst-threshold=1;forward-switch-cond;switch-range-to-icmp;switch-to-lookup;no-keep-loops;hoist-common-insts;sink-common-insts;speculate-blocks;simplify-cond-branch;no-speculate-unpredictables>"

    private static let o1 = [
        "annotation2metadata,forceattrs,inferattrs,coro-early,function<eager-inv>(ee-instrument<>,",
        "lower-expect,",
        "\(simplifyCFGEarly),",
        "sroa<modify-cfg>,early-cse<>),openmp-opt,ipsccp,called-value-propagation,globalopt,",
        "function<eager-inv>(mem2reg,\(instcombine1),",
        "\(simplifyCFG)),",
        "always-inline,require<globals-aa>,function(invalidate<aa>),require<profile-summary>,",
        "cgscc(devirt<4>(inline,function-attrs<skip-non-recursive-function-attrs>,",
        "function<eager-inv;no-rerun>(sroa<modify-cfg>,early-cse<memssa>,",
        "\(simplifyCFG),",
        "\(instcombine1),libcalls-shrinkwrap,",
        "\(simplifyCFG),",
        "reassociate,loop-mssa(loop-instsimplify,loop-simplifycfg,licm<no-allowspeculation>,",
        "loop-rotate<header-duplication;no-prepare-for-lto>,licm<allowspeculation>,",
        "simple-loop-unswitch<no-nontrivial;trivial>),",
        "\(simplifyCFG),",
        "\(instcombine1),loop(loop-idiom,loop-deletion,",
        "loop-unroll-full),sroa<modify-cfg>,memcpyopt,sccp,bdce,",
        "\(instcombine1),coro-elide,adce,",
        "\(simplifyCFG),",
        "\(instcombine1)),function-attrs,",
        "function(require<should-not-run-function-passes>),coro-split)),deadargelim,coro-cleanup,",
        "globalopt,globaldce,elim-avail-extern,rpo-function-attrs,recompute-globalsaa,",
        "function<eager-inv>(float2int,lower-constant-intrinsics,",
        "loop(loop-rotate<header-duplication;no-prepare-for-lto>,loop-deletion),loop-distribute,",
        "inject-tli-mappings,loop-vectorize<no-interleave-forced-only;vectorize-forced-only;>,",
        "infer-alignment,loop-load-elim,",
        "\(instcombine1),",
        "\(simplifyCFGLate),",
        "vector-combine,\(instcombine1),",
        "loop-unroll<O1>,transform-warning,sroa<preserve-cfg>,infer-alignment,",
        "\(instcombine1),",
        "loop-mssa(licm<allowspeculation>),alignment-from-assumptions,loop-sink,instsimplify,",
        "div-rem-pairs,tailcallelim,",
        "\(simplifyCFGSpeculating)),",
        "globaldce,constmerge,cg-profile,rel-lookup-table-converter,function(annotation-remarks),verify",
    ].joined()

    private static let o2 = [
        "annotation2metadata,forceattrs,inferattrs,coro-early,function<eager-inv>(ee-instrument<>,",
        "lower-expect,",
        "\(simplifyCFGEarly),",
        "sroa<modify-cfg>,early-cse<>),openmp-opt,ipsccp,called-value-propagation,globalopt,",
        "function<eager-inv>(mem2reg,\(instcombine1),",
        "\(simplifyCFG)),",
        "always-inline,require<globals-aa>,function(invalidate<aa>),require<profile-summary>,",
        "cgscc(devirt<4>(inline,function-attrs<skip-non-recursive-function-attrs>,openmp-opt-cgscc,",
        "function<eager-inv;no-rerun>(sroa<modify-cfg>,early-cse<memssa>,",
        "speculative-execution<only-if-divergent-target>,jump-threading,correlated-propagation,",
        "\(simplifyCFG),",
        "\(instcombine1),aggressive-instcombine,",
        "libcalls-shrinkwrap,tailcallelim,",
        "\(simplifyCFG),",
        "reassociate,constraint-elimination,loop-mssa(loop-instsimplify,loop-simplifycfg,",
        "licm<no-allowspeculation>,loop-rotate<header-duplication;no-prepare-for-lto>,",
        "licm<allowspeculation>,simple-loop-unswitch<no-nontrivial;trivial>),",
        "\(simplifyCFG),",
        "\(instcombine1),loop(loop-idiom,",
        "simple-loop-unswitch<no-nontrivial;trivial>,loop-deletion,loop-unroll-full),sroa<modify-cfg>,",
        "vector-combine,mldst-motion<no-split-footer-bb>,gvn<>,sccp,bdce,",
        "\(instcombine1),jump-threading,",
        "correlated-propagation,adce,memcpyopt,dse,move-auto-init,loop-mssa(licm<allowspeculation>),",
        "coro-elide,",
        "\(simplifyCFGHoisting),",
        "\(instcombine1)),function-attrs,",
        "function(require<should-not-run-function-passes>),coro-split)),deadargelim,coro-cleanup,",
        "globalopt,globaldce,elim-avail-extern,rpo-function-attrs,recompute-globalsaa,",
        "function<eager-inv>(float2int,lower-constant-intrinsics,",
        "loop(loop-rotate<header-duplication;no-prepare-for-lto>,loop-deletion),loop-distribute,",
        "inject-tli-mappings,loop-vectorize<no-interleave-forced-only;no-vectorize-forced-only;>,",
        "infer-alignment,loop-load-elim,",
        "\(instcombine1),",
        "\(simplifyCFGLate),",
        "slp-vectorizer,vector-combine,\(instcombine1),",
        "loop-unroll<O2>,transform-warning,sroa<preserve-cfg>,infer-alignment,",
        "\(instcombine1),",
        "loop-mssa(licm<allowspeculation>),alignment-from-assumptions,loop-sink,instsimplify,",
        "div-rem-pairs,tailcallelim,",
        "\(simplifyCFGSpeculating)),",
        "globaldce,constmerge,cg-profile,rel-lookup-table-converter,function(annotation-remarks),verify",
    ].joined()

    private static let o3 = [
        "annotation2metadata,forceattrs,inferattrs,coro-early,function<eager-inv>(ee-instrument<>,",
        "lower-expect,",
        "\(simplifyCFGEarly),",
        "sroa<modify-cfg>,early-cse<>,callsite-splitting),openmp-opt,ipsccp,called-value-propagation,",
        "globalopt,function<eager-inv>(mem2reg,",
        "\(instcombine1),",
        "\(simplifyCFG)),",
        "always-inline,require<globals-aa>,function(invalidate<aa>),require<profile-summary>,",
        "cgscc(devirt<4>(inline,function-attrs<skip-non-recursive-function-attrs>,argpromotion,",
        "openmp-opt-cgscc,function<eager-inv;no-rerun>(sroa<modify-cfg>,early-cse<memssa>,",
        "speculative-execution<only-if-divergent-target>,jump-threading,correlated-propagation,",
        "\(simplifyCFG),",
        "\(instcombine1),aggressive-instcombine,",
        "libcalls-shrinkwrap,tailcallelim,",
        "\(simplifyCFG),",
        "reassociate,constraint-elimination,loop-mssa(loop-instsimplify,loop-simplifycfg,",
        "licm<no-allowspeculation>,loop-rotate<header-duplication;no-prepare-for-lto>,",
        "licm<allowspeculation>,simple-loop-unswitch<nontrivial;trivial>),",
        "\(simplifyCFG),",
        "\(instcombine1),loop(loop-idiom,",
        "simple-loop-unswitch<nontrivial;trivial>,loop-deletion,loop-unroll-full),sroa<modify-cfg>,",
        "vector-combine,mldst-motion<no-split-footer-bb>,gvn<>,sccp,bdce,",
        "\(instcombine1),jump-threading,",
        "correlated-propagation,adce,memcpyopt,dse,move-auto-init,loop-mssa(licm<allowspeculation>),",
        "coro-elide,",
        "\(simplifyCFGHoisting),",
        "\(instcombine1)),function-attrs,",
        "function(require<should-not-run-function-passes>),coro-split)),deadargelim,coro-cleanup,",
        "globalopt,globaldce,elim-avail-extern,rpo-function-attrs,recompute-globalsaa,",
        "function<eager-inv>(float2int,lower-constant-intrinsics,chr,",
        "loop(loop-rotate<header-duplication;no-prepare-for-lto>,loop-deletion),loop-distribute,",
        "inject-tli-mappings,loop-vectorize<no-interleave-forced-only;no-vectorize-forced-only;>,",
        "infer-alignment,loop-load-elim,",
        "\(instcombine1),",
        "\(simplifyCFGLate),",
        "slp-vectorizer,vector-combine,\(instcombine1),",
        "loop-unroll<O3>,transform-warning,sroa<preserve-cfg>,infer-alignment,",
        "\(instcombine1),",
        "loop-mssa(licm<allowspeculation>),alignment-from-assumptions,loop-sink,instsimplify,",
        "div-rem-pairs,tailcallelim,",
        "\(simplifyCFGSpeculating)),",
        "globaldce,constmerge,cg-profile,rel-lookup-table-converter,function(annotation-remarks),verify",
    ].joined()
}
