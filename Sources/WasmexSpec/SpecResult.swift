/// One failed command.
package struct SpecFailure: Hashable, Sendable {
    /// The `.wast` line of the command.
    package var line: Int
    /// The command name, e.g. `assert_return`.
    package var command: String
    /// What went wrong.
    package var reason: String

    package init(line: Int, command: String, reason: String) {
        self.line = line
        self.command = command
        self.reason = reason
    }
}

/// A command that got the expected verdict (rejection, trap) with a different message.
/// Counted as passed; reported separately so message wording can be improved.
package struct SpecMessageMismatch: Hashable, Sendable {
    package var line: Int
    package var command: String
    /// The text the script expects to find in the message.
    package var expected: String
    /// The message the front end or engine produced.
    package var actual: String

    package init(line: Int, command: String, expected: String, actual: String) {
        self.line = line
        self.command = command
        self.expected = expected
        self.actual = actual
    }
}

/// The outcome of one `.wast` file.
package struct SpecFileResult: Hashable, Sendable {
    /// The `.wast` path as given (or found in a folder).
    package var file: String
    package var passed = 0
    package var failed = 0
    package var skipped = 0
    /// Every failure, in script order.
    package var failures: [SpecFailure] = []
    /// Passed commands whose message did not contain the expected text.
    package var messageMismatches: [SpecMessageMismatch] = []
    /// Why commands were skipped, with counts.
    package var skipReasons: [String: Int] = [:]

    package init(file: String) {
        self.file = file
    }

    /// Total commands counted.
    package var total: Int { passed + failed + skipped }

    mutating func recordFailure(line: Int, command: String, reason: String) {
        failed += 1
        failures.append(SpecFailure(line: line, command: command, reason: reason))
    }

    mutating func recordSkip(_ reason: String) {
        skipped += 1
        skipReasons[reason, default: 0] += 1
    }
}

/// The outcome of a whole run.
package struct SpecReport: Hashable, Sendable {
    /// Per-file results, in run order.
    package var files: [SpecFileResult]

    package init(files: [SpecFileResult]) {
        self.files = files
    }

    package var passed: Int { files.reduce(0) { $0 + $1.passed } }
    package var failed: Int { files.reduce(0) { $0 + $1.failed } }
    package var skipped: Int { files.reduce(0) { $0 + $1.skipped } }
    package var messageMismatches: Int { files.reduce(0) { $0 + $1.messageMismatches.count } }

    /// `true` when nothing failed.
    package var succeeded: Bool { failed == 0 }
}
