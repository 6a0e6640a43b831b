#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLLVM

/// `WASMEX_DUMP_IR=DIR`: writes every module's IR, as lowered and before any
/// pass runs, to `DIR/<pid>-<n>-<tier>.ll`, for profiling the pass pipeline
/// with `opt-19 -passes='…' -time-passes` (see ``PassPipeline``).
enum IRDump {
    private static let directory: String? = {
        guard let raw = getenv("WASMEX_DUMP_IR") else { return nil }
        let text = String(cString: raw)
        return text.isEmpty ? nil : text
    }()
    private static let counter = Lock()
    nonisolated(unsafe) private static var written = 0

    static func writeIfRequested(_ module: LLVMModuleRef, name: String) {
        guard let directory else { return }
        let number = counter.withLock { () -> Int in
            written += 1
            return written
        }
        let path = "\(directory)/\(getpid())-\(number)-\(name).ll"
        var message: UnsafeMutablePointer<CChar>?
        if LLVMPrintModuleToFile(module, path, &message) != 0 { _ = LLVMErrors.takeMessage(message) }
    }
}
