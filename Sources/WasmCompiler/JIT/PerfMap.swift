import Glibc

/// Writes `/tmp/perf-<pid>.map` so `perf report` names JIT-compiled Wasm
/// functions. Opt-in: set `WASMEX_PERF_MAP=1`.
enum PerfMap {
    static let isEnabled: Bool = getenv("WASMEX_PERF_MAP").map { String(cString: $0) != "0" } ?? false

    private static let lock = Lock()

    /// Appends one line per function: start address, size (hex) and name.
    static func append(_ functions: [(start: UInt64, size: UInt64, name: String)]) {
        guard !functions.isEmpty else { return }
        var text = ""
        for function in functions {
            text += String(function.start, radix: 16) + " " + String(function.size, radix: 16) + " " + function.name + "\n"
        }
        lock.withLock {
            guard let file = fopen("/tmp/perf-\(getpid()).map", "a") else { return }
            fputs(text, file)
            fclose(file)
        }
    }
}
