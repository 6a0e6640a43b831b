#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `body` with the process's working directory set to `path`, then restores it.
///
/// The harness is single-threaded while a workload runs, so changing the
/// process-wide directory is safe here.
func withWorkingDirectory<T>(_ path: String, _ body: () throws(BenchError) -> T) throws(BenchError) -> T {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    guard getcwd(&buffer, buffer.count) != nil else { throw .io(path: ".", reason: "cannot read the working directory") }
    let previous = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    guard chdir(path) == 0 else { throw .io(path: path, reason: "cannot change into directory") }
    defer { _ = chdir(previous) }
    return try body()
}

/// An unlinked temporary file a program's stdout or stderr is written to
/// (a file, unlike a pipe, never blocks the writer).
final class CaptureFile {
    let descriptor: Int32

    init() throws(BenchError) {
        var template = Array("/tmp/wasmex-bench-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard fd >= 0 else { throw .io(path: "/tmp", reason: "cannot create a temporary file") }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        unlink(path)
        descriptor = fd
    }

    deinit { close(descriptor) }

    /// Everything written so far.
    func contents() -> [UInt8] {
        let size = lseek(descriptor, 0, SEEK_END)
        guard size > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: Int(size))
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return -1 }
                return pread(descriptor, base + offset, buffer.count - offset, off_t(offset))
            }
            if count <= 0 { break }
            offset += count
        }
        return Array(bytes.prefix(offset))
    }
}

/// `/dev/null` opened for reading: an empty stdin.
final class NullInput {
    let descriptor: Int32

    init() throws(BenchError) {
        descriptor = open("/dev/null", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .io(path: "/dev/null", reason: "cannot open") }
    }

    deinit { close(descriptor) }
}
