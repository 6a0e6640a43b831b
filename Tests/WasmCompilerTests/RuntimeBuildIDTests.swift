import CWasmexRuntime
import Testing

/// The build ID that keys the compile cache to one build of the compiler.
@Suite struct RuntimeBuildIDTests {
    @Test func theTestBinaryHasAStableBuildID() {
        var first = [UInt8](repeating: 0, count: 64), second = [UInt8](repeating: 0xFF, count: 64)
        let length = wasmex_build_id(&first, first.count)
        // Swift links with --build-id (a 20-byte SHA-1 by default); 0 would mean no key at all.
        #expect(length >= 8 && length <= 64)
        #expect(wasmex_build_id(&second, second.count) == length)
        #expect(first.prefix(length) == second.prefix(length))
        #expect(first.prefix(length).contains { $0 != 0 })
        // A short buffer gets a prefix and still learns the full length.
        var short = [UInt8](repeating: 0, count: 4)
        #expect(wasmex_build_id(&short, short.count) == length)
        #expect(short[...] == first.prefix(4))
    }
}
