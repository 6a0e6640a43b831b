#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `path_*` functions except `path_open`. Each resolves its path inside
/// the sandbox (``PathResolver``) and acts with a `*at` call that does not
/// follow a final symlink.
extension WASIEnvironment {
    func pathFunctions() -> [WASIHostFunction] {
        [
            define("path_create_directory", [.i32, .i32, .i32]) { [self] memory, a throws(WASIErrno) in
                let target = try resolve(a.u32(0), memory, a.u32(1), a.u32(2), needing: .pathCreateDirectory)
                _ = try hostCall { mkdirat(target.directory.raw, target.name, 0o777) }
            },
            define("path_filestat_get", [.i32, .i32, .i32, .i32, .i32]) { [self] memory, a throws(WASIErrno) in
                let follow = a.u32(1) & WASILookupflags.symlinkFollow != 0
                let target = try resolve(a.u32(0), memory, a.u32(2), a.u32(3), needing: .pathFilestatGet, follow: follow)
                var info = HostStat()
                _ = try hostCall { fstatat(target.directory.raw, target.name, &info, AT_SYMLINK_NOFOLLOW) }
                try Self.writeFilestat(info, memory, at: a.u32(4))
            },
            define("path_filestat_set_times", [.i32, .i32, .i32, .i32, .i64, .i64, .i32]) { [self] memory, a throws(WASIErrno) in
                let times = try Self.timeSpecs(atime: a.u64(4), mtime: a.u64(5), flags: UInt16(truncatingIfNeeded: a.u32(6)))
                let follow = a.u32(1) & WASILookupflags.symlinkFollow != 0
                let target = try resolve(a.u32(0), memory, a.u32(2), a.u32(3), needing: .pathFilestatSetTimes, follow: follow)
                _ = try hostCall {
                    times.withUnsafeBufferPointer {
                        utimensat(target.directory.raw, target.name, $0.baseAddress, AT_SYMLINK_NOFOLLOW)
                    }
                }
            },
            define("path_link", [.i32, .i32, .i32, .i32, .i32, .i32, .i32]) { [self] memory, a throws(WASIErrno) in
                let follow = a.u32(1) & WASILookupflags.symlinkFollow != 0
                let source = try resolve(a.u32(0), memory, a.u32(2), a.u32(3), needing: .pathLinkSource, follow: follow)
                let destination = try resolve(a.u32(4), memory, a.u32(5), a.u32(6), needing: .pathLinkTarget)
                if source.trailingSlash || destination.trailingSlash {
                    // Hard links to directories do not exist; a slash names one.
                    try Self.requireAbsentOrThrow(destination)
                }
                _ = try hostCall {
                    linkat(source.directory.raw, source.name, destination.directory.raw, destination.name, 0)
                }
            },
            define("path_readlink", [.i32, .i32, .i32, .i32, .i32, .i32]) { [self] memory, a throws(WASIErrno) in
                let target = try resolve(a.u32(0), memory, a.u32(1), a.u32(2), needing: .pathReadlink)
                let output = try memory.bytes(at: a.u32(3), count: a.u32(4))
                var buffer = [CChar](repeating: 0, count: Int(PATH_MAX))
                let count = try hostCall { readlinkat(target.directory.raw, target.name, &buffer, buffer.count) }
                let copied = min(count, output.count)
                if copied > 0 { output.copyBytes(from: buffer[0..<copied].lazy.map { UInt8(bitPattern: $0) }) }
                try memory.storeU32(UInt32(copied), at: a.u32(5))
            },
            define("path_remove_directory", [.i32, .i32, .i32]) { [self] memory, a throws(WASIErrno) in
                let target = try resolve(a.u32(0), memory, a.u32(1), a.u32(2), needing: .pathRemoveDirectory)
                _ = try hostCall { unlinkat(target.directory.raw, target.name, AT_REMOVEDIR) }
            },
            define("path_rename", [.i32, .i32, .i32, .i32, .i32, .i32]) { [self] memory, a throws(WASIErrno) in
                let source = try resolve(a.u32(0), memory, a.u32(1), a.u32(2), needing: .pathRenameSource)
                let destination = try resolve(a.u32(3), memory, a.u32(4), a.u32(5), needing: .pathRenameTarget)
                if destination.trailingSlash {
                    var info = HostStat()
                    _ = try hostCall { fstatat(source.directory.raw, source.name, &info, AT_SYMLINK_NOFOLLOW) }
                    if info.st_mode & S_IFMT != S_IFDIR { throw .notdir }
                }
                _ = try hostCall {
                    renameat(source.directory.raw, source.name, destination.directory.raw, destination.name)
                }
            },
            define("path_symlink", [.i32, .i32, .i32, .i32, .i32]) { [self] memory, a throws(WASIErrno) in
                let contents = try memory.path(at: a.u32(0), count: a.u32(1))
                let target = try resolve(a.u32(2), memory, a.u32(3), a.u32(4), needing: .pathSymlink)
                // Only links that cannot lead out of the preopen, for any program.
                try SymlinkPolicy.check(contents)
                if target.trailingSlash { try Self.requireAbsentOrThrow(target) }
                _ = try hostCall { symlinkat(contents, target.directory.raw, target.name) }
            },
            define("path_unlink_file", [.i32, .i32, .i32]) { [self] memory, a throws(WASIErrno) in
                let target = try resolve(a.u32(0), memory, a.u32(1), a.u32(2), needing: .pathUnlinkFile)
                if target.trailingSlash {
                    var info = HostStat()
                    _ = try hostCall { fstatat(target.directory.raw, target.name, &info, AT_SYMLINK_NOFOLLOW) }
                    if info.st_mode & S_IFMT == S_IFDIR { throw .isdir }
                }
                _ = try hostCall { unlinkat(target.directory.raw, target.name, 0) }
            },
        ]
    }

    /// Reads a guest path and resolves it below directory descriptor `fd`.
    func resolve(_ fd: UInt32, _ memory: WASIGuestMemory, _ pointer: UInt32, _ length: UInt32,
                 needing rights: WASIRights, follow: Bool = false) throws(WASIErrno) -> ResolvedPath {
        let handle = try directory(fd, needing: rights)
        let path = try memory.path(at: pointer, count: length)
        return try PathResolver.resolve(from: handle.fd, path: path, followFinal: follow)
    }

    /// For a creation through a path with a trailing slash: `exist` if
    /// something is there, `noent` if not (the slash asks for a directory).
    private static func requireAbsentOrThrow(_ target: ResolvedPath) throws(WASIErrno) {
        var info = HostStat()
        if fstatat(target.directory.raw, target.name, &info, AT_SYMLINK_NOFOLLOW) == 0 { throw .exist }
        throw .noent
    }
}
