/// Decoding the `iovec`/`ciovec` arrays of `fd_read`, `fd_write`, `fd_pread`
/// and `fd_pwrite`.
///
/// A guest can pass millions of iovecs (and many of them can cover the same
/// gigabytes of its memory). The host never works on more than
/// ``HostConstants/maxIOVectors`` of them, nor on more than
/// ``HostConstants/maxTransferBytes`` in one call: entries past those limits
/// are not even read, so what the host allocates is a small constant, and the
/// call is a short read or write, which POSIX allows and every caller handles
/// by looping (Linux's `readv`/`writev` clamp the same way).
extension WASIGuestMemory {
    /// The guest buffers named by the `count` entries (8 bytes each) at
    /// `offset`, cut to the limits above. The whole array must lie inside
    /// memory, and so must every buffer that is used (`fault` otherwise).
    func ioVectors(at offset: UInt32, count: UInt32) throws(WASIErrno) -> [UnsafeMutableRawBufferPointer] {
        try checkArray(at: offset, count: count, stride: 8)
        let used = min(Int(count), HostConstants.maxIOVectors)
        var vectors: [UnsafeMutableRawBufferPointer] = []
        vectors.reserveCapacity(used)
        var room = HostConstants.maxTransferBytes
        for index in 0..<used {
            if room == 0 { break }
            let entry = try element(UInt32(index), of: offset, stride: 8)
            let length = try entry.loadU32(4)
            let buffer = try bytes(at: try entry.loadU32(0), count: length)
            let taken = min(buffer.count, room)
            vectors.append(taken == buffer.count ? buffer : UnsafeMutableRawBufferPointer(rebasing: buffer[0..<taken]))
            room -= taken
        }
        return vectors
    }
}
