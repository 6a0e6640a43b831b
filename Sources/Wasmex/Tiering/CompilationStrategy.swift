/// When an engine compiles a module's code, and how much.
///
/// LLVM at O2 makes fast code slowly: a 340 KB module takes seconds, where
/// O0 (FastISel) takes a fraction of a second. Tiered compilation gives both:
/// the module runs at once on O0 code while the same module compiled at
/// ``Engine/Configuration/optimization`` is built on a background thread and
/// switched in, function by function pointer, as soon as it is ready (see
/// ``Module/waitForTierUp()``). Traps, fuel, epoch interruption, stack
/// limits and bounds checks behave identically in both tiers.
public enum CompilationStrategy: String, Sendable, Hashable, CaseIterable {
    /// O0 code at once, the configured level in the background (the default).
    /// With a compile cache, a cached module loads its optimised code directly,
    /// and a module compiled in the background is stored in the cache.
    case tiered
    /// Everything at the configured level before `Module(...)` returns.
    case eager
}
