import Foundation
import WasmexWASI

/// A fake linear memory and a way to call WASI host functions by name,
/// for testing the WASI layer without an engine.
final class FakeGuest {
    var memory: [UInt8]
    let environment: WASIEnvironment
    private let functions: [String: WASIHostFunction]
    /// Next free byte for `put`; the first 1 KiB is left for results.
    private var heap: UInt32 = 1024

    init(_ options: WasiOptions, pages: Int = 1) throws {
        memory = [UInt8](repeating: 0, count: pages * 65536)
        environment = try WASIEnvironment(options: options)
        functions = Dictionary(uniqueKeysWithValues: environment.hostFunctions().map { ($0.name, $0) })
    }

    /// Calls `name` and returns its errno (or throws what it throws, e.g. WASIExit).
    @discardableResult
    func call(_ name: String, _ arguments: UInt64...) throws -> WASIErrno? {
        guard let function = functions[name] else { throw FakeGuestError.noSuchFunction(name) }
        let results = try memory.withUnsafeMutableBytes { try function.call(WASIGuestMemory($0), arguments) }
        return results.first.flatMap { WASIErrno(rawValue: UInt16(truncatingIfNeeded: $0)) }
    }

    /// Copies bytes into memory and returns their address.
    /// The scratch heap wraps around, so long loops can keep allocating.
    func put(_ bytes: [UInt8]) -> UInt32 {
        if Int(heap) + bytes.count > memory.count / 2 { heap = 1024 }
        let address = heap
        memory.replaceSubrange(Int(address)..<Int(address) + bytes.count, with: bytes)
        heap += UInt32(bytes.count + 7) & ~7
        return address
    }

    func put(_ text: String) -> (UInt32, UInt32) {
        let bytes = Array(text.utf8)
        return (put(bytes), UInt32(bytes.count))
    }

    /// Reserves zeroed bytes and returns their address.
    func reserve(_ count: Int) -> UInt32 { put([UInt8](repeating: 0, count: count)) }

    /// An iovec array with one entry `(buffer, length)`.
    func iovec(_ buffer: UInt32, _ length: UInt32) -> UInt32 {
        put(withUnsafeBytes(of: buffer.littleEndian, Array.init) + withUnsafeBytes(of: length.littleEndian, Array.init))
    }

    func u32(_ address: UInt32) -> UInt32 {
        memory.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: Int(address), as: UInt32.self) }
    }

    func u64(_ address: UInt32) -> UInt64 {
        memory.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: Int(address), as: UInt64.self) }
    }

    func bytes(_ address: UInt32, _ count: Int) -> [UInt8] {
        Array(memory[Int(address)..<Int(address) + count])
    }

    /// `path_open` relative to `directory`; returns (errno, new fd).
    func open(_ directory: UInt32, _ path: String, oflags: UInt64 = 0, rights: UInt64 = 0x1FFF_FFFF,
              follow: Bool = false) throws -> (WASIErrno?, UInt32) {
        let (pointer, length) = put(path)
        let out = reserve(4)
        let errno = try call("path_open", UInt64(directory), follow ? 1 : 0, UInt64(pointer), UInt64(length),
                             oflags, rights, rights, 0, UInt64(out))
        return (errno, u32(out))
    }

    /// Writes `text` to `fd` with `fd_write`.
    func write(_ fd: UInt32, _ text: String) throws -> WASIErrno? {
        let (pointer, length) = put(text)
        return try call("fd_write", UInt64(fd), UInt64(iovec(pointer, length)), 1, UInt64(reserve(4)))
    }

    /// Reads up to `count` bytes from `fd` with `fd_read`.
    func read(_ fd: UInt32, count: Int) throws -> (WASIErrno?, [UInt8]) {
        let buffer = reserve(count)
        let used = reserve(4)
        let errno = try call("fd_read", UInt64(fd), UInt64(iovec(buffer, UInt32(count))), 1, UInt64(used))
        return (errno, bytes(buffer, Int(u32(used))))
    }
}

enum FakeGuestError: Error { case noSuchFunction(String) }

/// A fresh temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("wasmex-wasi-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func file(_ name: String, _ contents: String) throws {
        try Data(contents.utf8).write(to: url.appendingPathComponent(name))
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
