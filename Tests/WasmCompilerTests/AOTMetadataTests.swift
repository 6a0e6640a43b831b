import Testing
@testable import WasmCompiler

/// The AOT metadata codec and the hash it relies on.
@Suite struct AOTMetadataTests {
    @Test func sha256MatchesKnownVectors() {
        #expect(SHA256.hexHash([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hexHash(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let twoBlocks = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(SHA256.hexHash(twoBlocks) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hexHash([UInt8](repeating: 0x61, count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    static let sample = AOTMetadata(target: HostTarget(triple: "x86_64-pc-linux-gnu", cpuName: "znver3", cpuFeatures: "+avx2,+sse4.2"),
                                    options: CompilerOptions(optimization: .o3, epochInterruption: true, consumeFuel: false),
                                    escapingFunctions: [1, 4, 7], convention: .tail, wasm: [0, 0x61, 0x73, 0x6D, 1, 0, 0, 0])

    @Test func metadataRoundTrips() throws {
        let encoded = Self.sample.encoded()
        let decoded = try encoded.withUnsafeBytes { (bytes) throws -> AOTMetadata in try AOTMetadata.decode(bytes) }
        #expect(decoded == Self.sample)
        #expect(decoded.compilerOptions?.optimization == .o3)
        #expect(decoded.compilerOptions?.epochInterruption == true)
    }

    @Test func everyTruncationIsATypedError() {
        let encoded = Self.sample.encoded()
        for length in 0..<encoded.count {
            let cut = Array(encoded.prefix(length))
            #expect(throws: AOTError.self) {
                try cut.withUnsafeBytes { (bytes) throws -> AOTMetadata in try AOTMetadata.decode(bytes) }
            }
        }
    }

    @Test func hugeCountsAreRefusedBeforeAllocating() {
        var encoded = Self.sample.encoded()
        // The escaping-function count sits right after the 32-byte hash; claim 2^32-1 entries.
        let hash = Self.sample.wasmHash
        guard let hashStart = (0...(encoded.count - hash.count)).first(where: { Array(encoded[$0..<($0 + hash.count)]) == hash }) else {
            Issue.record("hash not found")
            return
        }
        for offset in 0..<4 { encoded[hashStart + 32 + offset] = 0xFF }
        #expect(throws: AOTError.corruptMetadata("escaping function count too large")) {
            try encoded.withUnsafeBytes { (bytes) throws -> AOTMetadata in try AOTMetadata.decode(bytes) }
        }
    }

    @Test func versionMismatchIsReported() {
        var encoded = Self.sample.encoded()
        encoded[8] = 99
        #expect(throws: AOTError.formatVersion(found: 99, expected: AOTMetadata.currentFormatVersion)) {
            try encoded.withUnsafeBytes { (bytes) throws -> AOTMetadata in try AOTMetadata.decode(bytes) }
        }
    }
}
