import Testing
import Wasmex

/// The engine's maximum Wasm stack and "call stack exhausted".
struct ControlStackTests {
    @Test func shallowRecursionFitsAndDeepRecursionTraps() throws {
        let instance = try ControlFixture.instance(engine: ControlFixture.smallStackEngine)
        #expect(try instance.call("recurse", [.i32(100)]) == [.i32(100)])
        do {
            _ = try instance.call("recurse", [.i32(1_000_000)])
            Issue.record("1e6-deep recursion fit in 256 KiB")
        } catch {
            #expect(ControlFixture.trap(of: error) == .callStackExhausted)
        }
        #expect(try instance.call("recurse", [.i32(10)]) == [.i32(10)])
    }

    @Test func reenteringWasmFromAHostFunctionStaysWithinTheLimit() throws {
        let instance = try ControlFixture.instance(engine: ControlFixture.smallStackEngine)
        #expect(try instance.call("reenter", [.i32(50)]) == [.i32(50)])
        do {
            _ = try instance.call("reenter", [.i32(1_000_000)])
            Issue.record("1e6-deep re-entrant recursion fit in 256 KiB")
        } catch {
            #expect(ControlFixture.trap(of: error) == .callStackExhausted)
        }
        #expect(try instance.call("reenter", [.i32(3)]) == [.i32(3)])
    }
}
