#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `fd_readdir`.
///
/// The listing (with `.` and `..`) is read when the guest starts at cookie 0
/// and kept on the descriptor; a cookie is the index of the next entry, so
/// paging through a directory sees one consistent snapshot.
extension WASIEnvironment {
    func directoryFunctions() -> [WASIHostFunction] {
        [
            define("fd_readdir", [.i32, .i32, .i32, .i64, .i32]) { [self] memory, a throws(WASIErrno) in
                let handle = try directory(a.u32(0), needing: .fdReaddir)
                let cookie = a.u64(3)
                let entries = try lock.withLock { () throws(WASIErrno) -> [DirectoryEntry] in
                    if cookie == 0 || handle.listing.isEmpty { handle.listing = try Self.list(handle.fd) }
                    return handle.listing
                }
                let target = try memory.bytes(at: a.u32(1), count: a.u32(2))
                let used = Self.encode(entries, from: cookie, into: target)
                try memory.storeU32(UInt32(used), at: a.u32(4))
            },
        ]
    }

    /// Writes `dirent` records (24-byte header, then the name) from entry
    /// `cookie` on, cutting the last one off where the buffer ends.
    private static func encode(_ entries: [DirectoryEntry], from cookie: UInt64,
                               into target: UnsafeMutableRawBufferPointer) -> Int {
        guard cookie < UInt64(entries.count) else { return 0 }
        var used = 0
        var header = [UInt8](repeating: 0, count: 24)
        for index in Int(cookie)..<entries.count {
            let entry = entries[index]
            header.withUnsafeMutableBytes { raw in
                raw.storeBytes(of: UInt64(index + 1).littleEndian, toByteOffset: 0, as: UInt64.self)
                raw.storeBytes(of: entry.inode.littleEndian, toByteOffset: 8, as: UInt64.self)
                raw.storeBytes(of: UInt32(entry.name.count).littleEndian, toByteOffset: 16, as: UInt32.self)
                raw.storeBytes(of: UInt32(entry.type.rawValue).littleEndian, toByteOffset: 20, as: UInt32.self)
            }
            for part in [header, entry.name] {
                let room = target.count - used
                let count = min(room, part.count)
                if count > 0 {
                    UnsafeMutableRawBufferPointer(rebasing: target[used..<(used + count)])
                        .copyBytes(from: part[0..<count])
                }
                used += count
                if count < part.count { return used }
            }
        }
        return used
    }

    /// Reads a directory's entries through a fresh descriptor (so the
    /// guest's descriptor keeps its own state).
    static func list(_ directory: HostFD) throws(WASIErrno) -> [DirectoryEntry] {
        let raw = try hostCall { openat(directory.raw, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard let stream = fdopendir(raw) else {
            let failure = WASIErrno.lastHostError
            _ = Glibc.close(raw)
            throw failure
        }
        defer { closedir(stream) }
        var entries: [DirectoryEntry] = []
        while true {
            errno = 0
            guard let record = readdir(stream) else {
                if errno != 0 { throw WASIErrno.lastHostError }
                break
            }
            let name = withUnsafeBytes(of: record.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            var type = fileType(direntType: record.pointee.d_type)
            if type == .unknown {
                var info = HostStat()
                let path = String(decoding: name, as: UTF8.self)
                if fstatat(raw, path, &info, AT_SYMLINK_NOFOLLOW) == 0 { type = wasiFileType(mode: info.st_mode) }
            }
            entries.append(DirectoryEntry(name: name, inode: UInt64(record.pointee.d_ino), type: type))
        }
        return entries
    }

    private static func fileType(direntType: UInt8) -> WASIFileType {
        switch Int32(direntType) {
        case Int32(DT_REG): return .regularFile
        case Int32(DT_DIR): return .directory
        case Int32(DT_LNK): return .symbolicLink
        case Int32(DT_CHR): return .characterDevice
        case Int32(DT_BLK): return .blockDevice
        case Int32(DT_SOCK): return .socketStream
        default: return .unknown
        }
    }
}
