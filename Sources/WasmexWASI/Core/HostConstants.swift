#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Host constants that Swift's Glibc overlay does not import (they sit behind
/// `_GNU_SOURCE` or are macros). Values are Linux's generic ABI.
enum HostConstants {
    #if os(Linux)
    /// `O_PATH`: a descriptor for walking, not for I/O.
    static let openPath: Int32 = 0o10000000
    /// `UTIME_NOW` / `UTIME_OMIT` for `utimensat`/`futimens`.
    static let utimeNow = (1 << 30) - 1
    static let utimeOmit = (1 << 30) - 2
    #else
    static let openPath: Int32 = O_RDONLY
    static let utimeNow = Int(UTIME_NOW)
    static let utimeOmit = Int(UTIME_OMIT)
    #endif
    /// `IOV_MAX`: the most buffers one `readv`/`writev` takes.
    static let maxIOVectors = 1024
    /// The most bytes one read or write moves (Linux's `MAX_RW_COUNT`:
    /// `INT_MAX` rounded down to a page), so a byte count always fits the
    /// guest's 32-bit result and in-memory pipes never grow by more per call.
    static let maxTransferBytes = 0x7FFF_F000
}
