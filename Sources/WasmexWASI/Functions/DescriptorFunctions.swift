#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Descriptor bookkeeping and metadata: close, renumber, fdstat, filestat,
/// advise, allocate, sync, prestat.
extension WASIEnvironment {
    func descriptorFunctions() -> [WASIHostFunction] {
        [
            define("fd_close", [.i32]) { [self] _, a throws(WASIErrno) in
                _ = try lock.withLock { () throws(WASIErrno) in try table.remove(a.u32(0)) }
            },
            define("fd_renumber", [.i32, .i32]) { [self] _, a throws(WASIErrno) in
                try lock.withLock { () throws(WASIErrno) in try table.renumber(a.u32(0), to: a.u32(1)) }
            },
            define("fd_fdstat_get", [.i32, .i32]) { [self] memory, a throws(WASIErrno) in
                let entry = try descriptor(a.u32(0))
                let out = try memory.record(at: a.u32(1), size: 24)
                out.zero()
                try out.storeU8(entry.fileType.rawValue, at: 0)
                try out.storeU16(try currentFlags(entry), at: 2)
                try out.storeU64(entry.rightsBase.rawValue, at: 8)
                try out.storeU64(entry.rightsInheriting.rawValue, at: 16)
            },
            define("fd_fdstat_set_flags", [.i32, .i32]) { [self] _, a throws(WASIErrno) in
                try setFlags(a.u32(0), UInt16(truncatingIfNeeded: a.u32(1)))
            },
            define("fd_fdstat_set_rights", [.i32, .i64, .i64]) { [self] _, a throws(WASIErrno) in
                let base = WASIRights(rawValue: a.u64(1))
                let inheriting = WASIRights(rawValue: a.u64(2))
                try lock.withLock { () throws(WASIErrno) in
                    try table.update(a.u32(0)) { (entry: inout Descriptor) throws(WASIErrno) in
                        guard entry.rightsBase.isSuperset(of: base),
                              entry.rightsInheriting.isSuperset(of: inheriting) else { throw .notcapable }
                        entry.rightsBase = base
                        entry.rightsInheriting = inheriting
                    }
                }
            },
            define("fd_filestat_get", [.i32, .i32]) { [self] memory, a throws(WASIErrno) in
                let entry = try descriptor(a.u32(0))
                try entry.require(.fdFilestatGet)
                switch entry.backing {
                case .file(let host): try Self.writeFilestat(try host.stat(), memory, at: a.u32(1))
                case .directory(let handle): try Self.writeFilestat(try handle.fd.stat(), memory, at: a.u32(1))
                case .pipe(let pipe): try Self.writeStreamFilestat(entry.fileType, size: pipe.size, memory, at: a.u32(1))
                case .null: try Self.writeStreamFilestat(entry.fileType, size: 0, memory, at: a.u32(1))
                }
            },
            define("fd_filestat_set_size", [.i32, .i64]) { [self] _, a throws(WASIErrno) in
                let host = try hostFile(a.u32(0), needing: .fdFilestatSetSize)
                guard a.u64(1) <= UInt64(Int64.max) else { throw .inval }
                _ = try hostCall { ftruncate(host.raw, off_t(a.u64(1))) }
            },
            define("fd_filestat_set_times", [.i32, .i64, .i64, .i32]) { [self] _, a throws(WASIErrno) in
                let entry = try descriptor(a.u32(0))
                try entry.require(.fdFilestatSetTimes)
                let times = try Self.timeSpecs(atime: a.u64(1), mtime: a.u64(2), flags: UInt16(truncatingIfNeeded: a.u32(3)))
                let raw: Int32
                switch entry.backing {
                case .file(let host): raw = host.raw
                case .directory(let handle): raw = handle.fd.raw
                case .pipe, .null: return
                }
                _ = try hostCall { times.withUnsafeBufferPointer { futimens(raw, $0.baseAddress) } }
            },
            define("fd_advise", [.i32, .i64, .i64, .i32]) { [self] _, a throws(WASIErrno) in
                guard a.u32(3) <= 5 else { throw .inval }
                let host = try hostFile(a.u32(0), needing: .fdAdvise)
                #if os(Linux)
                let advice: [Int32] = [POSIX_FADV_NORMAL, POSIX_FADV_SEQUENTIAL, POSIX_FADV_RANDOM,
                                       POSIX_FADV_WILLNEED, POSIX_FADV_DONTNEED, POSIX_FADV_NOREUSE]
                guard a.u64(1) <= UInt64(Int64.max), a.u64(2) <= UInt64(Int64.max) else { throw .inval }
                let result = posix_fadvise(host.raw, off_t(a.u64(1)), off_t(a.u64(2)), advice[Int(a.u32(3))])
                if result != 0 && result != ESPIPE { throw WASIErrno(hostErrno: result) }
                #else
                _ = host
                #endif
            },
            define("fd_allocate", [.i32, .i64, .i64]) { [self] _, a throws(WASIErrno) in
                let host = try hostFile(a.u32(0), needing: .fdAllocate)
                let (end, overflow) = a.u64(1).addingReportingOverflow(a.u64(2))
                guard !overflow, end <= UInt64(Int64.max) else { throw .inval }
                // Grow the file to offset+len if it is shorter; never shrink it.
                let info = try host.stat()
                if info.st_size < off_t(end) { _ = try hostCall { ftruncate(host.raw, off_t(end)) } }
            },
            define("fd_datasync", [.i32]) { [self] _, a throws(WASIErrno) in
                try sync(a.u32(0), needing: .fdDatasync)
            },
            define("fd_sync", [.i32]) { [self] _, a throws(WASIErrno) in
                try sync(a.u32(0), needing: .fdSync)
            },
            define("fd_prestat_get", [.i32, .i32]) { [self] memory, a throws(WASIErrno) in
                let name = try preopenName(a.u32(0))
                // `prestat`: tag 0 (a directory), then the name's length.
                let out = try memory.record(at: a.u32(1), size: 8)
                try out.storeU32(0, at: 0)
                try out.storeU32(UInt32(clamping: name.count), at: 4)
            },
            define("fd_prestat_dir_name", [.i32, .i32, .i32]) { [self] memory, a throws(WASIErrno) in
                let name = try preopenName(a.u32(0))
                guard a.u32(2) >= UInt32(name.count) else { throw .nametoolong }
                try memory.copy(name, to: a.u32(1))
            },
        ]
    }

    private func preopenName(_ fd: UInt32) throws(WASIErrno) -> [UInt8] {
        guard case .directory(let handle) = try descriptor(fd).backing, let name = handle.preopenName else {
            throw .badf
        }
        return Array(name.utf8)
    }

    /// The host descriptor of a file (not a directory) holding `rights`.
    func hostFile(_ fd: UInt32, needing rights: WASIRights) throws(WASIErrno) -> HostFD {
        let entry = try descriptor(fd)
        switch entry.backing {
        case .directory: throw .isdir
        case .pipe, .null: throw rights.contains(.fdSeek) || rights.contains(.fdTell) ? .spipe : .badf
        case .file(let host):
            try entry.require(rights)
            return host
        }
    }

    private func sync(_ fd: UInt32, needing rights: WASIRights) throws(WASIErrno) {
        let entry = try descriptor(fd)
        try entry.require(rights)
        switch entry.backing {
        case .file(let host):
            if fsync(host.raw) != 0 && errno != EINVAL && errno != EROFS { throw WASIErrno.lastHostError }
        case .directory(let handle):
            if fsync(handle.fd.raw) != 0 && errno != EINVAL && errno != EBADF { throw WASIErrno.lastHostError }
        case .pipe, .null: return
        }
    }

    /// The flags a descriptor reports: the host's append/nonblock plus the sync flags asked for.
    private func currentFlags(_ entry: Descriptor) throws(WASIErrno) -> UInt16 {
        guard case .file(let host) = entry.backing else { return entry.flags }
        let hostFlags = fcntl(host.raw, F_GETFL)
        guard hostFlags >= 0 else { return entry.flags }
        var flags = entry.flags & ~(WASIFdflags.append | WASIFdflags.nonblock)
        if hostFlags & O_APPEND != 0 { flags |= WASIFdflags.append }
        if hostFlags & O_NONBLOCK != 0 { flags |= WASIFdflags.nonblock }
        return flags
    }

    /// Sets `fdflags`. Append and non-blocking live on the host descriptor
    /// (the kernel enforces them); the sync flags are only recorded.
    ///
    /// A descriptor the guest shares with the host process (inherited stdio)
    /// is different: its file status flags belong to an open file description
    /// that the host, and often its terminal or parent shell, use as well, so
    /// setting `O_NONBLOCK` or `O_APPEND` there would change the host's own
    /// stdout. Such a change is refused with `notsup` (emulating the flags
    /// virtually would let a guest believe it has a non-blocking stdin that
    /// still blocks). Asking for the host's current append/non-blocking
    /// state is accepted, so a read-modify-write of unrelated flags works.
    private func setFlags(_ fd: UInt32, _ flags: UInt16) throws(WASIErrno) {
        guard flags & ~WASIFdflags.all == 0 else { throw .inval }
        let entry = try descriptor(fd)
        try entry.require(.fdFdstatSetFlags)
        if case .file(let host) = entry.backing {
            let current = try hostCall { fcntl(host.raw, F_GETFL) }
            var hostFlags = current & ~(O_APPEND | O_NONBLOCK)
            if flags & WASIFdflags.append != 0 { hostFlags |= O_APPEND }
            if flags & WASIFdflags.nonblock != 0 { hostFlags |= O_NONBLOCK }
            if hostFlags != current {
                if host.sharesHostDescriptor { throw .notsup }
                _ = try hostCall { fcntl(host.raw, F_SETFL, hostFlags) }
            }
        } else if flags & WASIFdflags.append != 0, case .directory = entry.backing {
            throw .isdir
        }
        try lock.withLock { () throws(WASIErrno) in
            try table.update(fd) { (entry: inout Descriptor) throws(WASIErrno) in entry.flags = flags }
        }
    }
}
