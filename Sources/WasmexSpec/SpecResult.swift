/// One failed command.
public struct SpecFailure: Hashable, Sendable {
    /// The `.wast` line of the command.
    public var line: Int
    /// The command name, e.g. `assert_return`.
    public var command: String
    /// What went wrong.
    public var reason: String

    public init(line: Int, command: String, reason: String) {
        self.line = line
        self.command = command
        self.reason = reason
    }
}

/// A command that got the expected verdict (rejection, trap) with a different message.
/// Counted as passed; reported separately so message wording can be improved.
public struct SpecMessageMismatch: Hashable, Sendable {
    public var line: Int
    public var command: String
    /// The text the script expects to find in the message.
    public var expected: String
    /// The message the front end or engine produced.
    public var actual: String

    public init(line: Int, command: String, expected: String, actual: String) {
        self.line = line
        self.command = command
        self.expected = expected
        self.actual = actual
    }
}

/// The outcome of one `.wast` file.
public struct SpecFileResult: Hashable, Sendable {
    /// The `.wast` path as given (or found in a folder).
    public var file: String
    public var passed = 0
    public var failed = 0
    public var skipped = 0
    /// Every failure, in script order.
    public var failures: [SpecFailure] = []
    /// Passed commands whose message did not contain the expected text.
    public var messageMismatches: [SpecMessageMismatch] = []
    /// Why commands were skipped, with counts.
    public var skipReasons: [String: Int] = [:]

    public init(file: String) {
        self.file = file
    }

    /// Total commands counted.
    public var total: Int { passed + failed + skipped }

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
public struct SpecReport: Hashable, Sendable {
    /// Per-file results, in run order.
    public var files: [SpecFileResult]

    public init(files: [SpecFileResult]) {
        self.files = files
    }

    public var passed: Int { files.reduce(0) { $0 + $1.passed } }
    public var failed: Int { files.reduce(0) { $0 + $1.failed } }
    public var skipped: Int { files.reduce(0) { $0 + $1.skipped } }
    public var messageMismatches: Int { files.reduce(0) { $0 + $1.messageMismatches.count } }

    /// `true` when nothing failed.
    public var succeeded: Bool { failed == 0 }
}
