/// Where one standard stream of a WASI program goes.
public enum WasiStdio: Sendable {
    /// The host process's own stream (fd 0, 1 or 2), shared, never closed.
    case inherit
    /// An in-memory ``Pipe`` that Swift code can read and write.
    case pipe(Pipe)
    /// A host file: opened read-only for stdin; created or truncated for stdout/stderr.
    case file(String)
    /// Nothing: reads see end of file, writes are discarded.
    case null
}

/// A host directory made visible to the guest under a guest path.
public struct Preopen: Sendable, Equatable {
    /// The directory on the host.
    public var hostPath: String
    /// The name the guest sees (for example `/` or `/data`).
    public var guestPath: String
    /// When true the guest can read but not create, change or remove anything.
    public var readOnly: Bool

    /// Describes a preopened directory.
    public init(hostPath: String, guestPath: String, readOnly: Bool = false) {
        self.hostPath = hostPath
        self.guestPath = guestPath
        self.readOnly = readOnly
    }
}

/// Everything a WASI program sees of its host: arguments, environment,
/// preopened directories and standard streams.
public struct WasiOptions: Sendable {
    /// `argv`, including the program name at index 0 if the program expects one.
    public var args: [String]
    /// Environment variables in the order the guest sees them.
    public var env: [(String, String)]
    /// Directories the guest may reach; nothing else on the host is reachable.
    public var preopens: [Preopen]
    /// Standard input (default: nothing).
    public var stdin: WasiStdio
    /// Standard output (default: the host's stdout).
    public var stdout: WasiStdio
    /// Standard error (default: the host's stderr).
    public var stderr: WasiStdio

    /// Creates options; the environment keeps the given order.
    public init(
        args: [String] = [],
        env: [(String, String)] = [],
        preopens: [Preopen] = [],
        stdin: WasiStdio = .null,
        stdout: WasiStdio = .inherit,
        stderr: WasiStdio = .inherit
    ) {
        self.args = args
        self.env = env
        self.preopens = preopens
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
    }

    /// Creates options from a dictionary environment (sorted by key for a stable order).
    public init(
        args: [String] = [],
        env: [String: String],
        preopens: [Preopen] = [],
        stdin: WasiStdio = .null,
        stdout: WasiStdio = .inherit,
        stderr: WasiStdio = .inherit
    ) {
        self.init(args: args, env: env.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                  preopens: preopens, stdin: stdin, stdout: stdout, stderr: stderr)
    }
}
