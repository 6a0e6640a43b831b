import Foundation
import Testing
import Wasmex

/// The actor-based instance: serialised per instance, parallel across instances.
@Suite("Concurrency: WasmexInstance")
struct ConcurrencyTests {
    @Test func thousandCallsOverHundredInstances() async throws {
        let module = try Module(engine: APIFixture.engine, bytes: APIFixture.bytes("test.wasm"))
        var instances: [WasmexInstance] = []
        for _ in 0..<100 { instances.append(try await WasmexInstance(module: module)) }
        let pool = instances
        let checked = try await withThrowingTaskGroup(of: Bool.self) { group in
            for i in 0..<1000 {
                group.addTask {
                    let a = Int32(i), b = Int32(i * 3 - 7)
                    let result = try await pool[i % 100].call("sum", [.i32(a), .i32(b)])
                    return result == [.i32(a &+ b)]
                }
            }
            var count = 0
            for try await ok in group where ok { count += 1 }
            return count
        }
        #expect(checked == 1000)
    }

    @Test func callsOnOneInstanceAreSerialised() async throws {
        let tracker = OverlapTracker()
        let host: HostImports = ["env": [
            "work": HostFunction(parameters: [], results: []) { _, _ in
                tracker.enter()
                usleep(2000)
                tracker.leave()
                return []
            },
        ]]
        let wat = "(module (import \"env\" \"work\" (func $w)) (func (export \"run\") (call $w)))"
        let first = try await WasmexInstance(bytes: Array(wat.utf8), engine: APIFixture.engine, imports: host)
        let second = try await WasmexInstance(bytes: Array(wat.utf8), engine: APIFixture.engine, imports: host)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<20 {
                group.addTask { _ = try await (i.isMultiple(of: 2) ? first : second).call("run") }
            }
            try await group.waitForAll()
        }
        #expect(tracker.calls == 20)
        // Two instances may overlap with each other, never with themselves.
        #expect(tracker.maximumOverlap <= 2)
        #expect(tracker.maximumOverlap >= 1)
    }

    @Test func timeoutReturnsWhileTheCallFinishesInTheBackground() async throws {
        let finished = ArgumentRecorder()
        // The slow call blocks until the test has seen its timeout (at most
        // 60 s): a fixed sleep lost the race when the awaiting task waited
        // seconds for a cooperative thread on a loaded machine.
        let release = DispatchSemaphore(value: 0)
        let host: HostImports = ["env": [
            "slow": HostFunction(parameters: [.i32], results: [.i32]) { _, arguments in
                if arguments == [.i32(1)] { _ = release.wait(timeout: .now() + 60) }
                finished.record(arguments)
                return arguments
            },
        ]]
        let wat = "(module (import \"env\" \"slow\" (func $s (param i32) (result i32))) (func (export \"run\") (param i32) (result i32) (call $s (local.get 0))))"
        let instance = try await WasmexInstance(bytes: Array(wat.utf8), engine: APIFixture.engine, imports: host)
        do {
            _ = try await instance.call("run", [.i32(1)], timeout: .milliseconds(50))
            Issue.record("slow call did not time out")
        } catch {
            guard case .timeout = error else {
                Issue.record("unexpected error \(error)")
                return
            }
        }
        // Ordering, not wall time: the timeout came back while the host call still ran.
        #expect(finished.values.isEmpty, "the timeout waited for the host call to finish")
        release.signal()
        // The next call waits for the first one to finish (the instance stays serialised).
        #expect(try await instance.call("run", [.i32(2)], timeout: .seconds(10)) == [.i32(2)])
        #expect(finished.values == [[.i32(1)], [.i32(2)]])
    }

    @Test func errorsThroughTheActorLeaveItUsable() async throws {
        let instance = try await WasmexInstance(bytes: APIFixture.bytes("test.wasm"), engine: APIFixture.engine)
        #expect(instance.functionExists("sum"))
        #expect(!instance.functionExists("nope"))
        await #expect(throws: WasmexError.self) { try await instance.call("nope") }
        await #expect(throws: WasmexError.self) { try await instance.call("sum", [.i32(1)]) }
        do {
            _ = try await instance.call("divide", [.i32(1), .i32(0)])
            Issue.record("division by zero returned")
        } catch {
            guard case .trap(.integerDivideByZero) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
        }
        #expect(try await instance.call("divide", [.i32(9), .i32(3)]) == [.i32(3)])
    }

    @Test func deepRecursionFitsThePoolThreadStacks() async throws {
        // 50,000 nested Wasm frames need megabytes of stack: more than a cooperative-pool thread may have.
        let depth = "(module (func $d (export \"d\") (param i32) (result i32) (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0)) (else (i32.add (call $d (i32.sub (local.get 0) (i32.const 1))) (i32.const 1))))))"
        let deep = try await WasmexInstance(bytes: Array(depth.utf8), engine: APIFixture.engine)
        #expect(try await deep.call("d", [.i32(50_000)], timeout: .seconds(30)) == [.i32(50_000)])
    }

    @Test func memoryAndGlobalsThroughTheActor() async throws {
        let instance = try await WasmexInstance(bytes: APIFixture.bytes("test.wasm"), engine: APIFixture.engine)
        try await instance.writeMemory(Array("hello, world".utf8), at: 42)
        #expect(try await instance.call("string_first_byte", [.i32(42), .i32(12)]) == [.i32(104)])
        #expect(try await instance.readMemory(at: 42, count: 5) == Array("hello".utf8))
        #expect(try await instance.memorySize() > 0)
        await #expect(throws: WasmexError.self) { try await instance.readMemory(at: -1, count: 1) }
        guard case .i32(let pointer)? = try await instance.call("string").first else {
            Issue.record("string() did not return an i32")
            return
        }
        #expect(try await instance.readString(at: Int(pointer), count: 13) == "Hello, World!")
        let byte = try await instance.withInstance { instance throws(WasmexError) in try instance.memory().getByte(at: 42) }
        #expect(byte == 104)

        let wat = "(module (global (export \"g\") (mut i32) (i32.const 1)) (func (export \"f\") (result funcref) (ref.func 0)) (elem declare func 0))"
        let globals = try await WasmexInstance(bytes: Array(wat.utf8), engine: APIFixture.engine)
        try await globals.setGlobalValue("g", .i32(42))
        #expect(try await globals.globalValue("g") == .i32(42))
        // A function reference cannot leave the actor's thread.
        await #expect(throws: WasmexError.self) { try await globals.call("f") }
    }

    @Test func startFailuresAreTypedErrors() async throws {
        await #expect(throws: WasmexError.self) {
            _ = try await WasmexInstance(bytes: [0, 1, 2], engine: APIFixture.engine)
        }
        await #expect(throws: WasmexError.self) {
            _ = try await WasmexInstance(bytes: APIFixture.bytes("calculator.wasm"), engine: APIFixture.engine)
        }
    }
}

/// Counts how many host calls run at the same time.
final class OverlapTracker: @unchecked Sendable {
    private let lock = NSLock()
    private var active = 0
    private var maximum = 0
    private var total = 0

    func enter() {
        lock.lock()
        active += 1
        total += 1
        maximum = max(maximum, active)
        lock.unlock()
    }

    func leave() {
        lock.lock()
        active -= 1
        lock.unlock()
    }

    var maximumOverlap: Int { lock.lock(); defer { lock.unlock() }; return maximum }
    var calls: Int { lock.lock(); defer { lock.unlock() }; return total }
}
