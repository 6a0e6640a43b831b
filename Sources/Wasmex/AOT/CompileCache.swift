import CWasmexRuntime
import Glibc
import WasmCompiler
import WasmFrontend

/// The on-disk compile cache (``Engine/Configuration/cacheDirectory``; on by
/// default in `wasmex run`, opt-in in the library).
///
/// An entry is an AOT object named after a SHA-256 of everything that changes
/// the code: the Wasm bytes, the code-affecting options, the LLVM version, the
/// host target and CPU features, the artifact format version, the Wasmex
/// version and the build ID of the compiler binary itself. Entries are
/// stored fully optimised at the engine's level, so a hit runs exactly the
/// code a compile would have produced.
///
/// - Writes are atomic (a temporary file, then a rename): a reader never sees
///   half an entry, and concurrent writers of one entry both leave a whole one.
/// - Every entry ends with a checksum of its object (``EntrySeal``). A hit is
///   loaded only if that digest matches and the object's own metadata passes
///   the AOT checks for this module and engine; anything else (a truncated,
///   corrupted or stale file) is ignored, recompiled and replaced. The digest
///   guards against damage, not against someone who can write the cache
///   directory: that person could write any file the process loads.
/// - A hit refreshes the entry's modification time, and after each store the
///   cache evicts the least recently used entries until it fits
///   ``Engine/Configuration/cacheSizeLimit``.
/// - A cache that cannot be read or written is never an error: the module
///   compiles as if there were no cache.
enum CompileCache {
    /// The compiled code for `wasm`, from `directory` if present, else compiled and stored.
    ///
    /// `limits` is checked once, before the lookup, so it applies to hits too
    /// (a cached object must not make acceptable a module the engine would
    /// refuse to compile); nil when the caller has checked it already.
    static func compiled(_ wasm: WasmModule, options: CompilerOptions, limits: CompileLimits?, directory: String,
                         sizeLimit: Int) throws(WasmexError) -> CompiledModule {
        do { try limits?.check(wasm) } catch { throw WasmexError.compile(error) }
        if let hit = lookup(wasm, options: options, directory: directory) { return hit }
        let compiled: CompiledModule
        do {
            compiled = try AOTCompiler.compile(wasm, name: wasm.names.moduleName ?? "wasm", options: options, limits: nil)
        } catch {
            if case .compile(let inner) = error { throw WasmexError.compile(inner) }
            throw WasmexError.compile(.llvm(error.description))
        }
        store(compiled, for: wasm, options: options, directory: directory, sizeLimit: sizeLimit)
        return compiled
    }

    /// The cached object for `wasm` compiled with `options`, if a valid one
    /// is stored (a hit counts as a use for eviction). A corrupt, stale or
    /// foreign entry is a miss, never loaded; the next store replaces it.
    static func lookup(_ wasm: WasmModule, options: CompilerOptions, directory: String) -> CompiledModule? {
        let path = entryPath(wasm, options: options, directory: directory)
        guard let entry = try? FileBytes.read(path), let object = EntrySeal.open(entry),
              let artifact = try? AOTArtifact.read(object, requiredOptions: options, validated: wasm),
              artifact.metadata.wasm == wasm.bytes else { return nil }
        CacheDirectory.touch(path)
        return artifact.compiled
    }

    /// Stores `compiled` (an AOT object of `wasm`) atomically, then evicts
    /// the least recently used entries until the cache fits `sizeLimit`.
    /// A cache that cannot be written is skipped silently: it only saves time.
    static func store(_ compiled: CompiledModule, for wasm: WasmModule, options: CompilerOptions, directory: String,
                      sizeLimit: Int) {
        let path = entryPath(wasm, options: options, directory: directory)
        try? FileBytes.makeDirectory(directory)
        if (try? FileBytes.write(EntrySeal.seal(compiled.objectBytes), to: path)) != nil {
            CacheDirectory.evict(directory, toFit: sizeLimit, keeping: path)
        }
    }

    static func entryPath(_ wasm: WasmModule, options: CompilerOptions, directory: String) -> String {
        let host = HostTarget.current
        let key = [SHA256.hexHash(wasm.bytes), AOTMetadata.optionsKey(options), llvmVersionString(),
                   host.triple, host.cpuName, host.cpuFeatures, "v\(AOTMetadata.currentFormatVersion)",
                   Engine.version, compilerBuild].joined(separator: "\n")
        let name = SHA256.hexHash(Array(key.utf8))
        let separator = directory.hasSuffix("/") ? "" : "/"
        return directory + separator + name + CacheDirectory.entrySuffix
    }
}

/// The GNU build ID of the binary the compiler is linked into (hex), or "" if
/// it has none. Part of every cache key: a rebuilt compiler may generate
/// different code for the same options without any version changing, and it
/// must never load what an older build stored.
let compilerBuild: String = {
    var id = [UInt8](repeating: 0, count: 64)
    let length = wasmex_build_id(&id, id.count)
    return SHA256.hex(Array(id.prefix(min(length, id.count))))
}()

/// The integrity trailer of a cache entry: the object, then a magic word,
/// then a 64-bit checksum of the object and its length.
///
/// The seal detects damage (a torn write, a truncated or bit-flipped file),
/// not tampering: anyone who can write the cache directory can write a valid
/// seal too. So it is a fast checksum rather than a cryptographic hash: on a
/// cache hit for a 600 KB object SHA-256 cost about 5 ms, more than the rest
/// of loading; this costs well under 1 ms. Each 8-byte word goes through an
/// invertible mix, so any single damaged word, and any change of length,
/// changes the checksum.
package enum EntrySeal {
    static let magic: [UInt8] = Array("WXSEAL02".utf8)
    package static let trailerSize = 8 + 8

    /// `object` followed by its trailer.
    package static func seal(_ object: [UInt8]) -> [UInt8] {
        var sealed = object
        sealed.reserveCapacity(object.count + trailerSize)
        sealed += magic
        withUnsafeBytes(of: checksum(object[...]).littleEndian) { sealed += $0 }
        return sealed
    }

    /// The object inside `entry` if its trailer is present and its checksum matches; else nil.
    package static func open(_ entry: [UInt8]) -> [UInt8]? {
        guard entry.count > trailerSize else { return nil }
        let objectEnd = entry.count - trailerSize
        guard entry[objectEnd..<objectEnd + 8].elementsEqual(magic) else { return nil }
        var stored: UInt64 = 0
        for (shift, byte) in entry[(objectEnd + 8)...].enumerated() { stored |= UInt64(byte) << (8 * UInt64(shift)) }
        let object = entry[..<objectEnd]
        guard checksum(object) == stored else { return nil }
        return Array(object)
    }

    /// A 64-bit checksum of `bytes` (words mixed by multiply and rotate, then the length).
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.withUnsafeBytes { raw -> UInt64 in
            var hash: UInt64 = 0x9E37_79B9_7F4A_7C15
            var offset = 0
            while offset + 8 <= raw.count {
                let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                hash = mix(hash ^ word)
                offset += 8
            }
            var tail: UInt64 = 0
            for index in offset..<raw.count { tail |= UInt64(raw[index]) << (8 * UInt64(index - offset)) }
            hash = mix(hash ^ tail)
            return mix(hash ^ UInt64(raw.count))
        }
    }

    @inline(__always) static func mix(_ value: UInt64) -> UInt64 {
        let product = value &* 0xFF51_AFD7_ED55_8CCD
        return (product << 29 | product >> 35) &* 0xC4CE_B9FE_1A85_EC53
    }
}

/// Least-recently-used bookkeeping over the entries of a cache directory,
/// using each file's modification time as its last use.
package enum CacheDirectory {
    package static let entrySuffix = ".wasmex.o"
    /// Temporary files older than this are left over from a crashed writer.
    static let staleTemporarySeconds = 3600

    /// Marks the entry at `path` as just used.
    static func touch(_ path: String) {
        _ = utimensat(AT_FDCWD, path, nil, 0)
    }

    struct Entry {
        var path: String
        var size: Int
        var lastUse: timespec
    }

    /// Deletes least recently used entries until the directory's entries total
    /// at most `limit` bytes; `keeping` (the entry just stored) goes last.
    static func evict(_ directory: String, toFit limit: Int, keeping: String) {
        var entries = list(directory)
        var total = entries.reduce(0) { $0 + $1.size }
        guard total > limit else { return }
        entries.sort { a, b in
            if a.path == keeping { return false }
            if b.path == keeping { return true }
            return (a.lastUse.tv_sec, a.lastUse.tv_nsec) < (b.lastUse.tv_sec, b.lastUse.tv_nsec)
        }
        for entry in entries where total > limit {
            if unlink(entry.path) == 0 || errno == ENOENT { total -= entry.size }
        }
    }

    /// The entries of `directory`; removes temporary files a crashed writer left behind.
    static func list(_ directory: String) -> [Entry] {
        guard let stream = opendir(directory) else { return [] }
        defer { closedir(stream) }
        let separator = directory.hasSuffix("/") ? "" : "/"
        var entries: [Entry] = []
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        while let record = readdir(stream) {
            let name = withUnsafeBytes(of: record.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            let path = directory + separator + name
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            if name.hasSuffix(entrySuffix) {
                entries.append(Entry(path: path, size: Int(info.st_size), lastUse: info.st_mtim))
            } else if name.contains(entrySuffix + ".tmp."), now.tv_sec - info.st_mtim.tv_sec > staleTemporarySeconds {
                unlink(path)
            }
        }
        return entries
    }
}
