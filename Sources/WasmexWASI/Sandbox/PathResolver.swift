#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A guest path resolved to a host directory descriptor inside the sandbox
/// plus the final component to act on with a `*at` call.
struct ResolvedPath {
    /// The directory that holds the final component (kept open).
    let directory: HostFD
    /// The final component, never containing `/`; `"."` means `directory` itself.
    let name: String
    /// Whether the guest path ended in `/` (the target must be a directory).
    let trailingSlash: Bool
}

/// Resolves guest paths one component at a time, the way a capability-based
/// sandbox must.
///
/// - Absolute paths are refused (`notcapable`).
/// - `..` pops one directory; popping past the starting directory is refused.
/// - Every intermediate directory is opened with `O_NOFOLLOW` relative to the
///   descriptor of its parent, so the kernel never follows a symlink on our
///   behalf. Symlinks are read with `readlinkat` and their targets expanded
///   here, under the same rules (an absolute target is refused).
/// - The caller acts on the final component with a `*at` call relative to an
///   open descriptor and without following symlinks, so replacing a
///   component with a symlink between check and use cannot escape.
enum PathResolver {
    /// The most symlinks one resolution may expand (as Linux's `MAXSYMLINKS`).
    static let maxSymlinks = 40

    static func resolve(from base: HostFD, path: String, followFinal: Bool) throws(WASIErrno) -> ResolvedPath {
        if path.isEmpty { throw .noent }
        if path.utf8.first == UInt8(ascii: "/") { throw .notcapable }
        var stack: [HostFD] = [base]
        // Components still to walk, last element first.
        var pending = Array(path.split(separator: "/", omittingEmptySubsequences: true).reversed())
        var trailingSlash = path.utf8.last == UInt8(ascii: "/")
        var expanded = 0
        if pending.isEmpty { throw .notcapable }

        func expand(_ target: String) throws(WASIErrno) {
            expanded += 1
            if expanded > maxSymlinks { throw .loop }
            if target.isEmpty { throw .noent }
            if target.utf8.first == UInt8(ascii: "/") { throw .notcapable }
            let wasLast = pending.isEmpty
            pending.append(contentsOf: target.split(separator: "/", omittingEmptySubsequences: true).reversed())
            if wasLast && target.utf8.last == UInt8(ascii: "/") { trailingSlash = true }
        }

        while let component = pending.popLast() {
            let isLast = pending.isEmpty
            if component == "." {
                if isLast { return try finish(stack, ".", trailingSlash) }
                continue
            }
            if component == ".." {
                if stack.count == 1 { throw .notcapable }
                stack.removeLast()
                if isLast { return try finish(stack, ".", trailingSlash) }
                continue
            }
            let name = String(component)
            let top = stack[stack.count - 1]
            if isLast {
                if followFinal || trailingSlash, let target = try readLink(top, name) {
                    try expand(target)
                    continue
                }
                return try finish(stack, name, trailingSlash)
            }
            let opened = openat(top.raw, name, openDirectoryFlags)
            if opened >= 0 {
                stack.append(HostFD(owning: opened))
                continue
            }
            let failure = errno
            if failure == ELOOP || failure == ENOTDIR || failure == EMLINK, let target = try readLink(top, name) {
                try expand(target)
                continue
            }
            throw WASIErrno(hostErrno: failure)
        }
        throw .noent
    }

    /// Builds the result; with a trailing slash an existing non-directory is `notdir`.
    private static func finish(_ stack: [HostFD], _ name: String, _ trailingSlash: Bool) throws(WASIErrno) -> ResolvedPath {
        let directory = stack[stack.count - 1]
        if trailingSlash && name != "." {
            var info = HostStat()
            if fstatat(directory.raw, name, &info, AT_SYMLINK_NOFOLLOW) == 0, info.st_mode & S_IFMT != S_IFDIR {
                throw .notdir
            }
        }
        return ResolvedPath(directory: directory, name: name, trailingSlash: trailingSlash)
    }

    /// The target of `name` if it is a symlink, nil if it is anything else or absent.
    static func readLink(_ directory: HostFD, _ name: String) throws(WASIErrno) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX))
        let count = readlinkat(directory.raw, name, &buffer, buffer.count)
        if count < 0 {
            // EINVAL: not a symlink; ENOENT: absent; both are "no link to follow".
            if errno == EINVAL || errno == ENOENT { return nil }
            throw WASIErrno.lastHostError
        }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Intermediate directories are opened only to be walked through.
    static let openDirectoryFlags: Int32 = HostConstants.openPath | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC
}
