import Foundation
import Testing
import Wasmex

/// Epoch interruption: timeouts and `interrupt()` really stop running Wasm.
struct ControlInterruptionTests {
    @Test func endlessLoopTimesOutAndTheInstanceStaysUsable() throws {
        let instance = try APIFixture.instance("test.wasm")
        let clock = ContinuousClock()
        let start = clock.now
        do {
            _ = try instance.call("endless_loop", [], timeout: .milliseconds(100))
            Issue.record("endless_loop returned")
        } catch {
            #expect(ControlFixture.trap(of: error) == .interrupted)
        }
        let elapsed = clock.now - start
        #expect(elapsed >= .milliseconds(100))
        #expect(elapsed < .seconds(2))
        #expect(try instance.call("sum", [.i32(40), .i32(2)]) == [.i32(42)])
        // No deadline is left armed: a plain call that runs a while is not interrupted.
        #expect(try instance.call("sum", [.i32(1), .i32(2)], timeout: .seconds(5)) == [.i32(3)])
    }

    /// Recursion without loops is stopped by the entry check of functions
    /// that call; a loop in a function that never calls is stopped by its
    /// loop header (its first iteration reads the deadline).
    @Test func recursionAndLeafLoopsTimeOut() throws {
        let wat = """
            (module
              (func $fib (export "fib") (param $n i32) (result i32)
                (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
                  (then (local.get $n))
                  (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
                                 (call $fib (i32.sub (local.get $n) (i32.const 2)))))))
              (func (export "leaf_spin") (param $n i32) (result i32)
                (loop $again
                  (local.set $n (i32.add (local.get $n) (i32.const 1)))
                  (br_if $again (i32.ne (local.get $n) (i32.const 0))))
                (local.get $n)))
            """
        let engine = try Engine()
        let store = Store(engine: engine)
        let instance = try Instance(store: store, module: try Module(engine: engine, text: wat), imports: Imports())
        #expect(try instance.call("fib", [.i32(20)], timeout: .seconds(5)) == [.i32(6765)])
        for (name, argument) in [("fib", Int32(60)), ("leaf_spin", Int32(1))] {
            let start = ContinuousClock.now
            do {
                _ = try instance.call(name, [.i32(argument)], timeout: .milliseconds(100))
                Issue.record("\(name) returned")
            } catch {
                #expect(ControlFixture.trap(of: error) == .interrupted)
            }
            #expect(ContinuousClock.now - start < .seconds(2))
        }
        #expect(try instance.call("leaf_spin", [.i32(-3)]) == [.i32(0)])
    }

    /// Fan-out without loops or recursion: each of 40 functions calls the
    /// next twice, 2^40 calls in all (about an hour), directly or through a
    /// table. Neither a loop header nor a call cycle is on the way, so only
    /// the entry checks ``CallGraph`` gives functions whose calls could run
    /// too much code stop it (before them, the direct fan-out ran on past
    /// its timeout).
    @Test(arguments: ["direct", "table"])
    func fanOutWithoutLoopsOrCyclesTimesOut(kind: String) throws {
        let depth = 40
        var wat = "(module (type $v (func (param i32) (result i32))) (table \(depth + 1) funcref)\n"
        wat += "(elem (i32.const 0) func " + (0...depth).map { "$f\($0)" }.joined(separator: " ") + ")\n"
        for level in 0..<depth {
            let call = kind == "direct"
                ? "(call $f\(level + 1) (local.get 0))"
                : "(call_indirect (type $v) (local.get 0) (i32.const \(level + 1)))"
            wat += "(func $f\(level) (export \"f\(level)\") (type $v) (i32.add \(call) \(call)))\n"
        }
        // The leaf adds to a global, so LLVM cannot merge a level's two calls into one.
        wat += "(global $g (mut i32) (i32.const 0))\n"
        wat += "(func $f\(depth) (type $v) (global.set $g (i32.add (global.get $g) (local.get 0))) (i32.add (local.get 0) (i32.const 1))))"
        let engine = try Engine()
        let store = Store(engine: engine)
        let instance = try Instance(store: store, module: try Module(engine: engine, text: wat), imports: Imports())
        // A short fan-out finishes: 2^10 leaves of 1 + 1.
        #expect(try instance.call("f\(depth - 10)", [.i32(1)], timeout: .seconds(5)) == [.i32(2048)])
        let start = ContinuousClock.now
        do {
            _ = try instance.call("f0", [.i32(1)], timeout: .milliseconds(100))
            Issue.record("the fan-out of 2^\(depth) calls returned")
        } catch {
            #expect(ControlFixture.trap(of: error) == .interrupted)
        }
        #expect(ContinuousClock.now - start < .seconds(2))
    }

    /// An interrupted loop leaves memory and globals as the program had them
    /// at one of its checks: each iteration adds 1 to a memory word and then
    /// to a global, so at a loop header both hold the same count. With guard
    /// pages the check is a read of the store's poll page that faults, and
    /// LLVM must keep the stores (volatile there) in order with it; with
    /// explicit checks it compares and traps through a call. A store moved
    /// out of the loop or past the check would leave the two counts apart.
    @Test(arguments: MemoryStrategy.allCases, [OptimizationLevel.o0, .o2])
    func interruptedStateIsOneTheProgramHad(strategy: MemoryStrategy, level: OptimizationLevel) throws {
        let wat = """
            (module
              (memory (export "m") 1)
              (global $g (export "g") (mut i32) (i32.const 0))
              (func (export "count")
                (loop $next
                  (i32.store (i32.const 8) (i32.add (i32.load (i32.const 8)) (i32.const 1)))
                  (global.set $g (i32.add (global.get $g) (i32.const 1)))
                  (br $next))))
            """
        let engine = try Engine(Engine.Configuration(optimization: level, memoryStrategy: strategy,
                                                     compilation: .eager))
        let store = Store(engine: engine)
        let instance = try Instance(store: store, module: try Module(engine: engine, text: wat), imports: Imports())
        for round in 1...3 {
            do {
                try instance.call("count", [], timeout: .milliseconds(20 * round))
                Issue.record("the endless loop returned")
            } catch {
                #expect(ControlFixture.trap(of: error) == .interrupted)
            }
            let bytes = try instance.memory(named: "m").read(at: 8, count: 4)
            let word = bytes.reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            guard case .i32(let count) = try instance.global(named: "g").get() else {
                Issue.record("g is not an i32")
                return
            }
            #expect(word == UInt32(bitPattern: count), "\(strategy), \(level), round \(round)")
            #expect(count > 0)
        }
        // Interrupted while no call runs: the next call that reaches a check traps, later ones run.
        store.interrupt()
        #expect(throws: WasmexError.self) { try instance.call("count", [], timeout: .seconds(5)) }
    }

    @Test func interruptFromAnotherThreadStopsTheCall() throws {
        let instance = try APIFixture.instance("test.wasm")
        let handle = instance.store.interruptHandle
        let thread = Thread {
            Thread.sleep(forTimeInterval: 0.05)
            handle.interrupt()
        }
        thread.start()
        do {
            _ = try instance.call("endless_loop")
            Issue.record("endless_loop returned")
        } catch {
            #expect(ControlFixture.trap(of: error) == .interrupted)
        }
        #expect(try instance.call("arity_0") == [.i32(42)])
    }

    @Test func actorTimeoutStopsTheWasm() async throws {
        let instance = try await WasmexInstance(bytes: APIFixture.bytes("test.wasm"), engine: APIFixture.engine)
        do {
            _ = try await instance.call("endless_loop", timeout: .milliseconds(100))
            Issue.record("endless_loop returned")
        } catch {
            switch error {
            case .timeout, .trap(.interrupted): break
            default: Issue.record("unexpected error \(error)")
            }
        }
        // The next call gets the instance only once the loop has really stopped.
        let next = try await instance.call("sum", [.i32(2), .i32(3)], timeout: .seconds(2))
        #expect(next == [.i32(5)])
    }

    @Test func actorInterrupt() async throws {
        let instance = try await WasmexInstance(bytes: APIFixture.bytes("test.wasm"), engine: APIFixture.engine)
        let call = Task { () async -> (any Error)? in
            do {
                _ = try await instance.call("endless_loop", timeout: .seconds(30))
                return nil
            } catch {
                return error
            }
        }
        try await Task.sleep(for: .milliseconds(50))
        instance.interrupt()
        if let error = await call.value {
            #expect(ControlFixture.trap(of: error) == .interrupted)
        } else {
            Issue.record("endless_loop returned")
        }
        #expect(try await instance.call("arity_0") == [.i32(42)])
    }

    @Test func timeoutsNeedEpochInterruption() throws {
        let engine = try Engine(Engine.Configuration(epochInterruption: false))
        let instance = try Instance(store: Store(engine: engine), bytes: APIFixture.bytes("test.wasm"))
        do {
            _ = try instance.call("sum", [.i32(1), .i32(1)], timeout: .seconds(1))
            Issue.record("a timeout was accepted without epoch interruption")
        } catch {
            guard case .invalidOperation? = APIFixture.wasmexError(error) else { return }
        }
    }
}
