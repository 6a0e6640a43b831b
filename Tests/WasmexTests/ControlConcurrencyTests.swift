import Foundation
import Testing
import Wasmex

/// Execution control under concurrency (the way Wasmex tests its GenServer).
@Suite("Control: concurrency")
struct ControlConcurrencyTests {
    private static let hostModule = """
        (module
          (import "env" "host" (func $h (param i32) (result i32)))
          (func (export "run") (param i32) (result i32) (call $h (local.get 0)))
          (func (export "spin") (loop $l (br $l))))
        """

    /// Calls on another instance complete while one instance spins: no
    /// wall-clock bound (the machine may be loaded), only the order of
    /// events — the busy call can only end by `interrupt()`, sent after the
    /// other instance's 50 calls came back.
    @Test func cpuBoundCallDoesNotBlockOtherInstances() async throws {
        let module = try Module(engine: APIFixture.engine, bytes: APIFixture.bytes("test.wasm"))
        let busy = try await WasmexInstance(module: module)
        let other = try await WasmexInstance(module: module)
        let ended = EndFlag()
        let spinning = Task { () -> Bool in
            defer { ended.set() }
            do {
                _ = try await busy.call("endless_loop", timeout: .seconds(120))
                return false
            } catch {
                return true
            }
        }
        try await Task.sleep(for: .milliseconds(20))
        for i in 0..<50 {
            #expect(try await other.call("sum", [.i32(Int32(i)), .i32(1)]) == [.i32(Int32(i) + 1)])
        }
        #expect(!ended.isSet, "calls on another instance waited for the busy one to end")
        busy.interrupt()
        #expect(await spinning.value, "the endless loop returned instead of being interrupted")
        #expect(try await busy.call("arity_0", timeout: .seconds(2)) == [.i32(42)])
    }

    @Test func hostCallbackFinishingAfterTheTimeoutLeavesTheInstanceUsable() async throws {
        // The first callback blocks until its caller has seen the timeout (at most 5 s).
        let gate = DispatchSemaphore(value: 0)
        let host: HostImports = ["env": [
            "host": HostFunction(parameters: [.i32], results: [.i32]) { _, arguments in
                if arguments == [.i32(1)] { _ = gate.wait(timeout: .now() + 5) }
                return arguments
            },
        ]]
        let instance = try await WasmexInstance(bytes: Array(Self.hostModule.utf8), engine: APIFixture.engine, imports: host)
        do {
            _ = try await instance.call("run", [.i32(1)], timeout: .milliseconds(50))
            Issue.record("the slow call did not time out")
        } catch {
            switch error {
            case .timeout, .trap(.interrupted): break
            default: Issue.record("unexpected error \(error)")
            }
        }
        gate.signal()
        #expect(try await instance.call("run", [.i32(7)], timeout: .seconds(5)) == [.i32(7)])
    }

    @Test func hostCallbackReturningWrongResultsLeavesTheInstanceUsable() async throws {
        let host: HostImports = ["env": [
            "host": HostFunction(parameters: [.i32], results: [.i32]) { _, arguments in
                guard case .i32(let value)? = arguments.first else { return [] }
                return value < 0 ? [.f64(1), .i32(2)] : [.i32(value * 2)]
            },
        ]]
        let instance = try await WasmexInstance(bytes: Array(Self.hostModule.utf8), engine: APIFixture.engine, imports: host)
        for _ in 0..<3 {
            do {
                _ = try await instance.call("run", [.i32(-1)])
                Issue.record("wrong host results were accepted")
            } catch {
                switch error.hostError as? WasmexError {
                case .hostResultMismatch?: break
                default: Issue.record("unexpected error \(error)")
                }
            }
            #expect(try await instance.call("run", [.i32(21)]) == [.i32(42)])
        }
    }

    @Test func errorsUnderHighConcurrencyAllReachTheirCallers() async throws {
        let module = try Module(engine: APIFixture.engine, bytes: APIFixture.bytes("test.wasm"))
        var instances: [WasmexInstance] = []
        for _ in 0..<8 { instances.append(try await WasmexInstance(module: module)) }
        let pool = instances
        let outcomes = await withTaskGroup(of: (Int, Bool).self) { group in
            for i in 0..<400 {
                let instance = pool[i % pool.count]
                group.addTask { (i, await Self.callReportsItsOwnOutcome(i, on: instance)) }
            }
            var results: [Int: Bool] = [:]
            for await (i, ok) in group { results[i] = ok }
            return results
        }
        #expect(outcomes.count == 400)
        #expect(outcomes.values.allSatisfy { $0 }, "failed: \(outcomes.filter { !$0.value }.keys.sorted().prefix(10))")
    }

    /// Call `i` of a mix of traps, unknown exports, argument errors and
    /// successes; true when it got exactly its own outcome.
    private static func callReportsItsOwnOutcome(_ i: Int, on instance: WasmexInstance) async -> Bool {
        do {
            switch i % 4 {
            case 0: _ = try await instance.call("divide", [.i32(1), .i32(0)])
            case 1: _ = try await instance.call("no_such_export")
            case 2: _ = try await instance.call("sum", [.i32(1)])
            default:
                let result = try await instance.call("divide", [.i32(Int32(i)), .i32(2)])
                return result == [.i32(Int32(i / 2))]
            }
            return false
        } catch {
            switch (i % 4, error) {
            case (0, .trap(.integerDivideByZero)), (1, .unknownExport), (2, .argumentCount): return true
            default: return false
            }
        }
    }
}

/// Set once, read from any thread.
private final class EndFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
