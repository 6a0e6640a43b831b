import Testing
import Wasmex

/// StoreLimits: instance/table/memory counts, initial sizes, growth.
struct ControlLimitsTests {
    private let memoryModule = """
        (module
          (memory (export "memory") 1)
          (table 2 funcref)
          (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
          (func (export "grow_table") (param i32) (result i32) (table.grow (ref.null func) (local.get 0))))
        """

    private func limitError(_ body: () throws -> Void) -> String? {
        do {
            try body()
            Issue.record("the limit was not enforced")
            return nil
        } catch {
            guard case .resourceExhausted(let message)? = APIFixture.wasmexError(error) else {
                Issue.record("unexpected error \(error)")
                return nil
            }
            return message
        }
    }

    @Test func instanceCountLimit() throws {
        let store = Store(engine: APIFixture.engine, limits: StoreLimits(instances: 2))
        let module = try Module(engine: APIFixture.engine, text: "(module)")
        _ = try Instance(store: store, module: module)
        _ = try Instance(store: store, module: module)
        let message = limitError { _ = try Instance(store: store, module: module) }
        #expect(message?.contains("instances") == true)
    }

    @Test func memoryAndTableCountLimits() throws {
        let module = try Module(engine: APIFixture.engine, text: memoryModule)
        let memories = Store(engine: APIFixture.engine, limits: StoreLimits(memories: 1))
        _ = try Instance(store: memories, module: module)
        #expect(limitError { _ = try Instance(store: memories, module: module) }?.contains("memories") == true)
        let tables = Store(engine: APIFixture.engine, limits: StoreLimits(tables: 0))
        #expect(limitError { _ = try Instance(store: tables, module: module) }?.contains("tables") == true)
    }

    @Test func initialSizesAreChecked() throws {
        let module = try Module(engine: APIFixture.engine, text: memoryModule)
        let smallMemory = Store(engine: APIFixture.engine, limits: StoreLimits(memorySize: 1000))
        #expect(limitError { _ = try Instance(store: smallMemory, module: module) }?.contains("memorySize") == true)
        let smallTable = Store(engine: APIFixture.engine, limits: StoreLimits(tableElements: 1))
        #expect(limitError { _ = try Instance(store: smallTable, module: module) }?.contains("tableElements") == true)
    }

    @Test func growthPastTheLimitReturnsMinusOne() throws {
        let module = try Module(engine: APIFixture.engine, text: memoryModule)
        let store = Store(engine: APIFixture.engine, limits: StoreLimits(memorySize: 3 * 65536, tableElements: 4))
        let instance = try Instance(store: store, module: module)
        #expect(try instance.call("grow", [.i32(2)]) == [.i32(1)])
        #expect(try instance.call("grow", [.i32(1)]) == [.i32(-1)])
        #expect(try instance.call("grow_table", [.i32(2)]) == [.i32(2)])
        #expect(try instance.call("grow_table", [.i32(1)]) == [.i32(-1)])
    }
}
