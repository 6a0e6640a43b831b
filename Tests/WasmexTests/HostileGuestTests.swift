import Foundation
import Testing
import Wasmex

/// The compile budget (``CompileLimits``): modules whose locals, functions or
/// code would make compilation take unbounded time or memory are refused
/// before LLVM runs, with an error naming the limit.
struct HostileGuestTests {
    static let engine: Engine = {
        do { return try Engine() } catch { fatalError("cannot create the test engine: \(error)") }
    }()

    /// The message of a `limitExceeded` compile error, or nil (recording an issue).
    static func limitMessage(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        do {
            try body()
            Issue.record("the module was compiled", sourceLocation: sourceLocation)
        } catch WasmexError.compile(.limitExceeded(let message)) {
            return message
        } catch {
            Issue.record("expected a compile limit error, got \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }

    /// The issue's reproducer: 2 KB of Wasm, 200 functions × 50,000 locals.
    /// Without a budget it took over 20 s and about 3 GB to compile.
    @Test func twoHundredFunctionsOfFiftyThousandLocalsAreRefusedQuickly() throws {
        let bytes = HostileModuleBytes.module(functions: 200, locals: 50_000)
        #expect(bytes.count < 2_048)
        let started = ContinuousClock.now
        let message = Self.limitMessage { _ = try Module(engine: Self.engine, bytes: bytes) }
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(message?.contains("500000 locals in all") == true, "\(message ?? "")")
        let error = WasmexError.compile(.limitExceeded(message ?? ""))
        #expect(error.description.hasPrefix("compile error: module too large to compile:"))
    }

    @Test func parametersCountTowardsTheLocalsOfAFunction() throws {
        // 50,000 declared locals pass the decoder; with one parameter the function has 50,001.
        let bytes = HostileModuleBytes.module(functions: 1, parameters: 1, locals: 50_000)
        let message = Self.limitMessage { _ = try Module(engine: Self.engine, bytes: bytes) }
        #expect(message == "function 0 has 50001 locals; the limit is 50000 per function")
    }

    @Test func aModuleWithinTheDefaultsCompiles() throws {
        let module = try Module(engine: Self.engine, bytes: HostileModuleBytes.module(functions: 3, locals: 1_000))
        #expect(module.wasm.bodies.count == 3)
    }

    @Test func limitsComeFromTheEngineConfiguration() throws {
        let limits = CompileLimits(localsPerFunction: 10, localsPerModule: 25, functions: 4, functionSize: 64, codeSize: 100)
        let engine = try Engine(Engine.Configuration(compileLimits: limits))
        #expect(engine.configuration.compileLimits == limits)
        let tooMany = Self.limitMessage { _ = try Module(engine: engine, bytes: HostileModuleBytes.module(functions: 5, locals: 0)) }
        #expect(tooMany == "the module defines 5 functions; the limit is 4")
        let wide = Self.limitMessage { _ = try Module(engine: engine, bytes: HostileModuleBytes.module(functions: 1, locals: 11)) }
        #expect(wide == "function 0 has 11 locals; the limit is 10 per function")
        let total = Self.limitMessage { _ = try Module(engine: engine, bytes: HostileModuleBytes.module(functions: 3, locals: 9)) }
        #expect(total?.hasPrefix("the module's functions have more than 25 locals in all") == true)
        // 70 `nop`s make a 71-byte body (with its `end`).
        let long = Self.limitMessage {
            _ = try Module(engine: engine, bytes: HostileModuleBytes.module(functions: 1, locals: 0, code: Array(repeating: 0x01, count: 70)))
        }
        #expect(long == "function 0 has 71 bytes of code; the limit is 64 per function")
        let big = Self.limitMessage {
            _ = try Module(engine: engine, bytes: HostileModuleBytes.module(functions: 2, locals: 0, code: Array(repeating: 0x01, count: 60)))
        }
        #expect(big?.hasPrefix("the module has more than 100 bytes of code in all") == true)
        // Raising a limit lets the same module through.
        let relaxed = try Engine(Engine.Configuration(compileLimits: CompileLimits(functions: 5)))
        #expect(try Module(engine: relaxed, bytes: HostileModuleBytes.module(functions: 5, locals: 0)).wasm.bodies.count == 5)
    }

    /// The budget also guards the paths that compile without loading.
    @Test func artifactsAndTheCacheRespectTheBudget() throws {
        let limits = CompileLimits(functions: 1)
        let engine = try Engine(Engine.Configuration(compileLimits: limits))
        let wasm = try WasmModule.parse(HostileModuleBytes.module(functions: 2, locals: 0))
        _ = Self.limitMessage { _ = try Module.compileArtifact(engine: engine, validated: wasm) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wasmex-budget-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cached = try Engine(Engine.Configuration(cacheDirectory: directory, compileLimits: limits))
        _ = Self.limitMessage { _ = try Module(engine: cached, validated: wasm) }
    }

    /// Nested loops with back edges: `loop (br_if 0 (i32.const 0))` `depth` times.
    static func nestedLoops(_ depth: Int) -> [UInt8] {
        let open: [UInt8] = [0x03, 0x40, 0x41, 0x00, 0x0D, 0x00]
        return Array(repeating: open, count: depth).flatMap { $0 } + Array(repeating: 0x0B, count: depth)
    }

    /// 3,000 nested loops are 18 KB of Wasm and took about 8 s at O2 (100,000
    /// did not finish in 10 minutes): refused by the loop depth limit.
    @Test func deepLoopNestsAreRefusedQuickly() throws {
        let bytes = HostileModuleBytes.module(functions: 1, locals: 0, code: Self.nestedLoops(100_000))
        let started = ContinuousClock.now
        let message = Self.limitMessage { _ = try Module(engine: Self.engine, bytes: bytes) }
        #expect(message == "function 0 nests loops 100000 deep; the limit is 250")
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test func loopsUpToTheLimitAndDeepBlocksCompile() throws {
        let started = ContinuousClock.now
        let loops = try Module(engine: Self.engine, bytes: HostileModuleBytes.module(functions: 1, locals: 0, code: Self.nestedLoops(250)))
        #expect(loops.wasm.bodies.count == 1)
        // Blocks are not loops: 100,000 nested blocks compile (in about a second).
        let blocks = Array(repeating: [0x02, 0x40] as [UInt8], count: 100_000).flatMap { $0 } + Array(repeating: 0x0B, count: 100_000)
        let deep = try Module(engine: Self.engine, bytes: HostileModuleBytes.module(functions: 1, locals: 0, code: blocks))
        #expect(deep.wasm.bodies.count == 1)
        #expect(ContinuousClock.now - started < .seconds(60))
    }
}
