#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Encoding of `filestat` (64 bytes) and `fdstat` (24 bytes), and time updates.
extension WASIEnvironment {
    static func writeFilestat(_ info: HostStat, _ memory: WASIGuestMemory, at offset: UInt32) throws(WASIErrno) {
        _ = try memory.check(offset, 64)
        try memory.storeU64(UInt64(info.st_dev), at: offset)
        try memory.storeU64(UInt64(info.st_ino), at: offset + 8)
        try memory.storeU64(UInt64(wasiFileType(mode: info.st_mode).rawValue), at: offset + 16)
        try memory.storeU64(UInt64(info.st_nlink), at: offset + 24)
        try memory.storeU64(UInt64(max(0, info.st_size)), at: offset + 32)
        #if os(Linux)
        try memory.storeU64(nanoseconds(info.st_atim), at: offset + 40)
        try memory.storeU64(nanoseconds(info.st_mtim), at: offset + 48)
        try memory.storeU64(nanoseconds(info.st_ctim), at: offset + 56)
        #else
        try memory.storeU64(nanoseconds(info.st_atimespec), at: offset + 40)
        try memory.storeU64(nanoseconds(info.st_mtimespec), at: offset + 48)
        try memory.storeU64(nanoseconds(info.st_ctimespec), at: offset + 56)
        #endif
    }

    /// A synthetic filestat for descriptors without a host file (pipes, null).
    static func writeStreamFilestat(_ type: WASIFileType, size: Int, _ memory: WASIGuestMemory,
                                    at offset: UInt32) throws(WASIErrno) {
        let bytes = try memory.bytes(at: offset, count: 64)
        bytes.initializeMemory(as: UInt8.self, repeating: 0)
        try memory.storeU8(type.rawValue, at: offset + 16)
        try memory.storeU64(1, at: offset + 24)
        try memory.storeU64(UInt64(size), at: offset + 32)
    }

    /// The two `timespec`s for `futimens`/`utimensat` from WASI times and `fstflags`.
    static func timeSpecs(atime: UInt64, mtime: UInt64, flags: UInt16) throws(WASIErrno) -> [timespec] {
        let known = WASIFstflags.atim | WASIFstflags.atimNow | WASIFstflags.mtim | WASIFstflags.mtimNow
        guard flags & ~known == 0 else { throw .inval }
        func spec(_ value: UInt64, set: UInt16, now: UInt16) throws(WASIErrno) -> timespec {
            let setBit = flags & set != 0
            let nowBit = flags & now != 0
            if setBit && nowBit { throw .inval }
            if nowBit { return timespec(tv_sec: 0, tv_nsec: HostConstants.utimeNow) }
            if !setBit { return timespec(tv_sec: 0, tv_nsec: HostConstants.utimeOmit) }
            return timespec(tv_sec: Int(value / 1_000_000_000), tv_nsec: Int(value % 1_000_000_000))
        }
        return [try spec(atime, set: WASIFstflags.atim, now: WASIFstflags.atimNow),
                try spec(mtime, set: WASIFstflags.mtim, now: WASIFstflags.mtimNow)]
    }
}
