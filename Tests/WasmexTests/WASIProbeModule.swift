import Foundation
import Testing
import Wasmex

/// A real Wasm module that imports some `wasi_snapshot_preview1` functions
/// and exports, under the same name and signature, a function that only
/// forwards its arguments to the import, plus its `memory`.
///
/// Tests write a call's arguments into memory and call the wrapper, so each
/// call goes through the compiled code and the engine's WASI bridge exactly
/// as a program's call would, with guest pointers of the test's choosing.
final class WASIProbe {
    let instance: Instance
    let memory: Memory
    private let parameters: [String: [WASIValueType]]

    /// Instantiates a probe for `functions` with `pages` pages of memory.
    init(_ functions: [String], pages: Int = 1, options: WasiOptions, engine: Engine? = nil) throws {
        let engine = try #require(engine ?? WASIEngineTests.engine, "cannot create the engine")
        let signatures = try WASIEnvironment(options: WasiOptions(stdout: .null, stderr: .null))
        var parameters: [String: [WASIValueType]] = [:]
        for name in functions {
            parameters[name] = try #require(signatures.hostFunction(named: name), "no WASI function \(name)").parameters
        }
        self.parameters = parameters
        let module = try Module(engine: engine, text: Self.text(parameters, pages: pages))
        instance = try Instance(store: Store(engine: engine), module: module, wasi: options)
        guard case .memory(let memory)? = instance.export(named: "memory") else {
            throw FakeGuestError.noSuchFunction("memory")
        }
        self.memory = memory
    }

    /// The module's text: one import and one forwarding export per function.
    private static func text(_ functions: [String: [WASIValueType]], pages: Int) -> String {
        var text = "(module\n"
        for (name, parameters) in functions.sorted(by: { $0.key < $1.key }) {
            let types = parameters.map { $0 == .i32 ? "i32" : "i64" }.joined(separator: " ")
            text += "  (import \"wasi_snapshot_preview1\" \"\(name)\" (func $\(name) (param \(types)) (result i32)))\n"
        }
        text += "  (memory (export \"memory\") \(pages))\n"
        for (name, parameters) in functions.sorted(by: { $0.key < $1.key }) {
            let types = parameters.map { $0 == .i32 ? "i32" : "i64" }.joined(separator: " ")
            let forwarded = parameters.indices.map { "(local.get \($0))" }.joined(separator: " ")
            text += "  (func (export \"\(name)\") (param \(types)) (result i32) (call $\(name) \(forwarded)))\n"
        }
        return text + ")\n"
    }

    /// Calls the wrapper of `name` (i32 arguments are truncated to 32 bits)
    /// and returns the errno it returned.
    func call(_ name: String, _ arguments: UInt64...) throws -> WASIErrno? {
        let types = try #require(parameters[name], "probe has no \(name)")
        try #require(types.count == arguments.count, "\(name) takes \(types.count) arguments")
        let values: [Value] = zip(types, arguments).map { type, bits in
            type == .i32 ? .i32(Int32(bitPattern: UInt32(truncatingIfNeeded: bits))) : .i64(Int64(bitPattern: bits))
        }
        guard case .i32(let errno)? = try instance.call(name, values).first else { return nil }
        return WASIErrno(rawValue: UInt16(truncatingIfNeeded: errno))
    }

    /// Writes `bytes` at `address`.
    func write(_ bytes: [UInt8], at address: UInt32) throws {
        try memory.write(bytes, at: Int(address))
    }

    /// Writes `text` as UTF-8 at `address` and returns its length.
    @discardableResult
    func write(_ text: String, at address: UInt32) throws -> UInt32 {
        try write(Array(text.utf8), at: address)
        return UInt32(text.utf8.count)
    }

    /// Writes little-endian 32-bit words at `address`.
    func write(words: [UInt32], at address: UInt32) throws {
        try write(words.flatMap { withUnsafeBytes(of: $0.littleEndian, Array.init) }, at: address)
    }

    /// Writes little-endian 64-bit words at `address`.
    func write(longs: [UInt64], at address: UInt32) throws {
        try write(longs.flatMap { withUnsafeBytes(of: $0.littleEndian, Array.init) }, at: address)
    }

    func read(_ address: UInt32, count: Int) throws -> [UInt8] {
        try memory.read(at: Int(address), count: count)
    }

    func u16(_ address: UInt32) throws -> UInt16 {
        try read(address, count: 2).withUnsafeBytes { UInt16(littleEndian: $0.loadUnaligned(as: UInt16.self)) }
    }

    func u32(_ address: UInt32) throws -> UInt32 {
        try read(address, count: 4).withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) }
    }

    func u64(_ address: UInt32) throws -> UInt64 {
        try read(address, count: 8).withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
    }

    /// `path_open` of `path` (written at `scratch`) under directory `fd`;
    /// the new descriptor is stored at `scratch + 0x100`. Returns (errno, fd).
    func open(_ fd: UInt32, _ path: String, oflags: UInt64 = 0, rights: UInt64 = 0x1FFF_FFFF,
              fdflags: UInt64 = 0, scratch: UInt32 = 0x8000) throws -> (WASIErrno?, UInt32) {
        let length = try write(path, at: scratch)
        let errno = try call("path_open", UInt64(fd), 0, UInt64(scratch), UInt64(length), oflags, rights, rights,
                             fdflags, UInt64(scratch + 0x100))
        return (errno, try u32(scratch + 0x100))
    }
}
