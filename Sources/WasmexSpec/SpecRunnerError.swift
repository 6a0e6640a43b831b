/// Errors that stop the spec runner from running a file or the whole run.
package enum SpecRunnerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `wasm-tools` was not found; `searched` lists where the runner looked.
    case toolNotFound(searched: [String])
    /// A path given to the runner does not exist or is not a `.wast` file or folder.
    case badPath(String)
    /// `wasm-tools json-from-wast` rejected the script.
    case conversionFailed(path: String, reason: String)
    /// The converted script could not be read.
    case badScript(path: String, reason: String)
    /// A file or directory could not be read or created.
    case io(String)
    /// The requested engine cannot be created.
    case engineUnavailable(String)

    package var description: String {
        switch self {
        case .toolNotFound(let searched):
            "wasm-tools not found (set WASMEX_WASM_TOOLS; looked in: \(searched.joined(separator: ", ")))"
        case .badPath(let path):
            "\(path): no such .wast file or directory"
        case .conversionFailed(let path, let reason):
            "\(path): wasm-tools json-from-wast failed: \(reason)"
        case .badScript(let path, let reason):
            "\(path): \(reason)"
        case .io(let message):
            message
        case .engineUnavailable(let message):
            message
        }
    }
}
