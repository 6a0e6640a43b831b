#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `fd_read`, `fd_write`, `fd_pread`, `fd_pwrite`, `fd_seek`, `fd_tell`.
///
/// Host reads and writes go straight between the guest's memory and the
/// kernel with `readv`/`writev` over the guest's own iovecs: no copies.
/// Every backend sees the iovecs already cut to `IOV_MAX` entries and
/// `MAX_RW_COUNT` bytes (see `ioVectors(at:count:)`).
extension WASIEnvironment {
    func streamFunctions() -> [WASIHostFunction] {
        [
            define("fd_read", [.i32, .i32, .i32, .i32]) { [self] memory, a throws(WASIErrno) in
                let vectors = try memory.ioVectors(at: a.u32(1), count: a.u32(2))
                let count = try transfer(a.u32(0), vectors, write: false, offset: nil, interruption: memory.interruption)
                try memory.storeU32(count, at: a.u32(3))
            },
            define("fd_write", [.i32, .i32, .i32, .i32]) { [self] memory, a throws(WASIErrno) in
                let vectors = try memory.ioVectors(at: a.u32(1), count: a.u32(2))
                let count = try transfer(a.u32(0), vectors, write: true, offset: nil, interruption: memory.interruption)
                try memory.storeU32(count, at: a.u32(3))
            },
            define("fd_pread", [.i32, .i32, .i32, .i64, .i32]) { [self] memory, a throws(WASIErrno) in
                let vectors = try memory.ioVectors(at: a.u32(1), count: a.u32(2))
                let count = try transfer(a.u32(0), vectors, write: false, offset: a.u64(3), interruption: nil)
                try memory.storeU32(count, at: a.u32(4))
            },
            define("fd_pwrite", [.i32, .i32, .i32, .i64, .i32]) { [self] memory, a throws(WASIErrno) in
                let vectors = try memory.ioVectors(at: a.u32(1), count: a.u32(2))
                let count = try transfer(a.u32(0), vectors, write: true, offset: a.u64(3), interruption: nil)
                try memory.storeU32(count, at: a.u32(4))
            },
            define("fd_seek", [.i32, .i64, .i32, .i32]) { [self] memory, a throws(WASIErrno) in
                let offset = Int64(bitPattern: a.u64(1))
                let whence = a.u32(2)
                let needed: WASIRights = (whence == 1 && offset == 0) ? .fdTell : .fdSeek
                let position = try seek(a.u32(0), offset: offset, whence: whence, needing: needed)
                try memory.storeU64(position, at: a.u32(3))
            },
            define("fd_tell", [.i32, .i32]) { [self] memory, a throws(WASIErrno) in
                let position = try seek(a.u32(0), offset: 0, whence: 1, needing: .fdTell)
                try memory.storeU64(position, at: a.u32(1))
            },
        ]
    }

    /// Moves data between the guest's buffers and a descriptor; returns the
    /// byte count. With `interruption`, a read from a blocking host stream
    /// first waits (interruptibly) until there is something to read, and a
    /// write to one until it can take data; the write then moves at most
    /// ``streamWriteSlice`` bytes (a short write, which WASI allows and libc
    /// loops over), because that much fits once the stream reports writable
    /// and so cannot block. Without the slice, a reader that stops reading
    /// (a full pipe) would hold the call in `writev` where no timeout or
    /// ``WASIInterruption`` can reach it.
    private func transfer(_ fd: UInt32, _ vectors: [UnsafeMutableRawBufferPointer], write: Bool, offset: UInt64?,
                          interruption: WASIInterruption?) throws(WASIErrno) -> UInt32 {
        var vectors = vectors
        let entry = try descriptor(fd)
        var needed: WASIRights = write ? .fdWrite : .fdRead
        if offset != nil { needed.insert(.fdSeek) }
        switch entry.backing {
        case .directory:
            throw .isdir
        case .null:
            try entry.require(write ? .fdWrite : .fdRead)
            return write ? Self.total(vectors) : 0
        case .pipe(let pipe):
            if offset != nil { throw .spipe }
            try entry.require(needed)
            var count = 0
            for vector in vectors {
                if write {
                    count += pipe.write(UnsafeRawBufferPointer(vector))
                } else {
                    let got = pipe.read(into: vector)
                    count += got
                    if got < vector.count { break }
                }
            }
            return UInt32(clamping: count)
        case .file(let host):
            try entry.require(needed)
            if let offset, offset > UInt64(Int64.max) { throw .inval }
            if let interruption, entry.fileType != .regularFile, fcntl(host.raw, F_GETFL) & O_NONBLOCK == 0 {
                if write {
                    try PollWait.awaitWritable(host.raw, interruption: interruption)
                    vectors = Self.prefix(of: vectors, bytes: Self.streamWriteSlice)
                } else {
                    try PollWait.awaitReadable(host.raw, interruption: interruption)
                }
            }
            var iovecs = vectors.map { iovec(iov_base: $0.baseAddress, iov_len: $0.count) }
            let count = try iovecs.withUnsafeMutableBufferPointer { buffer throws(WASIErrno) -> Int in
                let base = buffer.baseAddress
                let length = Int32(buffer.count)  // at most maxIOVectors
                return try hostCall { () -> Int in
                    switch (write, offset) {
                    case (true, nil): writev(host.raw, base, length)
                    case (false, nil): readv(host.raw, base, length)
                    case (true, let at?): pwritev(host.raw, base, length, off_t(at))
                    case (false, let at?): preadv(host.raw, base, length, off_t(at))
                    }
                }
            }
            return UInt32(clamping: count)
        }
    }

    /// The most one interruptible write to a blocking host stream moves:
    /// `PIPE_BUF`, what a pipe reporting `POLLOUT` has room for (one free
    /// page) and what POSIX writes to a pipe atomically.
    static let streamWriteSlice = 4096

    /// The leading `bytes` bytes of `vectors` (the last vector cut short).
    static func prefix(of vectors: [UnsafeMutableRawBufferPointer], bytes: Int) -> [UnsafeMutableRawBufferPointer] {
        var remaining = bytes
        var result: [UnsafeMutableRawBufferPointer] = []
        for vector in vectors where remaining > 0 {
            let length = min(vector.count, remaining)
            result.append(UnsafeMutableRawBufferPointer(rebasing: vector[0..<length]))
            remaining -= length
        }
        return result
    }

    private static func total(_ vectors: [UnsafeMutableRawBufferPointer]) -> UInt32 {
        UInt32(clamping: vectors.reduce(0) { $0 + $1.count })
    }

    private func seek(_ fd: UInt32, offset: Int64, whence: UInt32, needing rights: WASIRights) throws(WASIErrno) -> UInt64 {
        let hostWhence: Int32
        switch whence {
        case 0: hostWhence = SEEK_SET
        case 1: hostWhence = SEEK_CUR
        case 2: hostWhence = SEEK_END
        default: throw .inval
        }
        let entry = try descriptor(fd)
        switch entry.backing {
        case .directory: throw .badf
        case .pipe: throw .spipe
        case .null:
            try entry.require(rights)
            return 0
        case .file(let host):
            try entry.require(rights)
            let position = try hostCall { lseek(host.raw, off_t(offset), hostWhence) }
            guard let unsigned = UInt64(exactly: position) else { throw .inval }
            return unsigned
        }
    }
}
