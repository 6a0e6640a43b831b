#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Wasmex

/// Fills the compile cache for a module whose program ended before its
/// optimised code was ready.
///
/// A tiered `wasmex run` stores the optimised code in the cache from the
/// background compilation, which a short program outlives only for small
/// modules. Waiting for it at exit would make every short run of a large
/// module as slow as an eager compile, so instead the run starts
/// `wasmex cache-fill` with the same options in a new session, with its
/// standard streams on /dev/null, and exits without waiting: the compile
/// finishes on its own, and a later run finds the entry.
enum CacheFiller {
    /// Starts `wasmex cache-fill` for `file` unless `module` already runs
    /// optimised code or no cache is in use. Failing to start is harmless:
    /// the cache only saves time.
    static func fillIfNeeded(module: Module, file: String, cacheDirectory: String?, arguments: [String]) {
        guard let cacheDirectory, !module.isOptimized else { return }
        let executable = "/proc/self/exe"
        let argv = ["wasmex", "cache-fill", "--cache", cacheDirectory] + arguments + ["--", file]
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        guard posix_spawn_file_actions_init(&actions) == 0 else { return }
        defer { posix_spawn_file_actions_destroy(&actions) }
        guard posix_spawnattr_init(&attributes) == 0 else { return }
        defer { posix_spawnattr_destroy(&attributes) }
        for descriptor in Int32(0)...2 {
            posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        // POSIX_SPAWN_SETSID (glibc; hidden behind _GNU_SOURCE from Swift):
        // the filler leaves the terminal's session, so ^C of a later command spares it.
        posix_spawnattr_setflags(&attributes, Int16(0x80))
        var cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for argument in cArguments { free(argument) } }
        var pid = pid_t()
        _ = posix_spawn(&pid, executable, &actions, &attributes, &cArguments, environ)
    }
}
