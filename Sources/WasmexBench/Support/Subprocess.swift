import Foundation

/// Runs a helper process that prints one JSON object on stdout (the wasmtime
/// runner, or an isolated `wasmex bench --child`), and returns that object.
enum JSONSubprocess {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Launches `executable arguments`; a reported `{"error": …}`, a crash or
    /// missing JSON is thrown as ``Failure``.
    static func run(_ executable: String, _ arguments: [String]) throws(Failure) -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot launch \(executable): \(error.localizedDescription)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationReason == .uncaughtSignal {
            throw Failure(description: "crashed with signal \(process.terminationStatus)\(signalName(process.terminationStatus))")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw Failure(description: "exited with status \(process.terminationStatus) without a JSON result")
        }
        if let message = object["error"] as? String { throw Failure(description: message) }
        return object
    }

    private static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGSEGV: " (SIGSEGV)"
        case SIGABRT: " (SIGABRT)"
        case SIGBUS: " (SIGBUS)"
        case SIGILL: " (SIGILL)"
        case SIGFPE: " (SIGFPE)"
        case SIGKILL: " (SIGKILL)"
        case SIGTRAP: " (SIGTRAP)"
        default: ""
        }
    }
}
