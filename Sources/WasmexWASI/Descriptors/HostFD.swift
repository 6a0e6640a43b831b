#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The host `struct stat`.
typealias HostStat = stat

/// A host file descriptor with an owner: closed when the last reference
/// goes away, unless borrowed (the host's own stdio).
final class HostFD: @unchecked Sendable {
    let raw: Int32
    private let borrowed: Bool

    init(owning raw: Int32) {
        self.raw = raw
        self.borrowed = false
    }

    init(borrowing raw: Int32) {
        self.raw = raw
        self.borrowed = true
    }

    deinit {
        if !borrowed { _ = close(raw) }
    }

    /// Whether this is one of the host process's own descriptors (inherited
    /// stdio): its status flags are shared with the host and must not change.
    var sharesHostDescriptor: Bool { borrowed }

    /// `fstat` of this descriptor.
    func stat() throws(WASIErrno) -> HostStat {
        var info = HostStat()
        guard fstat(raw, &info) == 0 else { throw WASIErrno.lastHostError }
        return info
    }
}

/// The WASI file type of a host `st_mode`.
func wasiFileType(mode: mode_t) -> WASIFileType {
    switch mode & S_IFMT {
    case S_IFREG: return .regularFile
    case S_IFDIR: return .directory
    case S_IFLNK: return .symbolicLink
    case S_IFCHR: return .characterDevice
    case S_IFBLK: return .blockDevice
    case S_IFSOCK: return .socketStream
    default: return .unknown
    }
}

/// Runs a host call, retrying on `EINTR`; throws the mapped errno on -1.
@inline(__always)
func hostCall<T: BinaryInteger>(_ body: () -> T) throws(WASIErrno) -> T {
    while true {
        let result = body()
        if result != -1 { return result }
        if errno == EINTR { continue }
        throw WASIErrno.lastHostError
    }
}
