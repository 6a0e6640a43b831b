import Foundation

/// Output helpers for commands.
enum Console {
    /// Writes `text` and a newline to standard error.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Writes `text` and a newline to standard output and flushes, so progress shows at once.
    static func line(_ text: String) {
        print(text)
        fflush(nil)
    }
}
