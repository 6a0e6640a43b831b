import Foundation

/// Reads a workload's module bytes.
func readWasmBytes(_ workload: Workload) throws(BenchError) -> [UInt8] {
    guard let contents = FileManager.default.contents(atPath: workload.wasmPath) else {
        throw .io(path: workload.wasmPath, reason: "cannot read module")
    }
    return [UInt8](contents)
}

extension BenchError {
    /// An engine failure of `engine` on `workload` caused by `error`.
    static func failure(_ engine: String, _ workload: Workload, _ error: any Error) -> BenchError {
        if let bench = error as? BenchError { return bench }
        return .engineFailure(engine: engine, workload: workload.name, reason: String(describing: error))
    }

    /// An engine failure with a message.
    static func failure(_ engine: String, _ workload: Workload, _ message: String) -> BenchError {
        .engineFailure(engine: engine, workload: workload.name, reason: message)
    }
}
