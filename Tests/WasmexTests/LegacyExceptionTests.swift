import Foundation
import Testing
@testable import Wasmex
import WasmexSpec

/// Legacy exception handling (`try`/`catch`/`catch_all`/`delegate`/`rethrow`,
/// as Emscripten emits it), end to end through the public API: exceptions
/// cross Wasm frames, `rethrow` throws a catch block's exception again,
/// `delegate` hands it to an outer `try` or to the caller, traps are never
/// caught, and every exception is freed once nothing holds it.
struct LegacyExceptionTests {
    static let engines = ExceptionHandlingTests.engines

    static func instantiate(_ wat: String, engine: Engine) throws -> Instance {
        let store = Store(engine: engine)
        return try Instance(store: store, module: try Module(engine: engine, text: wat))
    }

    /// The tag and payload of the exception `body` ends with (nil if it returned).
    static func exception(_ body: () throws -> [Value]) throws -> (tag: Wasmex.Tag, payload: [Value])? {
        do {
            _ = try body()
            return nil
        } catch WasmexError.exception(let tag, let payload) {
            return (tag, payload)
        }
    }

    static let acrossFunctions = """
        (module
          (tag $e (export "e") (param i32))
          (tag $other (export "other") (param f64))
          (func $thrower (param i32)
            (if (i32.lt_s (local.get 0) (i32.const 0)) (then (throw $other (f64.const 2.5))))
            (throw $e (i32.mul (local.get 0) (i32.const 10))))
          (func $middle (param i32) (result i32) (call $thrower (local.get 0)) (i32.const -1))
          (func (export "run") (param i32) (result i32)
            (try (result i32)
              (do (call $middle (local.get 0)))
              (catch $e (i32.add (i32.const 1)))))
          (func (export "catch-all") (param i32) (result i32)
            (try (result i32)
              (do (call $middle (local.get 0)))
              (catch $e (i32.add (i32.const 1)))
              (catch_all (i32.const 99)))))
        """

    @Test(arguments: engines)
    func tryCatchAcrossFunctions(engine: Engine) throws {
        let instance = try Self.instantiate(Self.acrossFunctions, engine: engine)
        // $thrower throws (7 * 10) two frames below the try; the catch block gets the payload.
        #expect(try instance.call("run", [.i32(7)]) == [.i32(71)])
        #expect(try instance.call("catch-all", [.i32(7)]) == [.i32(71)])
        // Another tag passes `catch $e` by, is caught by `catch_all` ...
        #expect(try instance.call("catch-all", [.i32(-1)]) == [.i32(99)])
        // ... or, without one, reaches Swift with its tag and payload.
        let uncaught = try #require(try Self.exception { try instance.call("run", [.i32(-1)]) })
        guard case .tag(let other)? = instance.export(named: "other") else {
            Issue.record("no exported tag")
            return
        }
        #expect(uncaught.tag == other)
        #expect(uncaught.payload == [.f64(2.5)])
        #expect(instance.store.liveExceptionCount == 0)
    }

    static let rethrowing = """
        (module
          (tag $outer (export "outer") (param i32))
          (tag $inner (export "inner") (param i32))
          (func $throw-outer (param i32) (throw $outer (local.get 0)))
          ;; In the catch block of $outer, a nested try catches $inner; its catch
          ;; block rethrows either exception (inside `if`, the catch blocks are
          ;; labels 1 and 2).
          (func $nested (export "nested") (param $which i32) (result i32)
            (try (result i32)
              (do (call $throw-outer (i32.const 1)) (i32.const 0))
              (catch $outer
                (drop)
                (try (result i32)
                  (do (throw $inner (i32.const 2)))
                  (catch $inner
                    (drop)
                    (if (i32.eq (local.get $which) (i32.const 0)) (then (rethrow 1)))
                    (if (i32.eq (local.get $which) (i32.const 1)) (then (rethrow 2)))
                    (i32.const 3))))))
          ;; Which exception the rethrow above throws, as the caller catches it.
          (func (export "caught") (param i32) (result i32)
            (try (result i32)
              (do (call $nested (local.get 0)))
              (catch $outer (i32.add (i32.const 100)))
              (catch $inner (i32.add (i32.const 200)))))
          ;; The catch block's own exception, rethrown in a nested try that catches it
          ;; again, then once more from the outer catch block: the same exception.
          (func (export "recatch") (result i32)
            (try (result i32)
              (do
                (try (result i32)
                  (do (throw $outer (i32.const 5)))
                  (catch $outer
                    (try (result i32)
                      (do (rethrow 1))
                      (catch $outer))
                    (i32.add)
                    (rethrow 0))))
              (catch $outer (i32.add (i32.const 1000))))))
        """

    @Test(arguments: engines)
    func rethrowFromANestedCatch(engine: Engine) throws {
        let instance = try Self.instantiate(Self.rethrowing, engine: engine)
        #expect(try instance.call("nested", [.i32(2)]) == [.i32(3)])
        #expect(try instance.call("caught", [.i32(0)]) == [.i32(202)])
        #expect(try instance.call("caught", [.i32(1)]) == [.i32(101)])
        // `rethrow 2` from the inner catch block throws the outer one's exception, payload intact.
        let uncaught = try #require(try Self.exception { try instance.call("nested", [.i32(1)]) })
        guard case .tag(let outer)? = instance.export(named: "outer") else {
            Issue.record("no exported tag")
            return
        }
        #expect(uncaught.tag == outer)
        #expect(uncaught.payload == [.i32(1)])
        // Caught twice (5 + 5 = 10, discarded by the rethrow), then rethrown with its own payload 5.
        #expect(try instance.call("recatch", []) == [.i32(1005)])
        #expect(instance.store.liveExceptionCount == 0)
    }

    static let delegates = """
        (module
          (tag $e (export "e") (param i32))
          (func $throw (param i32) (throw $e (local.get 0)))
          ;; delegate $outer skips the middle try's catch.
          (func (export "to-outer") (param i32) (result i32)
            (try $outer (result i32)
              (do
                (try (result i32)
                  (do
                    (try (result i32)
                      (do (call $throw (local.get 0)) (i32.const 0))
                      (delegate $outer)))
                  (catch $e (i32.add (i32.const 1000)))))
              (catch $e (i32.add (i32.const 2000)))))
          ;; delegate 1 names the function body: the exception goes to the caller,
          ;; past this function's own try and its catch_all.
          (func $to-caller (export "to-caller") (param i32) (result i32)
            (try (result i32)
              (do
                (try (result i32)
                  (do (call $throw (local.get 0)) (i32.const 0))
                  (delegate 1)))
              (catch_all (i32.const -1))))
          (func (export "caller") (param i32) (result i32)
            (try (result i32)
              (do (call $to-caller (local.get 0)))
              (catch $e (i32.add (i32.const 3000)))))
          ;; delegate out of a catch block: its exception is dropped on the way.
          (func (export "from-catch") (param i32) (result i32)
            (try (result i32)
              (do
                (try (result i32)
                  (do (throw $e (i32.const 1)))
                  (catch $e
                    (drop)
                    (try (result i32)
                      (do (call $throw (i32.add (local.get 0) (i32.const 1))) (i32.const 0))
                      (delegate 1)))))
              (catch $e (i32.add (i32.const 4000))))))
        """

    @Test(arguments: engines)
    func delegateToAnOuterTryAndToTheCaller(engine: Engine) throws {
        let instance = try Self.instantiate(Self.delegates, engine: engine)
        #expect(try instance.call("to-outer", [.i32(5)]) == [.i32(2005)])
        #expect(try instance.call("caller", [.i32(6)]) == [.i32(3006)])
        let uncaught = try #require(try Self.exception { try instance.call("to-caller", [.i32(7)]) })
        #expect(uncaught.payload == [.i32(7)])
        #expect(try instance.call("from-catch", [.i32(8)]) == [.i32(4009)])
        #expect(instance.store.liveExceptionCount == 0)
    }

    @Test(arguments: engines)
    func catchAllDoesNotCatchTraps(engine: Engine) throws {
        let instance = try Self.instantiate("""
            (module
              (tag $e)
              (func $div (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1)))
              (func (export "unreachable") (result i32)
                (try (result i32) (do (unreachable)) (catch_all (i32.const 1))))
              (func (export "divide") (param i32 i32) (result i32)
                (try (result i32)
                  (do (call $div (local.get 0) (local.get 1)))
                  (catch_all (i32.const -1))))
              ;; A trap inside a catch block: the call ends, the exception is freed.
              (func (export "trap-in-catch") (param i32 i32) (result i32)
                (try (result i32)
                  (do (throw $e))
                  (catch_all (call $div (local.get 0) (local.get 1))))))
            """, engine: engine)
        try CoreTest.expectTrapsPassHandlers(instance)
        do {
            _ = try instance.call("trap-in-catch", [.i32(1), .i32(0)])
            Issue.record("the trap was caught")
        } catch {
            #expect(CoreTest.trapCode(error) == .integerDivideByZero)
        }
        #expect(instance.store.liveExceptionCount == 0)
        #expect(try instance.call("trap-in-catch", [.i32(8), .i32(2)]) == [.i32(4)])
    }

    /// Every way out of a catch block frees its exception: its end, a branch
    /// out, `return`, a new exception thrown from it, `rethrow`, a `try_table`
    /// inside it catching the rethrown exception; only an `exnref` taken with
    /// `catch_ref` outlives the block (and stays usable).
    @Test(arguments: engines)
    func caughtExceptionsAreFreedOnEveryWayOut(engine: Engine) throws {
        let instance = try Self.instantiate("""
            (module
              (tag $e (param i32))
              (tag $f)
              (global $kept (mut exnref) (ref.null exn))
              (func $throw (param i32) (throw $e (local.get 0)))
              (func (export "way-out") (param $how i32) (result i32)
                (block $out (result i32)
                  (try $t (result i32)
                    (do (call $throw (local.get $how)) (i32.const -1))
                    (catch $e
                      (br_if $out (i32.eq (local.get $how) (i32.const 1)))
                      (if (i32.eq (local.get $how) (i32.const 2)) (then (return (i32.const 20))))
                      (if (i32.eq (local.get $how) (i32.const 3))
                        (then (try (do (throw $f)) (catch_all)) (return (i32.const 30))))
                      (if (i32.eq (local.get $how) (i32.const 4))
                        (then
                          (block $h (result i32) (try_table (catch $e $h) (rethrow $t)) (unreachable))
                          (return)))
                      (if (i32.eq (local.get $how) (i32.const 5))
                        (then
                          (block $h (result i32 exnref)
                            (try_table (catch_ref $e $h) (rethrow $t))
                            (unreachable))
                          (global.set $kept)
                          (return)))))))
              (func (export "throw-in-catch") (result i32)
                (try (result i32)
                  (do (try (result i32) (do (call $throw (i32.const 1)) (i32.const 0)) (catch_all (throw $f))))
                  (catch $f (i32.const 6))))
              (func (export "rethrow-kept") (throw_ref (global.get $kept)))
              (func (export "loop") (param $n i32) (result i32)
                (local $sum i32)
                (loop $next
                  (local.set $sum (i32.add (local.get $sum)
                    (try (result i32)
                      (do (try (result i32) (do (call $throw (local.get $n)) (i32.const 0)) (catch_all (rethrow 0))))
                      (catch $e))))
                  (local.tee $n (i32.sub (local.get $n) (i32.const 1)))
                  (br_if $next))
                (local.get $sum)))
            """, engine: engine)
        #expect(try instance.call("way-out", [.i32(0)]) == [.i32(0)])
        #expect(try instance.call("way-out", [.i32(1)]) == [.i32(1)])
        #expect(try instance.call("way-out", [.i32(2)]) == [.i32(20)])
        #expect(try instance.call("way-out", [.i32(3)]) == [.i32(30)])
        #expect(try instance.call("way-out", [.i32(4)]) == [.i32(4)])
        #expect(try instance.call("throw-in-catch", []) == [.i32(6)])
        #expect(instance.store.liveExceptionCount == 0)
        #expect(try instance.call("way-out", [.i32(5)]) == [.i32(5)])
        // The exnref taken from the rethrown exception outlives the catch block.
        #expect(instance.store.liveExceptionCount == 1)
        let kept = try #require(try Self.exception { try instance.call("rethrow-kept", []) })
        #expect(kept.payload == [.i32(5)])
        // 100 000 throws, each caught by catch_all, rethrown and caught again: nothing left.
        #expect(try instance.call("loop", [.i32(100_000)]) == [.i32(705_082_704)])
        #expect(instance.store.liveExceptionCount == 1)
    }

    /// Ahead-of-time compiled code handles the legacy forms like the JIT.
    @Test func aheadOfTimeCompiledCode() throws {
        let engine = CoreTest.engine
        let bytes = try Module(engine: engine, text: Self.delegates).serialize()
        let module = try Module.deserialize(engine: engine, bytes: bytes)
        let instance = try Instance(store: Store(engine: engine), module: module)
        #expect(try instance.call("to-outer", [.i32(5)]) == [.i32(2005)])
        #expect(try instance.call("caller", [.i32(6)]) == [.i32(3006)])
        #expect(try instance.call("from-catch", [.i32(8)]) == [.i32(4009)])
        #expect(instance.store.liveExceptionCount == 0)
    }

    /// The spec runner unfolds the folded `try` for `wasm-tools` (which reads only
    /// the flat one), keeping strings, comments and line numbers.
    @Test func theSpecRunnerUnfoldsFoldedTry() throws {
        let script = """
            (module (func (try $t (result i32)
              (do (try (do (call 0)) (delegate $t)) (i32.const 1))  ;; (try (do))
              (catch 0 (rethrow 0))
              (catch_all (i32.const 2)))))
            (assert_malformed (module quote "(func (try (do) (catch_all)))") "x")
            """
        let unfolded = try #require(LegacyTryUnfolding.unfold(Array(script.utf8)))
        #expect(String(decoding: unfolded, as: UTF8.self) == """
            (module (func  try $t (result i32)
                   try     (call 0)   delegate $t   (i32.const 1)   ;; (try (do))
               catch 0 (rethrow 0) 
               catch_all (i32.const 2)  end ))
            (assert_malformed (module quote "(func (try (do) (catch_all)))") "x")
            """)
        #expect(LegacyTryUnfolding.unfold(Array("(module (func (try_table (do))))".utf8)) == nil)
    }

    /// `rethrow` must name a catch block; `delegate` a label around its `try`.
    @Test func validationRules() throws {
        let invalid = [
            ("(module (func (rethrow 0)))", "invalid rethrow label"),
            ("(module (func (block (rethrow 0))))", "invalid rethrow label"),
            ("(module (func (try (do (rethrow 0)) (delegate 0))))", "invalid rethrow label"),
            ("(module (func (try (do) (delegate 1))))", "unknown label"),
            ("(module (tag) (func (try (do) (catch 0 (i32.const 42)))))", "type mismatch"),
        ]
        for (wat, message) in invalid {
            do {
                _ = try Module(engine: CoreTest.engine, text: wat)
                Issue.record("accepted: \(wat)")
            } catch {
                #expect("\(error)".contains(message), "\(wat): \(error)")
            }
        }
        // The flat text form is the same module as the folded one.
        let flat = try Module(engine: CoreTest.engine, text: """
            (module
              (tag $e (param i32))
              (func (export "f") (param i32) (result i32)
                try $t (result i32)
                  local.get 0
                  throw $e
                catch $e
                  i32.const 1
                  i32.add
                catch_all
                  i32.const 0
                end $t))
            """)
        let instance = try Instance(store: Store(engine: CoreTest.engine), module: flat)
        #expect(try instance.call("f", [.i32(41)]) == [.i32(42)])
    }
}
