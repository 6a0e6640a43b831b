/// When an engine compiles a module's code, and how much.
///
/// LLVM at O2 makes fast code slowly: a 340 KB module takes seconds, where
/// O0 (FastISel) takes a fraction of a second. Tiered compilation gives both:
/// the module runs at once on O0 code, and each function that gets hot
/// (``Engine/Configuration/hotnessThreshold``) is compiled alone at
/// ``Engine/Configuration/optimization`` on a background thread and switched
/// in — at its next call, and in a running call at its next outermost loop
/// iteration (see <doc:TieredCompilation>). Traps, fuel, epoch interruption,
/// stack limits and bounds checks behave identically in both tiers.
public enum CompilationStrategy: String, Sendable, Hashable, CaseIterable {
    /// O0 code (for small looping functions, code with registers) — each
    /// function's on its first call, or, for a module with less than 1 KB
    /// of code, all of it at once — and hot functions at the
    /// configured level in the background (the default). With a compile cache, a cached module loads
    /// its optimised code directly, and the whole module is compiled in the
    /// background and stored in the cache.
    case tiered
    /// Everything at the configured level before `Module(...)` returns.
    case eager
}
