import Foundation
import Testing
import Wasmex

/// `return_call` and `return_call_indirect` (Wasm 3.0 tail calls) are real tail calls:
/// a cycle of them between functions of different signatures runs in constant stack.
struct TailCallTests {
    /// `run(n)` walks n steps through `$a (i64 i64) -> i64`, `$b (f64 i32 i64) -> i64`
    /// (which continues through the table with `return_call_indirect`) and `$c`, with nine
    /// parameters (some passed on the machine stack), and finally tail-calls the host
    /// import `env.finish`. Every step adds the remaining count to the accumulator, so
    /// `run(n)` is `n (n + 1) / 2 + 1000` (the host adds 1000). `direct(n)` does the same
    /// walk with ordinary calls.
    static let wat = """
        (module
          (import "env" "finish" (func $finish (param i64) (result i64)))
          (type $cType (func (param i64 i64 i64 i64 i64 i64 i64 i32 f64) (result i64)))
          (table 1 funcref)
          (elem (i32.const 0) $c)
          (func $a (param $n i64) (param $acc i64) (result i64)
            (if (i64.eqz (local.get $n)) (then (return_call $finish (local.get $acc))))
            (return_call $b (f64.convert_i64_u (i64.sub (local.get $n) (i64.const 1)))
                            (i32.const 3)
                            (i64.add (local.get $acc) (local.get $n))))
          (func $b (param $n f64) (param $step i32) (param $acc i64) (result i64)
            (if (f64.eq (local.get $n) (f64.const 0)) (then (return_call $finish (local.get $acc))))
            (return_call_indirect (type $cType)
              (i64.const 1) (i64.const 2) (i64.trunc_f64_u (local.get $n)) (local.get $acc)
              (i64.const 5) (i64.const 6) (i64.const 7) (local.get $step) (f64.const 0.5)
              (i32.const 0)))
          (func $c (type $cType)
            (if (i64.eqz (local.get 2)) (then (return_call $finish (local.get 3))))
            (return_call $a (i64.sub (local.get 2) (i64.const 1))
                            (i64.add (local.get 3) (local.get 2))))
          (func (export "run") (param i64) (result i64)
            (return_call $a (local.get 0) (i64.const 0)))

          (func $da (param $n i64) (param $acc i64) (result i64)
            (if (i64.eqz (local.get $n)) (then (return (local.get $acc))))
            (call $db (i64.sub (local.get $n) (i64.const 1)) (i64.add (local.get $acc) (local.get $n))))
          (func $db (param $n i64) (param $acc i64) (result i64)
            (if (i64.eqz (local.get $n)) (then (return (local.get $acc))))
            (call $da (i64.sub (local.get $n) (i64.const 1)) (i64.add (local.get $acc) (local.get $n))))
          (func (export "direct") (param i64) (result i64) (call $da (local.get 0) (i64.const 0)))
        )
        """

    static func instance(engine: Engine) throws -> Instance {
        let store = Store(engine: engine)
        let finish = HostFunction(parameters: [.i64], results: [.i64]) { _, arguments in
            guard case .i64(let acc) = arguments[0] else { return [.i64(-1)] }
            return [.i64(acc + 1000)]
        }
        let imports = try Imports(store: store, ["env": ["finish": finish]])
        return try Instance(store: store, module: try Module(engine: engine, text: wat), imports: imports)
    }

    static func expected(_ n: Int64) -> Int64 { n * (n + 1) / 2 + 1000 }

    /// Optimised (where LLVM may inline the cycle into one function) and unoptimised
    /// (every step a real `musttail` jump between different prototypes).
    @Test(arguments: [OptimizationLevel.o0, .o2])
    func tenMillionDeepMutualRecursionRunsInConstantStack(optimization: OptimizationLevel) throws {
        let engine = optimization == .o2 ? CoreTest.engine : try Engine(Engine.Configuration(optimization: optimization))
        let instance = try Self.instance(engine: engine)
        #expect(try instance.call("run", [.i64(0)]) == [.i64(1000)])
        #expect(try instance.call("run", [.i64(7)]) == [.i64(Self.expected(7))])
        #expect(try instance.call("run", [.i64(10_000_000)]) == [.i64(Self.expected(10_000_000))])
    }

    /// The same depth with ordinary calls exhausts the stack: the test above means something.
    @Test func theSameDepthWithOrdinaryCallsExhaustsTheStack() throws {
        let instance = try Self.instance(engine: CoreTest.engine)
        #expect(try instance.call("direct", [.i64(100)]) == [.i64(5050)])
        do {
            _ = try instance.call("direct", [.i64(10_000_000)])
            Issue.record("10 million nested ordinary calls returned")
        } catch {
            #expect(CoreTest.trapCode(error) == .callStackExhausted)
        }
    }

    /// With fuel metering the tail calls are charged, and the fuel runs out mid-recursion.
    @Test func fuelIsChargedAcrossTailCalls() throws {
        let instance = try Self.instance(engine: ControlFixture.fuelEngine)
        try instance.store.setFuel(100_000_000)
        #expect(try instance.call("run", [.i64(1_000_000)]) == [.i64(Self.expected(1_000_000))])
        let used = 100_000_000 - (instance.store.fuel ?? 0)
        #expect(used > 1_000_000 * 5, "only \(used) units for a million tail calls")
        try instance.store.setFuel(10_000)
        do {
            _ = try instance.call("run", [.i64(1_000_000)])
            Issue.record("a million tail calls ran on 10,000 units of fuel")
        } catch {
            #expect(CoreTest.trapCode(error) == .outOfFuel)
        }
    }

    /// A cycle made only of tail calls (no loop) is still interrupted by the epoch deadline.
    @Test func endlessTailCallCycleIsInterrupted() throws {
        let (_, instance) = try CoreTest.instantiate("""
            (module
              (func $ping (param i32) (result i32) (return_call $pong (i64.extend_i32_u (local.get 0))))
              (func $pong (param i64) (result i32) (return_call $ping (i32.wrap_i64 (local.get 0))))
              (func (export "spin") (result i32) (return_call $ping (i32.const 1))))
            """)
        do {
            _ = try instance.call("spin", [], timeout: .milliseconds(100))
            Issue.record("the endless tail-call cycle returned")
        } catch {
            #expect(CoreTest.trapCode(error) == .interrupted)
        }
    }

    static let indirectWat = """
        (module
          (type $ii (func (param i32) (result i32)))
          (type $li (func (param i64) (result i32)))
          (table 4 funcref)
          (elem (i32.const 0) $double $wide)
          (func $double (type $ii) (i32.mul (local.get 0) (i32.const 2)))
          (func $wide (type $li) (i32.wrap_i64 (local.get 0)))
          (func $divide (param i32) (result i32) (i32.div_u (i32.const 100) (local.get 0)))
          (func (export "call") (param $slot i32) (param $x i32) (result i32)
            (return_call_indirect (type $ii) (local.get $x) (local.get $slot)))
          (func (export "divide") (param i32) (result i32) (return_call $divide (local.get 0))))
        """

    @Test func returnCallIndirectChecksTheSlot() throws {
        let (_, instance) = try CoreTest.instantiate(Self.indirectWat)
        #expect(try instance.call("call", [.i32(0), .i32(21)]) == [.i32(42)])
        let cases: [(slot: Int32, trap: TrapCode)] = [
            (1, .indirectCallTypeMismatch), (2, .uninitializedElement), (4, .undefinedElement), (-1, .undefinedElement),
        ]
        for (slot, expected) in cases {
            do {
                _ = try instance.call("call", [.i32(slot), .i32(1)])
                Issue.record("slot \(slot) did not trap")
            } catch {
                #expect(CoreTest.trapCode(error) == expected, "slot \(slot)")
            }
        }
        // The instance stays usable after the traps.
        #expect(try instance.call("call", [.i32(0), .i32(5)]) == [.i32(10)])
    }

    /// A trap in a tail-called function reports the callee's frame; the caller's frame
    /// was replaced by it. (Unoptimised, so that the callee is not inlined.)
    @Test func trapInTailCalledFunctionHasTheCalleeFrame() throws {
        let engine = try Engine(Engine.Configuration(optimization: .o0))
        let store = Store(engine: engine)
        let instance = try Instance(store: store, module: try Module(engine: engine, text: Self.indirectWat), imports: Imports())
        #expect(try instance.call("divide", [.i32(4)]) == [.i32(25)])
        do {
            _ = try instance.call("divide", [.i32(0)])
            Issue.record("division by zero returned")
        } catch {
            guard case .trap(let trap)? = error as? WasmexError else {
                Issue.record("expected a trap, got \(error)")
                return
            }
            #expect(trap.code == .integerDivideByZero)
            #expect(trap.frames.first?.functionIndex == 2, "frames: \(trap.frames)")
            #expect(!trap.frames.contains { $0.functionIndex == 4 }, "frames: \(trap.frames)")
        }
    }

    /// A tail call must return exactly the caller's results.
    @Test func validationRejectsMismatchedResults() throws {
        for body in ["(return_call $f)", "(return_call_indirect (type $t) (i32.const 0))"] {
            let wat = """
                (module (type $t (func (result i64))) (table 1 funcref)
                  (func $f (result i64) (i64.const 1))
                  (func (result i32) \(body)))
                """
            #expect(throws: (any Error).self, "\(body)") { try Module(engine: CoreTest.engine, text: wat) }
        }
    }
}
