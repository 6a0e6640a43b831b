/// The role an object plays in tiered execution.
///
/// Tiered execution runs a module's first-tier code (compiled at O0, in
/// milliseconds) at once; hot functions are compiled again at the engine's
/// level (O2) one by one (``HotFunctionCompiler``, ``OSREntry``), and the
/// whole module may be (for the cache, or when asked). The objects cooperate
/// through the *tier table*, one code pointer per defined function, which
/// lives in the first-tier object (`wasm_tiers`):
///
/// - Every first-tier function starts by loading its slot. While the slot is
///   null it runs its own body; once the runtime has published the optimised
///   function's address there, it `musttail`-calls it with its own arguments
///   (same prototype, so the call replaces the frame) before doing anything
///   else — no fuel is charged, no epoch or stack check runs twice.
/// - Every way into a function — exports and the host's entry trampolines,
///   tables and `call_indirect`, `ref.func`, imports of linked instances,
///   direct calls inside first-tier code — leads to its first-tier address,
///   so publishing one pointer switches all of them, for every instance and
///   every thread, with no stop-the-world: a call that starts after the store
///   runs the new code; a frame that is already running finishes in the old
///   (there is no on-stack replacement).
/// - Second-tier code calls second-tier code directly (and inlines it), so
///   once a call has entered the second tier it stays there.
///
/// Both tiers come from the same lowering with the same options, so traps,
/// fuel, epoch checks, stack limits and bounds checks are identical; only
/// LLVM's optimisation differs.
package enum CodeTier: String, Sendable, Hashable {
    /// A module compiled once: non-escaping functions are internal (LLVM may
    /// inline, specialise or drop them).
    case only
    /// First-tier code: a tier table and a forwarding check at every entry.
    case first
    /// Second-tier code: every defined function keeps its exported
    /// `wasm_f<i>` symbol, so its address can be published in the tier table.
    case second
}
