import Glibc

/// Whole-file reads and atomic writes with plain POSIX calls (no Foundation).
enum FileBytes {
    /// The contents of the file at `path`.
    static func read(_ path: String) throws(ArtifactError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ArtifactError.io("cannot open \(path): \(errnoText())") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ArtifactError.io("cannot stat \(path): \(errnoText())") }
        let size = Int(info.st_size)
        guard size >= 0 else { throw ArtifactError.io("cannot read \(path)") }
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let count = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(fd, buffer.baseAddress! + done, size - done)
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw ArtifactError.io("cannot read \(path): \(count == 0 ? "short read" : errnoText())") }
            done += count
        }
        return bytes
    }

    /// Writes `bytes` to `path` through a temporary file and a rename, so
    /// readers never see a partial file.
    static func write(_ bytes: [UInt8], to path: String) throws(ArtifactError) {
        let temporary = "\(path).tmp.\(getpid()).\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ArtifactError.io("cannot create \(temporary): \(errnoText())") }
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                Glibc.write(fd, buffer.baseAddress! + done, bytes.count - done)
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                let reason = errnoText()
                close(fd)
                unlink(temporary)
                throw ArtifactError.io("cannot write \(temporary): \(reason)")
            }
            done += count
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            let reason = errnoText()
            unlink(temporary)
            throw ArtifactError.io("cannot rename \(temporary) to \(path): \(reason)")
        }
    }

    /// Creates `path` (and missing parents) as a directory.
    static func makeDirectory(_ path: String) throws(ArtifactError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw ArtifactError.io("cannot create directory \(prefix): \(errnoText())")
            }
            prefix += "/"
        }
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}
