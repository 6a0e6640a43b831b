import ArgumentParser
import Foundation

/// `--cache DIR` / `--no-cache`: where `wasmex run` keeps compiled modules.
///
/// The cache is on by default on the command line, where every run of the
/// same module would otherwise pay for LLVM again: `$XDG_CACHE_HOME/wasmex`,
/// else `~/.cache/wasmex`. (The library leaves it off unless
/// `Engine.Configuration.cacheDirectory` is set.)
struct CacheOptions: ParsableArguments {
    @Option(name: .customLong("cache"),
            help: ArgumentHelp("Keep compiled modules in DIR (default: $XDG_CACHE_HOME/wasmex or ~/.cache/wasmex).",
                               valueName: "DIR"))
    var directory: String?

    @Flag(name: .customLong("no-cache"), help: "Compile without reading or writing the compile cache.")
    var disabled = false

    func validate() throws {
        if disabled && directory != nil {
            throw ValidationError("--cache and --no-cache contradict each other")
        }
    }

    /// The directory to use, or nil for no cache.
    var resolvedDirectory: String? {
        if disabled { return nil }
        if let directory { return directory }
        let environment = ProcessInfo.processInfo.environment
        if let base = environment["XDG_CACHE_HOME"], base.hasPrefix("/") { return base + "/wasmex" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.cache/wasmex" }
        return nil
    }
}
