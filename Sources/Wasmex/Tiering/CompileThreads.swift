#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process-wide threads that compile second-tier code in the background.
///
/// One pool for every engine, so that creating engines never creates threads
/// that outlive them; as many threads as the machine has cores, each with a
/// big stack (LLVM recurses on deeply nested code).
enum CompileThreads {
    /// The number of online cores (at least 1).
    static let count: Int = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

    static let pool = WasmThreadPool(stackSize: 64 << 20, maximumThreads: count)
}
