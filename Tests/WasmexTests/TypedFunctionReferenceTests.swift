import Foundation
import Testing
import Wasmex

/// Typed function references (Wasm 3.0): `(ref $t)` types, `call_ref`,
/// `return_call_ref`, the null tests, non-nullable locals and tables, and
/// canonical type identity across modules — through the public API.
struct TypedFunctionReferenceTests {
    static let wat = """
        (module
          (type $binop (func (param i32 i32) (result i32)))
          (func $add (type $binop) (i32.add (local.get 0) (local.get 1)))
          (func $sub (type $binop) (i32.sub (local.get 0) (local.get 1)))
          (elem declare func $add $sub)
          ;; A table of non-null references needs an initial value.
          (table $ops 2 (ref $binop) (ref.func $add))
          (func (export "set_sub") (table.set $ops (i32.const 1) (ref.func $sub)))
          (func (export "apply") (param $which i32) (param i32 i32) (result i32)
            (local $f (ref $binop))
            (local.set $f (table.get $ops (local.get $which)))
            (call_ref $binop (local.get 1) (local.get 2) (local.get $f)))
          (func (export "apply_ref") (param $f (ref null $binop)) (param i32 i32) (result i32)
            (call_ref $binop (local.get 1) (local.get 2) (local.get $f)))
          (func (export "get") (param i32) (result (ref $binop)) (table.get $ops (local.get 0)))
          (func (export "null_call") (result i32)
            (call_ref $binop (i32.const 1) (i32.const 2) (ref.null $binop)))
          (func (export "as_non_null") (param funcref) (result funcref)
            (ref.as_non_null (local.get 0)))
          (func (export "is_null") (param funcref) (result i32)
            (block $l (result (ref func))
              (br_on_non_null $l (local.get 0))
              (return (i32.const 1)))
            drop (i32.const 0))
          (func (export "count_null") (param funcref) (result i32)
            (block $l
              (br_on_null $l (local.get 0))
              drop
              (return (i32.const 0)))
            (i32.const 1))
          ;; 10 million tail calls through references stay in constant stack.
          (type $step (func (param i64 i64) (result i64)))
          (func $even (type $step)
            (if (result i64) (i64.eqz (local.get 0)) (then (local.get 1))
              (else (return_call_ref $step (i64.sub (local.get 0) (i64.const 1))
                                           (i64.add (local.get 1) (i64.const 1)) (ref.func $odd)))))
          (func $odd (type $step)
            (if (result i64) (i64.eqz (local.get 0)) (then (local.get 1))
              (else (return_call_ref $step (i64.sub (local.get 0) (i64.const 1))
                                           (i64.add (local.get 1) (i64.const 2)) (ref.func $even)))))
          (elem declare func $even $odd)
          (func (export "walk") (param i64) (result i64) (call $even (local.get 0) (i64.const 0)))
        )
        """

    static func instance(_ engine: Engine? = nil) throws -> Instance {
        let engine = try engine ?? Engine()
        let store = Store(engine: engine)
        return try Instance(store: store, module: try Module(engine: engine, text: wat))
    }

    @Test func callRefCallsThroughTypedTablesAndLocals() throws {
        let instance = try Self.instance()
        #expect(try instance.call("apply", [.i32(0), .i32(7), .i32(5)]) == [.i32(12)])
        // Slot 1 starts as the table's initial value, $add, until set to $sub.
        #expect(try instance.call("apply", [.i32(1), .i32(7), .i32(5)]) == [.i32(12)])
        _ = try instance.call("set_sub")
        #expect(try instance.call("apply", [.i32(1), .i32(7), .i32(5)]) == [.i32(2)])
    }

    @Test func nullReferencesTrapWithTheirOwnMessages() throws {
        let instance = try Self.instance()
        #expect(throws: WasmexError.self) { try instance.call("null_call") }
        do {
            _ = try instance.call("null_call")
        } catch {
            #expect("\(error)".contains("null function reference"))
        }
        do {
            _ = try instance.call("as_non_null", [.funcRef(nil)])
            Issue.record("ref.as_non_null of null returned")
        } catch {
            #expect("\(error)".contains("null reference"))
        }
        #expect(try instance.call("is_null", [.funcRef(nil)]) == [.i32(1)])
        #expect(try instance.call("count_null", [.funcRef(nil)]) == [.i32(1)])
        let add = try instance.call("get", [.i32(0)])
        #expect(try instance.call("is_null", add) == [.i32(0)])
        #expect(try instance.call("count_null", add) == [.i32(0)])
        #expect(try instance.call("as_non_null", add) == add)
    }

    /// The host hands a function back into a `(ref null $binop)` parameter: one of the
    /// right type is accepted, one of another type is refused before any Wasm runs.
    @Test func hostArgumentsAreCheckedAgainstConcreteTypes() throws {
        let instance = try Self.instance()
        let add = try instance.call("get", [.i32(0)])
        #expect(try instance.call("apply_ref", add + [.i32(40), .i32(2)]) == [.i32(42)])
        #expect(throws: WasmexError.self) { try instance.call("apply_ref", [.funcRef(nil), .i32(1), .i32(2)]) }
        let wrong = try instance.function(named: "walk")
        do {
            _ = try instance.call("apply_ref", [.funcRef(wrong), .i32(1), .i32(2)])
            Issue.record("a function of another type was accepted for (ref null $binop)")
        } catch WasmexError.valueType(let index, _, _) {
            #expect(index == 0)
        }
    }

    /// The example of the FunctionReferences DocC article, with its values.
    @Test func functionReferencesArticleExample() throws {
        let engine = try Engine()
        let store = Store(engine: engine)
        let instance = try Instance(store: store, bytes: Array("""
            (module
              (type $binop (func (param i32 i32) (result i32)))
              (func $add (type $binop) (i32.add (local.get 0) (local.get 1)))
              (elem declare func $add)
              (func (export "add_ref") (result (ref $binop)) (ref.func $add))
              (func (export "apply") (param $f (ref null $binop)) (param i32 i32) (result i32)
                (call_ref $binop (local.get 1) (local.get 2) (local.get $f))))
            """.utf8))
        let add = try instance.call("add_ref")
        guard case .funcRef(let function?)? = add.first else {
            Issue.record("add_ref returned \(add)")
            return
        }
        #expect(function.type == FunctionType(parameters: [.i32, .i32], results: [.i32]))
        #expect(try instance.call("apply", add + [.i32(40), .i32(2)]) == [.i32(42)])
    }

    /// `br_on_null` and `br_on_non_null` that leave a `try_table` unlink its handler,
    /// like `br_if`: the exception thrown afterwards is caught by the outer handler
    /// (payload 7), never by the inner one whose block was left.
    @Test(arguments: [CompilationStrategy.tiered, .eager])
    func nullTestsLeavingATryTableRestoreTheHandlers(_ strategy: CompilationStrategy) throws {
        var configuration = Engine.Configuration()
        configuration.compilation = strategy
        let engine = try Engine(configuration)
        let instance = try Instance(store: Store(engine: engine), module: try Module(engine: engine, text: """
            (module
              (tag $e (param i32))
              (func $thrower (throw $e (i32.const 7)))
              (func (export "on_null") (param funcref) (result i32)
                (block $outer (result i32)
                  (try_table (result i32) (catch $e $outer)
                    (block $left
                      (try_table (catch_all $left)
                        (br_on_null $left (local.get 0))
                        drop)
                      (return (i32.const -1)))
                    (call $thrower)
                    (i32.const 0))))
              (func (export "on_non_null") (param funcref) (result i32)
                (block $outer (result i32)
                  (try_table (result i32) (catch $e $outer)
                    (block $caught
                      (drop (block $left (result (ref func))
                        (try_table (catch_all $caught)
                          (br_on_non_null $left (local.get 0)))
                        (return (i32.const -1))))
                      (call $thrower)
                      (return (i32.const 0)))
                    ;; Only reached if the inner handler, whose block was left, caught.
                    (i32.const -2)))))
            """))
        #expect(try instance.call("on_null", [.funcRef(nil)]) == [.i32(7)])
        let function = try instance.function(named: "on_null")
        #expect(try instance.call("on_null", [.funcRef(function)]) == [.i32(-1)])
        #expect(try instance.call("on_non_null", [.funcRef(function)]) == [.i32(7)])
        #expect(try instance.call("on_non_null", [.funcRef(nil)]) == [.i32(-1)])
    }

    @Test func returnCallRefRunsInConstantStack() throws {
        let instance = try Self.instance()
        // Even steps add 1, odd steps add 2: 5,000,000 of each.
        #expect(try instance.call("walk", [.i64(10_000_000)]) == [.i64(15_000_000)])
    }

    /// Equivalent types declared by different modules are one type: an import of a
    /// function typed `(func (param (ref $t)))` links to an export of an equivalent
    /// type, and `call_indirect` across the two modules succeeds.
    @Test func equivalentTypesOfDifferentModulesAreOneType() throws {
        let engine = try Engine()
        let store = Store(engine: engine)
        let provider = try Instance(store: store, module: try Module(engine: engine, text: """
            (module
              (type $unary (func (param i32) (result i32)))
              (type $applier (func (param (ref $unary) i32) (result i32)))
              (func $double (type $unary) (i32.mul (local.get 0) (i32.const 2)))
              (func (export "apply") (type $applier) (call_ref $unary (local.get 1) (local.get 0)))
              (table (export "table") 1 funcref)
              (elem (i32.const 0) $double))
            """))
        var imports = Imports()
        imports.define(module: "p", exportsOf: provider)
        let user = try Instance(store: store, module: try Module(engine: engine, text: """
            (module
              (type $other (func))
              (type $u (func (param i32) (result i32)))
              (import "p" "apply" (func $apply (param (ref $u) i32) (result i32)))
              (import "p" "table" (table 1 funcref))
              (func $inc (type $u) (i32.add (local.get 0) (i32.const 1)))
              (elem declare func $inc)
              (func (export "via_import") (result i32) (call $apply (ref.func $inc) (i32.const 41)))
              (func (export "via_table") (result i32) (call_indirect (type $u) (i32.const 20) (i32.const 0))))
            """), imports: imports)
        #expect(try user.call("via_import") == [.i32(42)])
        #expect(try user.call("via_table") == [.i32(40)])

        // A different parameter type does not link.
        let mismatched = try Module(engine: engine, text: """
            (module
              (type $v (func (param i64) (result i32)))
              (import "p" "apply" (func (param (ref $v) i32) (result i32))))
            """)
        #expect(throws: WasmexError.self) { try Instance(store: store, module: mismatched, imports: imports) }
    }

    @Test func validationEnforcesTheTypedRules() throws {
        let engine = try Engine()
        let invalid = [
            // A non-nullable local read before it is set.
            "(module (func (local (ref func)) (drop (local.get 0))))",
            // A non-nullable table without an initial value.
            "(module (type $t (func)) (table 1 (ref $t)))",
            // A nullable reference where a non-null one is required.
            "(module (type $t (func)) (func (param (ref null $t)) (result (ref $t)) (local.get 0)))",
            // call_ref with a reference of another type.
            "(module (type $a (func)) (type $b (func (param i32))) (func (param (ref $a)) (call_ref $b (i32.const 0) (local.get 0))))",
        ]
        for text in invalid {
            #expect(throws: WasmexError.self, "\(text)") { try Module(engine: engine, text: text) }
        }
        // A local set in a block is unset again after it; set at function level, it stays set.
        _ = try Module(engine: engine, text: """
            (module (type $t (func)) (func $f) (elem declare func $f)
              (func (local $r (ref $t)) (local.set $r (ref.func $f)) (block (drop (local.get $r))) (drop (local.get $r))))
            """)
        #expect(throws: WasmexError.self) {
            try Module(engine: engine, text: """
                (module (type $t (func)) (func $f) (elem declare func $f)
                  (func (local $r (ref $t)) (block (local.set $r (ref.func $f))) (drop (local.get $r))))
                """)
        }
    }

    @Test(arguments: [CompilationStrategy.tiered, .eager])
    func everyStrategyAgrees(_ strategy: CompilationStrategy) throws {
        var configuration = Engine.Configuration()
        configuration.compilation = strategy
        let instance = try Self.instance(try Engine(configuration))
        #expect(try instance.call("apply", [.i32(0), .i32(3), .i32(4)]) == [.i32(7)])
        #expect(try instance.call("walk", [.i64(1001)]) == [.i64(1501)])
    }
}
