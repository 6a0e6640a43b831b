/// What a WASI descriptor is backed by.
enum DescriptorBacking {
    /// A host file, device or stream descriptor.
    case file(HostFD)
    /// A host directory; `preopenName` is set for preopens.
    case directory(DirectoryHandle)
    /// An in-memory pipe (stdio only).
    case pipe(Pipe)
    /// Reads see end of file, writes vanish.
    case null
}

/// A directory descriptor and the listing cache `fd_readdir` pages through.
final class DirectoryHandle: @unchecked Sendable {
    let fd: HostFD
    let preopenName: String?
    /// Entries of the last listing, reused while the guest pages with cookies.
    var listing: [DirectoryEntry] = []

    init(fd: HostFD, preopenName: String?) {
        self.fd = fd
        self.preopenName = preopenName
    }
}

/// One directory entry as `fd_readdir` reports it.
struct DirectoryEntry {
    let name: [UInt8]
    let inode: UInt64
    let type: WASIFileType
}

/// One open WASI descriptor.
struct Descriptor {
    var backing: DescriptorBacking
    var rightsBase: WASIRights
    var rightsInheriting: WASIRights
    /// `fdflags` the guest asked for (append is enforced by the host descriptor).
    var flags: UInt16
    /// The WASI file type reported by `fd_fdstat_get`.
    var fileType: WASIFileType

    /// Throws `notcapable` unless every right in `needed` is held.
    func require(_ needed: WASIRights) throws(WASIErrno) {
        guard rightsBase.isSuperset(of: needed) else { throw .notcapable }
    }

    /// The directory handle, or `notdir`.
    func directory() throws(WASIErrno) -> DirectoryHandle {
        guard case .directory(let handle) = backing else { throw .notdir }
        return handle
    }
}
