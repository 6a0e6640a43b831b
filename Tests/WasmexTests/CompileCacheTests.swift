import Foundation
import Testing
import Wasmex

/// The compile cache: damaged entries are never loaded, and the cache stays
/// within its size limit by dropping the least recently used entries. The
/// engines here compile eagerly, so each `Module(...)` has written its entry
/// when it returns (a tiered engine writes it from the background; see
/// `TieredCompilationTests.theSecondTierFillsTheCache`).
@Suite struct CompileCacheTests {
    /// A small module whose code differs with `constant`, so each constant is its own entry.
    static func wat(_ constant: Int) -> String {
        """
        (module
          (func (export "f") (param i32) (result i32)
            (i32.add (local.get 0) (i32.const \(constant)))))
        """
    }

    static func entries(_ directory: String) throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(CacheDirectory.entrySuffix) })
    }

    static func read(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    /// Compiles `wat(1)` with a cache, damages its entry with `damage`, and
    /// checks the next compile ignores the damaged entry, runs right, and
    /// leaves a whole entry behind.
    func checkDamagedEntryIsReplaced(_ damage: (inout [UInt8]) -> Void) throws {
        let scratch = try SpecTestSupport.makeScratch()
        defer { SpecTestSupport.removeScratch(scratch) }
        let directory = scratch + "/cache"
        let engine = try Engine(Engine.Configuration(cacheDirectory: directory, compilation: .eager))
        let first = try Module(engine: engine, text: Self.wat(1))
        let name = try #require(try Self.entries(directory).first)
        let path = directory + "/" + name
        var bytes = try Self.read(path)
        #expect(EntrySeal.open(bytes) != nil)
        damage(&bytes)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(EntrySeal.open(bytes) == nil)

        let second = try Module(engine: engine, text: Self.wat(1))
        let instance = try Instance(store: Store(engine: engine), module: second)
        #expect(try instance.call("f", [.i32(41)]) == [.i32(42)])
        // The damaged file was replaced by a whole entry for the same code.
        let replaced = try Self.read(path)
        #expect(EntrySeal.open(replaced) != nil)
        #expect(try Self.entries(directory) == [name])
        _ = first
    }

    @Test func flippedByteInTheCodeIsNotLoaded() throws {
        try checkDamagedEntryIsReplaced { bytes in bytes[bytes.count / 2] ^= 0x5A }
    }

    @Test func truncatedEntryIsNotLoaded() throws {
        try checkDamagedEntryIsReplaced { bytes in bytes.removeLast(bytes.count / 3) }
    }

    @Test func entryWithoutItsSealIsNotLoaded() throws {
        // A bare AOT object (what the cache wrote before entries were sealed).
        try checkDamagedEntryIsReplaced { bytes in bytes.removeLast(EntrySeal.trailerSize) }
    }

    @Test func leastRecentlyUsedEntryIsEvicted() throws {
        let scratch = try SpecTestSupport.makeScratch()
        defer { SpecTestSupport.removeScratch(scratch) }
        let directory = scratch + "/cache"
        var configuration = Engine.Configuration(cacheDirectory: directory, compilation: .eager)
        // Measure one entry, then allow two and a half of them.
        _ = try Module(engine: try Engine(configuration), text: Self.wat(1))
        let entrySize = try Self.read(directory + "/" + (try #require(try Self.entries(directory).first))).count
        try FileManager.default.removeItem(atPath: directory)
        configuration.cacheSizeLimit = entrySize * 5 / 2
        let engine = try Engine(configuration)

        _ = try Module(engine: engine, text: Self.wat(1))
        let a = try Self.entries(directory)
        usleep(20_000)
        _ = try Module(engine: engine, text: Self.wat(2))
        let b = try Self.entries(directory).subtracting(a)
        #expect(a.count == 1 && b.count == 1)
        usleep(20_000)
        _ = try Module(engine: engine, text: Self.wat(1))      // a hit: A is now the most recently used
        usleep(20_000)
        _ = try Module(engine: engine, text: Self.wat(3))      // over the limit: B goes
        let after = try Self.entries(directory)
        #expect(after.count == 2)
        #expect(after.isSuperset(of: a))
        #expect(after.isDisjoint(with: b))
    }
}

@Suite(.enabled(if: SpecTestSupport.available(CLIHarness.binary != nil, otherwise: "wasmex binary not built (set WASMEX_BIN)")))
struct CompileCacheCLITests {
    @Test func secondRunLoadsTheCachedEntry() throws {
        let scratch = try SpecTestSupport.makeScratch()
        defer { SpecTestSupport.removeScratch(scratch) }
        let directory = scratch + "/cache"
        let arguments = ["run", "--cache", directory, "--invoke", "sum", "Fixtures/wasmex/test.wasm", "50", "-8"]
        let first = try CLIHarness.run(arguments)
        #expect(first.status == 0)
        #expect(first.stdout == "42\n")
        // The optimised code is stored by the run's background compile or,
        // when the program ended first, by the `wasmex cache-fill` it started.
        var stored: Set<String> = []
        let deadline = ContinuousClock.now + .seconds(120)
        while stored.isEmpty && ContinuousClock.now < deadline {
            if FileManager.default.fileExists(atPath: directory) { stored = try CompileCacheTests.entries(directory) }
            if stored.isEmpty { Thread.sleep(forTimeInterval: 0.05) }
        }
        #expect(stored.count == 1)
        let entry = try CompileCacheTests.read(directory + "/" + (try #require(stored.first)))
        let second = try CLIHarness.run(arguments)
        #expect(second.stdout == "42\n")
        // The hit left the entry as it was: nothing was compiled or rewritten.
        #expect(try CompileCacheTests.entries(directory) == stored)
        #expect(try CompileCacheTests.read(directory + "/" + stored.first!) == entry)
    }

    @Test func cacheAndNoCacheContradict() throws {
        let output = try CLIHarness.run(["run", "--no-cache", "--cache", "/tmp/x", "--invoke", "sum",
                                         "Fixtures/wasmex/test.wasm", "1", "2"])
        #expect(output.status != 0)
        #expect(output.stderr.contains("--cache and --no-cache contradict each other"))
    }
}
