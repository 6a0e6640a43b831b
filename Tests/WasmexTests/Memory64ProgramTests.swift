import Foundation
import Testing
import Wasmex

/// A C program compiled for wasm64 (`Fixtures/memory64/pointers64.c`, built by its
/// `build.sh`): 64-bit pointers, i64 memory.size/grow, a store past 4 GiB.
@Suite struct Memory64ProgramTests {
    static let path = SpecTestSupport.fixture("memory64/pointers64.wasm")

    @Test func runsThroughTheAPI() throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.path)))
        let instance = try Instance(store: Store(engine: APIFixture.engine), bytes: bytes)
        #expect(try instance.memory().type.addressType == .i64)
        #expect(try instance.call("pointer_size") == [.i64(8)])
        #expect(try instance.call("list_sum", [.i32(1000)]) == [.i64(332_833_500)])
        #expect(try instance.call("count_primes", [.i64(100_000)]) == [.i64(9592)])
        // Past 4 GiB: the memory grows to 65,537 pages and the value round-trips.
        let far: Int64 = 0x1_0000_0068
        #expect(try instance.call("store_at", [.i64(far), .i64(1_234_567_890_123)]) == [.i64(1_234_567_890_123)])
        #expect(try instance.call("pages") == [.i64(65_537)])
        #expect(try instance.memory().read(at: Int(far), count: 2) == [0xCB, 0x04])
    }

    @Test(.enabled(if: CLIHarness.binary != nil))
    func runsFromTheCommandLineJITAndAOT() throws {
        let output = try CLIHarness.run(["run", "--invoke", "count_primes", Self.path, "1000000"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "78498")
        let far = try CLIHarness.run(["run", "--max-memory-size", "8G", "--invoke", "store_at", Self.path, "4294967400", "77"])
        #expect(far.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "77", "\(far.stderr)")

        let scratch = try SpecTestSupport.makeScratch()
        defer { SpecTestSupport.removeScratch(scratch) }
        let object = scratch + "/pointers64.o"
        let compiled = try CLIHarness.run(["compile", Self.path, "-o", object])
        #expect(compiled.status == 0, "\(compiled.stderr)")
        let aot = try CLIHarness.run(["run", "--allow-precompiled", "--invoke", "list_sum", object, "1000"])
        #expect(aot.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "332833500", "\(aot.stderr)")
    }
}
