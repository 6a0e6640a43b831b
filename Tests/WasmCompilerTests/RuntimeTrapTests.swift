import CWasmexRuntime
import Testing
import WasmFrontend
@testable import WasmCompiler

/// The C runtime on its own and generated code entered through `wasmex_invoke`.
@Suite("Runtime traps and memory")
struct RuntimeTrapTests {
    /// A vmctx with only a store state (enough for functions that touch no memory).
    final class MinimalContext {
        let state = UnsafeMutablePointer<wasmex_store_state>.allocate(capacity: 1)
        let vmctx = UnsafeMutablePointer<wasmex_vmctx>.allocate(capacity: 1)
        init() {
            state.initialize(to: wasmex_store_state())
            vmctx.initialize(to: wasmex_vmctx())
            vmctx.pointee.store = state
        }
        deinit {
            vmctx.deallocate()
            state.deallocate()
        }
    }

    /// Compiles `wat`, then calls its export `name` (signature `[i32 i32] -> [i32]`) through its entry trampoline.
    func call(_ wat: String, _ a: Int32, _ b: Int32) throws -> (trap: UInt32, result: Int32) {
        let wasm = try WasmModule.parse(text: wat)
        let compiled = try ModuleCompiler.compile(wasm)
        let loaded = try JITSession().load(object: compiled.objectBytes, name: "t", symbols: compiled.requiredSymbols)
        let type = FunctionType(parameters: [.i32, .i32], results: [.i32])
        let code = try #require(loaded.address(of: SymbolNames.function(0)))
        let entry = try #require(loaded.address(of: SymbolNames.entryTrampoline(for: type)))
        let context = MinimalContext()
        var slots = [UInt64](repeating: 0, count: 4)
        slots[0] = UInt64(UInt32(bitPattern: a))
        slots[2] = UInt64(UInt32(bitPattern: b))
        let trap = slots.withUnsafeMutableBufferPointer {
            wasmex_invoke(context.state, entry, context.vmctx, code, $0.baseAddress)
        }
        return (trap, Int32(truncatingIfNeeded: slots[0]))
    }

    @Test func trapsReturnTheirCodeAndTheProcessSurvives() throws {
        let divide = "(module (func (export \"div\") (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1))))"
        #expect(try call(divide, 7, 0).trap == TrapCode.integerDivideByZero.rawValue)
        #expect(try call(divide, 7, 0).trap == TrapCode.integerDivideByZero.rawValue)
        let ok = try call(divide, 42, 2)
        #expect(ok.trap == 0)
        #expect(ok.result == 21)
        #expect(wasmex_in_invoke() == 0)
    }

    @Test func stackLimitIsInsideTheThreadStack() {
        var local = 0
        let here = withUnsafeMutablePointer(to: &local) { UInt(bitPattern: $0) }
        let limit = wasmex_thread_stack_limit()
        #expect(limit > 0)
        #expect(limit < here)
    }

    @Test func memoriesGrowWithinTheirMaximum() throws {
        let memory = try #require(wasmex_memory_new(1, 3, 0))
        defer { wasmex_memory_delete(memory) }
        #expect(memory.pointee.length == 65536)
        memory.pointee.base[65535] = 7
        #expect(wasmex_memory_grow_pages(memory, 2, nil) == 1)
        #expect(memory.pointee.length == 3 * 65536)
        #expect(memory.pointee.base[65535] == 7)
        memory.pointee.base[3 * 65536 - 1] = 9
        #expect(wasmex_memory_grow_pages(memory, 1, nil) == -1)
        #expect(wasmex_memory_grow_pages(memory, 0, nil) == 3)
        #expect(wasmex_memory_new(5, 4, 0) == nil)
    }

    @Test func tablesGrowWithinTheirMaximum() throws {
        let table = try #require(wasmex_table_new(2, 4, 0, 0))
        defer { wasmex_table_delete(table) }
        #expect(wasmex_table_grow_elements(table, 2, 99, nil) == 2)
        #expect(table.pointee.length == 4)
        #expect(table.pointee.elements[3] == 99)
        #expect(wasmex_table_grow_elements(table, 1, 0, nil) == -1)
    }
}
