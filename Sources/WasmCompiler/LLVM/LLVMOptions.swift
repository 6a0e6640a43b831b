#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLLVM

/// LLVM's own command-line options, set once per process before the first
/// compilation: ``defaults``, or instead of them `WASMEX_LLVM_OPTIONS`
/// (space-separated) for experiments. LLVM exits the process on an unknown
/// or repeated option, so only the one list is parsed.
///
/// `-cgpp-huge-func=1000`: CodeGenPrepare, the first pass of the code
/// generator, repeats its walk over the whole function until nothing changes;
/// only in functions of at least this many blocks (LLVM's default: 10,000)
/// does it revisit just the blocks it changed. Wasm functions with explicit
/// bounds checks have a block per check, and big ones have thousands
/// (sightglass's ed25519: 4,847 in its 25 KB function), where the repeated
/// whole-function walks made CodeGenPrepare most of the code generator's
/// time. Measured (release, 2-core machine): `llc-19 -O2` on that function's
/// hot-tier IR 5.1 → 1.9 s with an object 16 bytes larger (257,004 against
/// 256,988 bytes of text); its 58 KB function compiled hot in 2.8 s instead
/// of ~10 s, so it now runs optimised before the program ends (run 5.3 →
/// 4.4 s, `bench run --engine jit --workload ed25519 --in-process`); the
/// whole module at O2 (`wasmex bench compile --level 2`) 19.6 → 15.6 s,
/// codegen 11.3 → 8.0 s.
///
/// `-disable-x86-domain-reassignment` (x86 hosts): the X86 Domain
/// Reassignment pass moves chains of general-purpose instructions that
/// compute AVX-512 mask values into mask registers. It runs on every function
/// of a host with AVX-512, and its cost grows with a function's size: on
/// zstd's 15.7 KB compress-block function (the hot tier's IR, `llc-19 -O2
/// -time-passes`) it was 38 % of the code generator, 1.39 → 0.77 s of user time
/// without it. It changed nothing in our code: the machine code of that
/// function, of the SIMD workloads (`Fixtures/bench`), CoreMark, LZ4 and
/// matrix is identical instruction for instruction with and without it
/// (`wasmex compile` + `objdump -d`). ed25519 at O2, whole module (`wasmex
/// bench compile --level 2`, same loaded machine): codegen 20.8 → 14.4 s.
/// Only set on x86 hosts: LLVM exits on an option it does not know, and the
/// option belongs to its X86 back end (as does the next one).
///
/// `-grow-region-complexity-budget=1000` (LLVM's default: 10,000): how much
/// work the greedy register allocator may spend growing the region it splits
/// a live range around. In functions of tens of thousands of instructions
/// (explicit bounds checks cut them into thousands of blocks) the allocator
/// is most of the code generator: 45 % on ed25519's 58 KB function, where
/// `llc-19 -O2` went from 6.56 to 4.65 s of user time with this budget, for
/// 59,671 instructions instead of 59,687 and 18,998 stack references instead
/// of 18,907 (+0.5 %). Whole module at O2 (`wasmex bench compile --level 2`,
/// fuzzing paused, one run each): codegen 10.5 → 7.25 s. Run time on that
/// workload (tiered, two alternating rounds of `bench run --engine jit
/// --runs 3 --in-process`): 4,114 / 3,652 ms without, 3,635 / 4,127 ms with:
/// within the noise.
///
/// `-x86-experimental-pref-innermost-loop-alignment=5` (x86 hosts): innermost
/// loops start on a 32-byte boundary instead of LLVM's 16. Found on sieve,
/// which ran 15–20 % slower tiered (207 ms) than eager (179 ms) with the same
/// machine code: read from the running process (`gdb`, `x/i`), its
/// four-way unrolled inner store loops, 26 bytes each, crossed a 32- and
/// 64-byte boundary in three of four copies in the hot function's object and
/// in one of four in the eager module, where the function sat 32 bytes
/// further on. With the loops aligned to 32 bytes both run it in 166–167 ms
/// (Wasmtime 172). Alternating rounds on one build (`WASMEX_LLVM_OPTIONS`,
/// docs/bench/stop30-loop-alignment.log): CoreMark 28,906 / 28,816 → 31,155 /
/// 31,228 (+8 %; 64 bytes: 31,109); 20 sightglass workloads, run geomean 47.0
/// → 46.8 ms (sieve 210/207 → 167/166, heapsort 776/778 → 767/762, the rest
/// within noise); the real programs 352 → 359 ms run, 676 → 678 ms end to end
/// (noise). `-align-loops=32`, LLVM's generic spelling, left the JIT's code
/// unchanged (the X86 back end sets its own preference). O0 code (the first
/// tier) places no blocks and is not aligned.
///
/// Tried and rejected: `-memdep-block-scan-limit=30` (LLVM's default is 100).
/// Memory-dependence analysis scans backwards through blocks when GVN looks
/// for the store or load a load repeats, and every explicit bounds check ends
/// a block. Profiled with `WASMEX_DUMP_IR` and `opt-19 -time-passes` on
/// ed25519 at our O2 pipeline, GVN took 3.3–4.1 s of 9.2–10 s and 1.35 s of
/// 7.0 s with the limit; `wasmex bench compile` went from 23.4 s to 18.5 s.
/// But the code got slower (`bench run --engine jit-eager-O2 --runs 3`, one
/// session, release): ed25519 2,595 → 2,812 ms, keccak 4.87 → 6.94 ms,
/// base64 117 → 142 ms, blake3-scalar 5.43 → 6.63 ms, sieve 330 → 359 ms.
/// O2 is the tier whose code must be fast; its compile time is paid in the
/// background (see ``CodeTier``).
enum LLVMOptions {
    static let defaults: [String] = {
        var options = ["-cgpp-huge-func=1000", "-grow-region-complexity-budget=1000"]
        #if arch(x86_64)
        options.append("-disable-x86-domain-reassignment")
        options.append("-x86-experimental-pref-innermost-loop-alignment=5")
        #endif
        return options
    }()

    static func apply() {
        var options = defaults
        if let raw = getenv("WASMEX_LLVM_OPTIONS") {
            options = String(cString: raw).split(separator: " ").map(String.init)
        }
        guard !options.isEmpty else { return }
        let arguments = (["wasmex"] + options).map { strdup($0) }
        defer { for argument in arguments { free(argument) } }
        var pointers: [UnsafePointer<CChar>?] = arguments.map { UnsafePointer($0) }
        pointers.withUnsafeMutableBufferPointer { buffer in
            LLVMParseCommandLineOptions(Int32(buffer.count), buffer.baseAddress, "wasmex")
        }
    }
}
