#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Encoding of `filestat` (64 bytes) and `fdstat` (24 bytes), and time updates.
extension WASIEnvironment {
    static func writeFilestat(_ info: HostStat, _ memory: WASIGuestMemory, at offset: UInt32) throws(WASIErrno) {
        let out = try memory.record(at: offset, size: 64)
        try out.storeU64(UInt64(truncatingIfNeeded: info.st_dev), at: 0)
        try out.storeU64(UInt64(truncatingIfNeeded: info.st_ino), at: 8)
        try out.storeU64(UInt64(wasiFileType(mode: info.st_mode).rawValue), at: 16)
        try out.storeU64(UInt64(truncatingIfNeeded: info.st_nlink), at: 24)
        try out.storeU64(UInt64(max(0, info.st_size)), at: 32)
        #if os(Linux)
        try out.storeU64(nanoseconds(info.st_atim), at: 40)
        try out.storeU64(nanoseconds(info.st_mtim), at: 48)
        try out.storeU64(nanoseconds(info.st_ctim), at: 56)
        #else
        try out.storeU64(nanoseconds(info.st_atimespec), at: 40)
        try out.storeU64(nanoseconds(info.st_mtimespec), at: 48)
        try out.storeU64(nanoseconds(info.st_ctimespec), at: 56)
        #endif
    }

    /// A synthetic filestat for descriptors without a host file (pipes, null).
    static func writeStreamFilestat(_ type: WASIFileType, size: Int, _ memory: WASIGuestMemory,
                                    at offset: UInt32) throws(WASIErrno) {
        let out = try memory.record(at: offset, size: 64)
        out.zero()
        try out.storeU8(type.rawValue, at: 16)
        try out.storeU64(1, at: 24)
        try out.storeU64(UInt64(max(0, size)), at: 32)
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
