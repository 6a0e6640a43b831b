#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `path_open`.
///
/// The new descriptor's rights are the requested ones limited to what the
/// directory may hand down (its inheriting rights) and to what the file type
/// supports. The host file is opened for writing only when those rights
/// include writing, so a read-only preopen never yields a writable host fd.
extension WASIEnvironment {
    func pathOpenFunction() -> WASIHostFunction {
        define("path_open", [.i32, .i32, .i32, .i32, .i32, .i64, .i64, .i32, .i32]) { [self] memory, a throws(WASIErrno) in
            let fd = try pathOpen(
                directoryFd: a.u32(0), lookup: a.u32(1), memory: memory, path: a.u32(2), length: a.u32(3),
                oflags: UInt16(truncatingIfNeeded: a.u32(4)), base: WASIRights(rawValue: a.u64(5)),
                inheriting: WASIRights(rawValue: a.u64(6)), fdflags: UInt16(truncatingIfNeeded: a.u32(7)))
            do throws(WASIErrno) {
                try memory.storeU32(fd, at: a.u32(8))
            } catch {
                _ = try? lock.withLock { () throws(WASIErrno) in try table.remove(fd) }
                throw error
            }
        }
    }

    private func pathOpen(directoryFd: UInt32, lookup: UInt32, memory: WASIGuestMemory, path: UInt32, length: UInt32,
                          oflags: UInt16, base: WASIRights, inheriting: WASIRights, fdflags: UInt16) throws(WASIErrno) -> UInt32 {
        let parent = try descriptor(directoryFd)
        let handle = try parent.directory()
        var needed: WASIRights = .pathOpen
        if oflags & WASIOflags.creat != 0 { needed.insert(.pathCreateFile) }
        if oflags & WASIOflags.trunc != 0 { needed.insert(.pathFilestatSetSize) }
        try parent.require(needed)
        guard fdflags & ~WASIFdflags.all == 0, oflags & ~15 == 0 else { throw .inval }
        let wantsDirectory = oflags & WASIOflags.directory != 0
        if wantsDirectory && oflags & (WASIOflags.creat | WASIOflags.trunc) != 0 { throw .inval }

        let granted = base.intersection(parent.rightsInheriting)
        let writes = !granted.isDisjoint(with: [.fdWrite, .fdAllocate, .fdFilestatSetSize])
            || oflags & WASIOflags.trunc != 0
        let reads = !granted.isDisjoint(with: [.fdRead, .fdReaddir])
        var flags = O_CLOEXEC | O_NOFOLLOW
        flags |= writes ? (reads ? O_RDWR : O_WRONLY) : O_RDONLY
        if oflags & WASIOflags.creat != 0 { flags |= O_CREAT }
        if oflags & WASIOflags.excl != 0 { flags |= O_EXCL }
        if oflags & WASIOflags.trunc != 0 { flags |= O_TRUNC }
        if wantsDirectory { flags |= O_DIRECTORY }
        if fdflags & WASIFdflags.append != 0 { flags |= O_APPEND }
        if fdflags & WASIFdflags.nonblock != 0 { flags |= O_NONBLOCK }
        if fdflags & WASIFdflags.dsync != 0 { flags |= O_DSYNC }
        if fdflags & (WASIFdflags.sync | WASIFdflags.rsync) != 0 { flags |= O_SYNC }

        let guestPath = try memory.path(at: path, count: length)
        let follow = lookup & WASILookupflags.symlinkFollow != 0
        let target = try PathResolver.resolve(from: handle.fd, path: guestPath, followFinal: follow)
        if target.trailingSlash { flags |= O_DIRECTORY }
        var raw = openat(target.directory.raw, target.name, flags, 0o666)
        if raw < 0 && errno == EISDIR && oflags & (WASIOflags.creat | WASIOflags.trunc | WASIOflags.directory) == 0 {
            // A directory asked for with write rights (but not as a directory): open it for reading.
            flags = (flags & ~(O_WRONLY | O_RDWR | O_APPEND)) | O_RDONLY | O_DIRECTORY
            raw = openat(target.directory.raw, target.name, flags)
        }
        if raw < 0 && errno == EACCES && flags & O_DIRECTORY != 0 && !writes {
            // A directory we may traverse but not list.
            #if os(Linux)
            raw = openat(target.directory.raw, target.name, HostConstants.openPath | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            #endif
        }
        guard raw >= 0 else { throw WASIErrno.lastHostError }
        let host = HostFD(owning: raw)
        let type = wasiFileType(mode: try host.stat().st_mode)
        let descriptor: Descriptor
        if type == .directory {
            descriptor = Descriptor(
                backing: .directory(DirectoryHandle(fd: host, preopenName: nil)),
                rightsBase: granted.intersection(.directory),
                rightsInheriting: inheriting.intersection(parent.rightsInheriting),
                flags: fdflags, fileType: .directory)
        } else {
            var rights = granted.intersection(.regularFile)
            if type != .regularFile { rights.subtract([.fdSeek, .fdTell]) }
            descriptor = Descriptor(backing: .file(host), rightsBase: rights, rightsInheriting: [],
                                    flags: fdflags, fileType: type)
        }
        return try lock.withLock { () throws(WASIErrno) -> UInt32 in try table.insert(descriptor) }
    }
}
