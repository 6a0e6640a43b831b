#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure to set up a WASI environment from ``WasiOptions``.
public enum WASIConfigurationError: Error, CustomStringConvertible, Equatable {
    /// A preopen's host directory could not be opened.
    case cannotOpenPreopen(hostPath: String, reason: String)
    /// A preopen's host path is not a directory.
    case preopenNotDirectory(hostPath: String)
    /// A file given for stdin, stdout or stderr could not be opened.
    case cannotOpenStdio(stream: String, path: String, reason: String)
    /// An argument or environment entry contains a NUL byte (or `=` in a name).
    case invalidString(String)

    public var description: String {
        switch self {
        case .cannotOpenPreopen(let path, let reason): "cannot preopen directory '\(path)': \(reason)"
        case .preopenNotDirectory(let path): "cannot preopen '\(path)': not a directory"
        case .cannotOpenStdio(let stream, let path, let reason): "cannot open '\(path)' for \(stream): \(reason)"
        case .invalidString(let text): "invalid WASI argument or environment entry: \(text.debugDescription)"
        }
    }
}

/// The state of one WASI preview 1 program: its arguments, environment and
/// descriptor table, and the `wasi_snapshot_preview1` functions over them.
///
/// Create one per program run from ``WasiOptions`` and pass it to an instance
/// (`Instance(store:module:wasiEnvironment:)`) or to `Imports.defineWASI`,
/// which serve its functions as the imports of module
/// `wasi_snapshot_preview1`; run `_start`, and a thrown ``WASIExit`` carries
/// the exit status. The environment is thread-safe.
///
/// Design note: this is an implementation of its own rather than a wrapper
/// over WasmKit's `WASIBridgeToHost`, because that bridge's memory protocol
/// cannot report an out-of-bounds guest pointer except by crashing, has no
/// read-only preopens or in-memory pipes, and would need five of its
/// functions replaced to pass the WASI test suite.
public final class WASIEnvironment: @unchecked Sendable {
    let lock = WASILock()
    var table = DescriptorTable()
    /// Arguments and environment entries as NUL-terminated byte strings.
    let argumentBytes: [[UInt8]]
    let environmentBytes: [[UInt8]]

    /// Sets up the descriptor table: 0–2 from the stdio options, then one
    /// descriptor per preopen, in order, from 3.
    public init(options: WasiOptions) throws {
        func cString(_ text: String) throws -> [UInt8] {
            let bytes = Array(text.utf8)
            if bytes.contains(0) { throw WASIConfigurationError.invalidString(text) }
            return bytes + [0]
        }
        argumentBytes = try options.args.map(cString)
        environmentBytes = try options.env.map { name, value in
            if name.utf8.contains(UInt8(ascii: "=")) { throw WASIConfigurationError.invalidString(name) }
            return try cString(name + "=" + value)
        }
        _ = try table.insert(Self.stdio(options.stdin, fd: 0, name: "stdin"))
        _ = try table.insert(Self.stdio(options.stdout, fd: 1, name: "stdout"))
        _ = try table.insert(Self.stdio(options.stderr, fd: 2, name: "stderr"))
        for preopen in options.preopens {
            _ = try table.insert(Self.preopen(preopen))
        }
    }

    /// Closes every descriptor the program left open (also done on deinit).
    package func close() {
        lock.withLock { table.removeAll() }
    }

    /// Every function of `wasi_snapshot_preview1`.
    ///
    /// To let users replace one, the engine should prefer a user-supplied
    /// import of the same module and name over the entry from this list.
    package func hostFunctions() -> [WASIHostFunction] {
        environmentFunctions() + clockAndRandomFunctions() + descriptorFunctions()
            + streamFunctions() + directoryFunctions() + pathFunctions() + [pathOpenFunction(), pollFunction()]
            + processFunctions()
    }

    /// The function named `name`, or nil if WASI preview 1 has no such function.
    package func hostFunction(named name: String) -> WASIHostFunction? {
        hostFunctions().first { $0.name == name }
    }

    // MARK: - Descriptor access

    func descriptor(_ fd: UInt32) throws(WASIErrno) -> Descriptor {
        try lock.withLock { () throws(WASIErrno) -> Descriptor in try table.get(fd) }
    }

    func directory(_ fd: UInt32, needing rights: WASIRights) throws(WASIErrno) -> DirectoryHandle {
        let entry = try descriptor(fd)
        let handle = try entry.directory()
        try entry.require(rights)
        return handle
    }

    // MARK: - Setup

    private static func stdio(_ stdio: WasiStdio, fd: Int32, name: String) throws -> Descriptor {
        switch stdio {
        case .inherit:
            let host = HostFD(borrowing: fd)
            let type = (try? host.stat()).map { wasiFileType(mode: $0.st_mode) } ?? .characterDevice
            return streamDescriptor(.file(host), type: type)
        case .pipe(let pipe):
            return streamDescriptor(.pipe(pipe), type: .unknown)
        case .null:
            var entry = streamDescriptor(.null, type: .characterDevice)
            entry.rightsBase.formUnion([.fdSeek, .fdTell])
            return entry
        case .file(let path):
            let flags = fd == 0 ? O_RDONLY : (O_WRONLY | O_CREAT | O_TRUNC)
            let raw = open(path, flags | O_CLOEXEC, 0o644)
            guard raw >= 0 else {
                throw WASIConfigurationError.cannotOpenStdio(stream: name, path: path, reason: hostErrorText())
            }
            // Usually a regular file, but it may name a FIFO or a device: report
            // what it is, so that reads from a stream wait interruptibly.
            let host = HostFD(owning: raw)
            let type = (try? host.stat()).map { wasiFileType(mode: $0.st_mode) } ?? .regularFile
            var entry = streamDescriptor(.file(host), type: type)
            if type == .regularFile {
                entry.rightsBase.formUnion([.fdSeek, .fdTell, .fdAdvise, .fdAllocate, .fdFilestatSetSize])
            }
            return entry
        }
    }

    private static func streamDescriptor(_ backing: DescriptorBacking, type: WASIFileType) -> Descriptor {
        Descriptor(backing: backing, rightsBase: .stream, rightsInheriting: [], flags: 0, fileType: type)
    }

    private static func preopen(_ preopen: Preopen) throws -> Descriptor {
        let raw = open(preopen.hostPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard raw >= 0 else {
            if errno == ENOTDIR { throw WASIConfigurationError.preopenNotDirectory(hostPath: preopen.hostPath) }
            throw WASIConfigurationError.cannotOpenPreopen(hostPath: preopen.hostPath, reason: hostErrorText())
        }
        let handle = DirectoryHandle(fd: HostFD(owning: raw), preopenName: preopen.guestPath)
        var base = WASIRights.directory
        var inheriting = WASIRights.all
        if preopen.readOnly {
            base.subtract(.mutating)
            inheriting.subtract(.mutating)
        }
        return Descriptor(backing: .directory(handle), rightsBase: base, rightsInheriting: inheriting,
                          flags: 0, fileType: .directory)
    }
}

/// The text of the current host `errno`.
func hostErrorText() -> String {
    guard let message = strerror(errno) else { return "errno \(errno)" }
    return String(cString: message)
}
