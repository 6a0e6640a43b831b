import Testing
import Wasmex
import WasmCompiler
import WasmFrontend

/// Guard-page memories: no bounds checks in the code, faults past the end
/// become the out-of-bounds trap, and everything around it (growth, imports,
/// partial stores, many memories, the other strategy) behaves as with
/// explicit checks.
struct GuardPageMemoryTests {
    static let wat = """
        (module
          (memory (export "memory") 1 4)
          (func (export "load") (param $a i32) (result i32) (i32.load (local.get $a)))
          (func (export "load_offset") (param $a i32) (result i32) (i32.load offset=4294967295 (local.get $a)))
          (func (export "store") (param $a i32) (param $v i64) (i64.store (local.get $a) (local.get $v)))
          (func (export "probe") (param $a i32) (drop (i32.load8_u (local.get $a))))
          (func (export "grow") (param $n i32) (result i32) (memory.grow (local.get $n)))
          (func $deep (param $a i32) (result i32) (i32.add (i32.load (local.get $a)) (i32.const 1)))
          (func (export "nested") (param $a i32) (result i32) (call $deep (local.get $a))))
        """

    static func engine(_ strategy: MemoryStrategy) throws -> Engine {
        try Engine(Engine.Configuration(memoryStrategy: strategy))
    }

    static func instance(_ strategy: MemoryStrategy) throws -> (Store, Instance) {
        let engine = try engine(strategy)
        let store = Store(engine: engine)
        let module = try Module(engine: engine, text: wat)
        #expect(module.compiled.memoryStrategy == strategy)
        return (store, try Instance(store: store, module: module, imports: Imports()))
    }

    static func expectOutOfBounds(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            try body()
            Issue.record("expected an out-of-bounds trap", sourceLocation: sourceLocation)
        } catch {
            #expect(ControlFixture.trap(of: error, sourceLocation: sourceLocation) == .memoryOutOfBounds,
                    sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: MemoryStrategy.allCases)
    func accessesInsideAndPastTheEnd(strategy: MemoryStrategy) throws {
        let (_, instance) = try Self.instance(strategy)
        let load = try instance.function(named: "load")
        let store = try instance.function(named: "store")
        _ = try store.call([.i32(65528), .i64(0x0102_0304_0506_0708)])
        #expect(try load.call([.i32(65532)]) == [.i32(0x0102_0304)])
        Self.expectOutOfBounds { _ = try load.call([.i32(65533)]) }
        Self.expectOutOfBounds { _ = try load.call([.i32(-1)]) }
        Self.expectOutOfBounds { _ = try instance.function(named: "load_offset").call([.i32(-1)]) }
        Self.expectOutOfBounds { _ = try instance.function(named: "probe").call([.i32(65536)]) }
        Self.expectOutOfBounds { _ = try instance.function(named: "nested").call([.i32(1 << 20)]) }
        // The instance stays usable after a fault.
        #expect(try load.call([.i32(0)]) == [.i32(0)])
    }

    @Test(arguments: MemoryStrategy.allCases)
    func aStoreStraddlingTheEndWritesNothing(strategy: MemoryStrategy) throws {
        let (_, instance) = try Self.instance(strategy)
        _ = try instance.function(named: "store").call([.i32(65528), .i64(0x1111_1111_1111_1111)])
        Self.expectOutOfBounds { _ = try instance.function(named: "store").call([.i32(65532), .i64(-1)]) }
        let memory = try instance.memory(named: "memory")
        #expect(try memory.read(at: 65528, count: 8) == [UInt8](repeating: 0x11, count: 8))
    }

    @Test(arguments: MemoryStrategy.allCases)
    func growthMakesNewPagesAccessible(strategy: MemoryStrategy) throws {
        let (_, instance) = try Self.instance(strategy)
        let load = try instance.function(named: "load")
        Self.expectOutOfBounds { _ = try load.call([.i32(65536)]) }
        #expect(try instance.function(named: "grow").call([.i32(1)]) == [.i32(1)])
        #expect(try load.call([.i32(65536)]) == [.i32(0)])
        Self.expectOutOfBounds { _ = try load.call([.i32(131_069)]) }
        #expect(try instance.function(named: "grow").call([.i32(3)]) == [.i32(-1)])
    }

    @Test func hostMemoriesFollowTheEngine() throws {
        let module = "(module (import \"env\" \"memory\" (memory 1)) (func (export \"size\") (result i32) (memory.size)))"
        let guarded = try Self.engine(.guardPages)
        let explicit = try Self.engine(.explicitChecks)

        // A guard-page module accepts a memory its engine's store made.
        let store = Store(engine: guarded)
        let memory = try Memory(store: store, type: MemoryType(limits: Limits(min: 1, max: nil)))
        var imports = Imports()
        imports.define(module: "env", name: "memory", .memory(memory))
        let instance = try Instance(store: store, module: try Module(engine: guarded, text: module), imports: imports)
        #expect(try instance.function(named: "size").call() == [.i32(1)])

        // A memory without a guard region cannot back guard-page code.
        let plainStore = Store(engine: explicit)
        let plain = try Memory(store: plainStore, type: MemoryType(limits: Limits(min: 1, max: nil)))
        let compiledWithGuards = try Module(engine: guarded, text: module)
        let guardedModule = try Module(engine: explicit, validated: compiledWithGuards.wasm, compiled: compiledWithGuards.compiled)
        var plainImports = Imports()
        plainImports.define(module: "env", name: "memory", .memory(plain))
        do {
            _ = try Instance(store: plainStore, module: guardedModule, imports: plainImports)
            Issue.record("a guard-page module linked a memory without guard pages")
        } catch {
            #expect(String(describing: error).contains("guard region"))
        }
    }

    @Test func manyGuardedMemoriesAtOnce() throws {
        let engine = try Self.engine(.guardPages)
        let store = Store(engine: engine)
        let module = try Module(engine: engine, text: Self.wat)
        // 300 × 8 GiB of reserved (not committed) address space.
        let instances = try (0..<300).map { _ in try Instance(store: store, module: module, imports: Imports()) }
        for (i, instance) in instances.enumerated() {
            _ = try instance.function(named: "store").call([.i32(8), .i64(Int64(i))])
        }
        for (i, instance) in instances.enumerated() {
            #expect(try instance.function(named: "load").call([.i32(8)]) == [.i32(Int32(i))])
        }
        Self.expectOutOfBounds { _ = try instances[299].function(named: "load").call([.i32(70_000)]) }
    }
}
