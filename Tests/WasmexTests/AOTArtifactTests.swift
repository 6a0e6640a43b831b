import Foundation
import Testing
import WasmCompiler
import Wasmex

/// Serialize / deserialize round trips and every way a bad artifact is refused.
@Suite struct AOTArtifactTests {
    static let wat = """
    (module $aot
      (memory (export "mem") 1)
      (data (i32.const 8) "hi")
      (func $fact (export "fact") (param i64) (result i64)
        (if (result i64) (i64.le_u (local.get 0) (i64.const 1))
          (then (i64.const 1))
          (else (i64.mul (local.get 0) (call $fact (i64.sub (local.get 0) (i64.const 1)))))))
      (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0))))
    """

    static func object() throws -> [UInt8] {
        try Module(engine: APIFixture.engine, text: wat).serialize()
    }

    /// The AOT error a deserialize of `bytes` throws, or nil if it loaded.
    static func refusal(_ bytes: [UInt8]) -> AOTError? {
        do {
            _ = try Module.deserialize(engine: APIFixture.engine, bytes: bytes)
            return nil
        } catch {
            if case .incompatible(let reason) = error { return reason }
            Issue.record("expected an incompatible-artifact error, got \(error)")
            return nil
        }
    }

    @Test func roundTripRunsWithoutRecompiling() throws {
        let bytes = try Self.object()
        #expect(Array(bytes.prefix(4)) == [0x7F, 0x45, 0x4C, 0x46])
        let module = try Module.deserialize(engine: APIFixture.engine, bytes: bytes)
        #expect(module.exports.map(\.name) == ["mem", "fact", "load"])
        let instance = try Instance(store: Store(engine: APIFixture.engine), module: module)
        #expect(try instance.call("fact", [.i64(20)]) == [.i64(2_432_902_008_176_640_000)])
        #expect(try instance.call("load", [.i32(9)]) == [.i32(Int32(UInt8(ascii: "i")))])
        // A deserialized module serializes to the very same bytes.
        #expect(try module.serialize() == bytes)
    }

    @Test func truncatedObjectIsRefused() throws {
        let bytes = try Self.object()
        for length in [0, 3, 40, bytes.count / 2, bytes.count - 1] {
            #expect(Self.refusal(Array(bytes.prefix(length))) != nil, "length \(length)")
        }
    }

    @Test func flippedHashByteIsRefused() throws {
        var bytes = try Self.object()
        let metadata = try AOTArtifact.metadata(of: bytes)
        let hashStart = try #require(Self.range(of: metadata.wasmHash, in: bytes)).lowerBound
        bytes[hashStart] ^= 0x01
        #expect(Self.refusal(bytes) == .hashMismatch)
    }

    @Test func foreignObjectFromCIsRefused() throws {
        let scratch = try SpecTestSupport.makeScratch()
        defer { SpecTestSupport.removeScratch(scratch) }
        try "int answer(void) { return 42; }\n".write(toFile: scratch + "/a.c", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["cc", "-c", scratch + "/a.c", "-o", scratch + "/a.o"]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "cc is needed for this test")
        let foreign = [UInt8](try Data(contentsOf: URL(fileURLWithPath: scratch + "/a.o")))
        #expect(Self.refusal(foreign) == .missingMetadata)
    }

    @Test func randomBytesAreRefused() {
        var generator = SystemRandomNumberGenerator()
        for count in [1, 64, 4096] {
            let noise = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(Self.refusal(noise) != nil)
        }
        #expect(Self.refusal(Array("(module)".utf8)) != nil)
    }

    @Test func wrongTripleAndOptionsAreRefused() throws {
        let bytes = try Self.object()
        let host = HostTarget.current
        let elsewhere = HostTarget(triple: "aarch64-unknown-linux-gnu", cpuName: host.cpuName, cpuFeatures: host.cpuFeatures)
        #expect(throws: AOTError.targetTriple(found: host.triple, host: elsewhere.triple)) {
            try AOTArtifact.read(bytes, host: elsewhere)
        }
        let other = try Engine(Engine.Configuration(optimization: .o0))
        do {
            _ = try Module.deserialize(engine: other, bytes: bytes)
            Issue.record("an O2 object loaded into an O0 engine")
        } catch {
            guard case .incompatible(.options) = error else { Issue.record("unexpected \(error)"); return }
        }
    }

    @Test func missingCPUFeatureIsRefused() throws {
        let host = HostTarget.current
        let poorHost = HostTarget(triple: host.triple, cpuName: "x86-64", cpuFeatures: "+sse2")
        #expect(throws: AOTError.self) { try AOTArtifact.read(try Self.object(), host: poorHost) }
    }

    @Test func compileCacheHitLoadsTheStoredObject() throws {
        let scratch = try SpecTestSupport.makeScratch()
        defer { SpecTestSupport.removeScratch(scratch) }
        let engine = try Engine(Engine.Configuration(cacheDirectory: scratch + "/cache", compilation: .eager))
        let first = try Module(engine: engine, text: Self.wat)
        let files = try FileManager.default.contentsOfDirectory(atPath: scratch + "/cache")
        #expect(files.count == 1)
        let second = try Module(engine: engine, text: Self.wat)
        // The hit loaded the cached object, byte for byte.
        #expect(second.compiled.objectBytes == first.compiled.objectBytes)
        let stored = [UInt8](try Data(contentsOf: URL(fileURLWithPath: scratch + "/cache/" + files[0])))
        #expect(EntrySeal.open(stored) == second.compiled.objectBytes)
        let instance = try Instance(store: Store(engine: engine), module: second)
        #expect(try instance.call("fact", [.i64(5)]) == [.i64(120)])
    }

    static func range(of needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return start..<(start + needle.count) }
        }
        return nil
    }
}
