import Foundation
import Testing
@testable import Wasmex

@Suite struct ConcurrencyScratch {
    @Test func scratch() async throws {
        let wat = "(module (func $r (export \"r\") (param i64) (result i64) (i64.add (call $r (local.get 0)) (i64.const 1))))"
        let store = Store(engine: APIFixture.engine)
        let instance = try Instance(store: store, bytes: Array(wat.utf8))
        let box = InstanceCell(instance)
        let queue = SerialJobQueue(pool: WasmThreadPool(stackSize: 8 << 20, maximumThreads: 2))
        let r = try await queue.run(timeout: .seconds(120)) { () throws(WasmexError) -> String in
            print("limit", wasmex_thread_stack_limit_debug())
            let t0 = ContinuousClock.now
            defer { print("call took", ContinuousClock.now - t0) }
            do { _ = try box.instance.call("r", [.i64(0)]); return "returned" } catch { return "\(error)" }
        }
        print("RESULT", r)
    }
}
import CWasmexRuntime
func wasmex_thread_stack_limit_debug() -> (UInt, UInt) {
    var x = 0
    return withUnsafeMutablePointer(to: &x) { (UInt(wasmex_thread_stack_limit()), UInt(bitPattern: $0)) }
}
