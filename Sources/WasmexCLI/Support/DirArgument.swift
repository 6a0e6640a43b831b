import Wasmex

/// `--dir` values: `HOST`, `HOST::GUEST`, or `HOST::GUEST::MODE` with MODE
/// `ro` (read-only: the program can read but not create, change or remove
/// anything) or `rw` (the default). The third field is the spelling Wasmtime
/// proposes for its CLI (wasmtime#9608); a mode needs the guest path so
/// that `HOST::ro` keeps meaning "mount HOST as `ro`".
enum DirArgument {
    /// The preopen `text` describes, or a message saying what is wrong.
    static func parse(_ text: String) -> Result<Preopen, DirArgumentError> {
        let parts = text.components(separatedBy: "::")
        guard parts.count <= 3, let host = parts.first, !host.isEmpty else {
            return .failure(DirArgumentError("--dir \(text): expected HOST, HOST::GUEST or HOST::GUEST::ro"))
        }
        let guest = parts.count >= 2 ? parts[1] : host
        guard !guest.isEmpty else { return .failure(DirArgumentError("--dir \(text): empty guest path")) }
        var readOnly = false
        if parts.count == 3 {
            switch parts[2] {
            case "ro", "readonly": readOnly = true
            case "rw": readOnly = false
            default:
                return .failure(DirArgumentError("--dir \(text): unknown mode '\(parts[2])' (expected ro or rw)"))
            }
        }
        return .success(Preopen(hostPath: host, guestPath: guest, readOnly: readOnly))
    }
}

/// A `--dir` value that cannot be parsed.
struct DirArgumentError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
