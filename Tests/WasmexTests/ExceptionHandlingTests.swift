import Foundation
import Testing
@testable import Wasmex

/// Wasm exception handling (`throw`, `throw_ref`, `try_table`): exceptions
/// cross Wasm frames, linked instances and host functions; uncaught ones reach
/// Swift as ``WasmexError/exception(tag:payload:)``; traps are never caught.
struct ExceptionHandlingTests {
    /// Eager O0, eager O2 and the default tiered engine (first tier forwarding to O2).
    static let engines: [Engine] = {
        do {
            return [
                try Engine(Engine.Configuration(optimization: .o0, compilation: .eager)),
                try Engine(Engine.Configuration(optimization: .o2, compilation: .eager)),
                CoreTest.engine,
            ]
        } catch {
            fatalError("cannot create the test engines: \(error)")
        }
    }()

    static func instantiate(_ wat: String, engine: Engine, store: Store? = nil,
                            imports: Imports = Imports()) throws -> (Store, Instance) {
        let store = store ?? Store(engine: engine)
        let module = try Module(engine: engine, text: wat)
        return (store, try Instance(store: store, module: module, imports: imports))
    }

    static let frames = """
        (module
          (tag $e (export "e") (param i32))
          (func $f3 (param i32) (throw $e (i32.mul (local.get 0) (i32.const 2))))
          (func $f2 (param i32) (call $f3 (i32.add (local.get 0) (i32.const 1))) (unreachable))
          (func $f1 (param i32) (result i32) (call $f2 (local.get 0)) (i32.const -1))
          (func (export "run") (param i32) (result i32)
            (block $h (result i32)
              (try_table (result i32) (catch $e $h) (call $f1 (local.get 0))))
            (i32.const 1000) (i32.add))
          (func (export "raise") (param i32) (result i32) (call $f1 (local.get 0))))
        """

    @Test(arguments: engines)
    func anExceptionCrossesSeveralFrames(engine: Engine) throws {
        let (_, instance) = try Self.instantiate(Self.frames, engine: engine)
        // f3 throws (20 + 1) * 2 three frames below the try_table.
        #expect(try instance.call("run", [.i32(20)]) == [.i32(1042)])
        #expect(try instance.call("run", [.i32(-1)]) == [.i32(1000)])
    }

    @Test(arguments: engines)
    func anUncaughtExceptionReachesSwiftWithItsTagAndPayload(engine: Engine) throws {
        let (_, instance) = try Self.instantiate(Self.frames, engine: engine)
        guard case .tag(let exported)? = instance.export(named: "e") else {
            Issue.record("no exported tag")
            return
        }
        #expect(exported.parameters == [.i32])
        do {
            _ = try instance.call("raise", [.i32(4)])
            Issue.record("the exception was not reported")
        } catch WasmexError.exception(let tag, let payload) {
            #expect(tag == exported)
            #expect(payload == [.i32(10)])
        }
        // The store still works afterwards, handlers included.
        #expect(try instance.call("run", [.i32(0)]) == [.i32(1002)])
    }

    @Test(arguments: engines)
    func exceptionsCrossLinkedInstances(engine: Engine) throws {
        let store = Store(engine: engine)
        let (_, thrower) = try Self.instantiate("""
            (module
              (tag $e (export "e") (param i64 f64))
              (func (export "throw") (param i64) (throw $e (local.get 0) (f64.const 0.5))))
            """, engine: engine, store: store)
        var imports = Imports()
        imports.define(module: "a", exportsOf: thrower)
        let (_, catcher) = try Self.instantiate("""
            (module
              (tag $imported (import "a" "e") (param i64 f64))
              (func $throw (import "a" "throw") (param i64))
              (tag $own (param i64 f64))
              (func (export "catch") (param i64) (result f64)
                (local $f f64)
                (block $other (result i64 f64)
                  (block $h (result i64 f64)
                    (try_table (catch $own $other) (catch $imported $h) (call $throw (local.get 0)))
                    (return (f64.const -1)))
                  (local.set $f)
                  (return (f64.add (f64.convert_i64_s) (local.get $f))))
                (drop) (drop)
                (f64.const -2)))
            """, engine: engine, store: store, imports: imports)
        // Caught by the clause of the imported tag, not by the look-alike own tag.
        #expect(try catcher.call("catch", [.i64(41)]) == [.f64(41.5)])
    }

    /// ``Links`` satisfy tag imports like any other: the linked module's tag is the importer's.
    @Test func linksProvideTags() throws {
        let store = Store(engine: CoreTest.engine)
        let errors = Array("""
            (module
              (tag $fail (export "fail") (param i32))
              (func (export "check") (param i32) (result i32)
                (if (i32.lt_s (local.get 0) (i32.const 0)) (then (throw $fail (local.get 0))))
                (local.get 0)))
            """.utf8)
        let instance = try Instance(store: store, bytes: Array("""
            (module
              (tag $fail (import "errors" "fail") (param i32))
              (func $check (import "errors" "check") (param i32) (result i32))
              (func (export "abs") (param i32) (result i32)
                (block $h (result i32)
                  (try_table (result i32) (catch $fail $h) (call $check (local.get 0)))
                  (return))
                (i32.mul (i32.const -1))))
            """.utf8), links: ["errors": .bytes(errors)])
        #expect(try instance.call("abs", [.i32(5)]) == [.i32(5)])
        #expect(try instance.call("abs", [.i32(-6)]) == [.i32(6)])
    }

    @Test(arguments: engines)
    func aHostFunctionThrowsAWasmExceptionThatWasmCatches(engine: Engine) throws {
        let store = Store(engine: engine)
        let tag = Tag(store: store, parameters: [.i32])
        let host = try Function(store: store, type: FunctionType(parameters: [.i32], results: [.i32])) { _, arguments in
            guard case .i32(let value) = arguments[0] else { return [.i32(0)] }
            if value < 0 { throw WasmexError.exception(tag: tag, payload: [.i32(-value)]) }
            return [.i32(value)]
        }
        var imports = Imports()
        imports.define(module: "host", name: "tag", .tag(tag))
        imports.define(module: "host", name: "check", .function(host))
        let (_, instance) = try Self.instantiate("""
            (module
              (tag $t (import "host" "tag") (param i32))
              (func $check (import "host" "check") (param i32) (result i32))
              (func (export "run") (param i32) (result i32)
                (block $h (result i32)
                  (try_table (result i32) (catch $t $h) (call $check (local.get 0)))
                  (return))
                (i32.const 100) (i32.add))
              (func (export "uncaught") (param i32) (result i32) (call $check (local.get 0))))
            """, engine: engine, store: store, imports: imports)
        #expect(try instance.call("run", [.i32(5)]) == [.i32(5)])
        #expect(try instance.call("run", [.i32(-7)]) == [.i32(107)])
        // Not caught in Wasm: back to Swift as the same tag and payload.
        do {
            _ = try instance.call("uncaught", [.i32(-3)])
            Issue.record("the exception was not reported")
        } catch WasmexError.exception(let thrown, let payload) {
            #expect(thrown == tag)
            #expect(payload == [.i32(3)])
        }
    }

    /// The typed fast path of host functions throws Wasm exceptions the same way.
    @Test func aTypedHostFunctionThrowsAWasmException() throws {
        let store = Store(engine: CoreTest.engine)
        let tag = Tag(store: store, parameters: [.i32, .i64])
        let host = try Function(store: store, typed: { (_: Caller, value: Int32) throws -> Int32 in
            if value > 10 { throw WasmexError.exception(tag: tag, payload: [.i32(value), .i64(-1)]) }
            return value
        })
        var imports = Imports()
        imports.define(module: "host", name: "tag", .tag(tag))
        imports.define(module: "host", name: "check", .function(host))
        let (_, instance) = try Self.instantiate("""
            (module
              (tag $t (import "host" "tag") (param i32 i64))
              (func $check (import "host" "check") (param i32) (result i32))
              (func (export "run") (param i32) (result i64)
                (local $x i64)
                (block $h (result i32 i64)
                  (try_table (result i32) (catch $t $h) (call $check (local.get 0)))
                  (return (i64.extend_i32_s)))
                (local.set $x)
                (i64.add (i64.extend_i32_s) (local.get $x))))
            """, engine: CoreTest.engine, store: store, imports: imports)
        #expect(try instance.call("run", [.i32(4)]) == [.i64(4)])
        #expect(try instance.call("run", [.i32(40)]) == [.i64(39)])
    }

    /// An exception a nested call (host → Wasm) did not catch passes through the
    /// host function that lets it and is caught by the outer Wasm code.
    @Test(arguments: engines)
    func anExceptionPassesThroughAHostFunction(engine: Engine) throws {
        let store = Store(engine: engine)
        let inner = try Self.instantiate("""
            (module (tag $e (export "e") (param i32)) (func (export "throw") (param i32) (throw $e (local.get 0))))
            """, engine: engine, store: store).1
        let innerThrow = try inner.function(named: "throw")
        let relay = try Function(store: store, type: FunctionType(parameters: [.i32])) { _, arguments in
            try innerThrow.call(arguments)
        }
        var imports = Imports()
        imports.define(module: "inner", exportsOf: inner)
        imports.define(module: "host", name: "relay", .function(relay))
        let (_, outer) = try Self.instantiate("""
            (module
              (tag $e (import "inner" "e") (param i32))
              (func $relay (import "host" "relay") (param i32))
              (func (export "run") (param i32) (result i32)
                (block $h (result i32)
                  (try_table (catch $e $h) (call $relay (local.get 0)))
                  (i32.const -1))))
            """, engine: engine, store: store, imports: imports)
        #expect(try outer.call("run", [.i32(77)]) == [.i32(77)])
    }

    @Test(arguments: engines)
    func trapsAreNotCaughtByCatchAll(engine: Engine) throws {
        let (_, instance) = try Self.instantiate("""
            (module
              (func $div (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1)))
              (func (export "unreachable") (result i32)
                (block $h (try_table (catch_all $h) (unreachable)))
                (i32.const 1))
              (func (export "divide") (param i32 i32) (result i32)
                (block $h (result exnref)
                  (try_table (result i32) (catch_all_ref $h) (call $div (local.get 0) (local.get 1)))
                  (return))
                (drop)
                (i32.const -1)))
            """, engine: engine)
        try CoreTest.expectTrapsPassHandlers(instance)
    }

    /// Locals written in the try body (also in a loop, also through a callee's
    /// throw) are seen by the handler as the body left them.
    @Test(arguments: engines)
    func localsModifiedInTheTryBodyAreVisibleInTheHandler(engine: Engine) throws {
        let (_, instance) = try Self.instantiate("""
            (module
              (tag $e)
              (func $maybe (param i32) (if (i32.ge_u (local.get 0) (i32.const 10)) (then (throw $e))))
              (func (export "run") (param $n i32) (result i32)
                (local $count i32) (local $sum i64)
                (block $h
                  (try_table (catch $e $h)
                    (loop $next
                      (local.set $count (i32.add (local.get $count) (i32.const 1)))
                      (local.set $sum (i64.add (local.get $sum) (i64.extend_i32_u (local.get $count))))
                      (call $maybe (local.get $count))
                      (br_if $next (i32.lt_u (local.get $count) (local.get $n)))))
                  (return (i32.sub (i32.const 0) (local.get $count))))
                (i32.add (i32.mul (local.get $count) (i32.const 1000)) (i32.wrap_i64 (local.get $sum)))))
            """, engine: engine)
        // Thrown when count reaches 10: count 10, sum 55.
        #expect(try instance.call("run", [.i32(100)]) == [.i32(10_055)])
        // Not thrown: the body ends normally.
        #expect(try instance.call("run", [.i32(3)]) == [.i32(-3)])
    }

    /// A million throws caught by `catch` (no `exnref` kept) leave the heap as it was.
    @Test func aMillionThrowsStayFlatInMemory() throws {
        let (_, instance) = try Self.instantiate("""
            (module
              (tag $e (param i32 i64 f64))
              (func $throw (param i32) (throw $e (local.get 0) (i64.const 7) (f64.const 1.5)))
              (func (export "loop") (param $n i32) (result i32)
                (local $i i32) (local $caught i32)
                (loop $next
                  (block $h (result i32 i64 f64)
                    (try_table (catch $e $h) (call $throw (local.get $i)))
                    (unreachable))
                  (drop) (drop)
                  (local.set $caught (i32.add (local.get $caught) (i32.ne (i32.const -1))))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
                (local.get $caught)))
            """, engine: CoreTest.engine)
        #expect(try instance.call("loop", [.i32(1_000)]) == [.i32(1_000)])
        #expect(instance.store.liveExceptionCount == 0)
        #expect(try instance.call("loop", [.i32(1_000_000)]) == [.i32(1_000_000)])
        // Every exception was freed by its `catch`, none is left for the store.
        #expect(instance.store.liveExceptionCount == 0)
    }

    @Test func throwRefRethrowsTheSameException() throws {
        let (_, instance) = try Self.instantiate("""
            (module
              (tag $e (export "e") (param i32))
              (global $kept (mut exnref) (ref.null exn))
              (func (export "keep") (param i32)
                (block $h (result i32 exnref)
                  (try_table (catch_ref $e $h) (throw $e (local.get 0)))
                  (unreachable))
                (global.set $kept)
                (drop))
              (func (export "rethrow") (throw_ref (global.get $kept))))
            """, engine: CoreTest.engine)
        _ = try instance.call("keep", [.i32(9)])
        for _ in 0..<2 {
            do {
                _ = try instance.call("rethrow", [])
                Issue.record("throw_ref returned")
            } catch WasmexError.exception(_, let payload) {
                #expect(payload == [.i32(9)])
            }
        }
    }

    @Test func aTagImportOfAnotherTypeIsRefused() throws {
        let store = Store(engine: CoreTest.engine)
        var imports = Imports()
        imports.define(module: "host", name: "tag", .tag(Tag(store: store, parameters: [.f32])))
        #expect(throws: WasmexError.self) {
            _ = try Self.instantiate("(module (tag (import \"host\" \"tag\") (param i32)))",
                                     engine: CoreTest.engine, store: store, imports: imports)
        }
        let described = try Module(engine: CoreTest.engine, text: "(module (tag (export \"t\") (param i32 f64)))")
        #expect(described.exportDescriptions.map(\.type) == [.tag(parameters: [.i32, .f64])])
    }

    /// `wasmex run` on the committed fixture (binary and text), and `wasmex inspect`.
    @Test func theCLIRunsTheExceptionsFixture() throws {
        for file in ["Fixtures/wasmex/exceptions.wasm", "Fixtures/wasmex/exceptions.wat"] {
            let divided = try CLIHarness.run(["run", "--invoke", "safe_div", file, "7", "2"])
            #expect(divided.status == 0 && divided.stdout == "3\n", "stderr: \(divided.stderr)")
            let caught = try CLIHarness.run(["run", "--invoke", "safe_div", file, "7", "0"])
            #expect(caught.status == 0 && caught.stdout == "-1\n", "stderr: \(caught.stderr)")
            let sum = try CLIHarness.run(["run", "--invoke", "checked_sum", file, "100"])
            #expect(sum.stdout == "5050\n", "stderr: \(sum.stderr)")
            let uncaught = try CLIHarness.run(["run", "--invoke", "checked_sum", file, "1000"])
            #expect(uncaught.status == 1)
            #expect(uncaught.stderr.contains("uncaught Wasm exception (tag [i32 i32]) with payload [i32:362, i32:65703]"),
                    "stderr: \(uncaught.stderr)")
        }
        let inspected = try CLIHarness.run(["inspect", "Fixtures/wasmex/exceptions.wasm"])
        #expect(inspected.stdout.contains("tags (2):\n  0: [i32]\n  1: [i32 i32]\n"), "\(inspected.stdout)")
        #expect(inspected.stdout.contains("overflow: tag 1 [i32 i32]"))
    }

    /// Zero cost without `try_table`: a function that has none gets no volatile
    /// locals and no runtime calls (the lowered IR, as dumped by `WASMEX_DUMP_IR`).
    @Test func functionsWithoutTryTableAreUnchanged() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.file("m.wat", """
            (module
              (tag $e)
              (func (export "plain") (param i32) (result i32)
                (local $x i32)
                (local.set $x (i32.add (local.get 0) (i32.const 1)))
                (block $b (br_if $b (local.get $x)))
                (local.get $x))
              (func (export "guarded") (param i32) (result i32)
                (local $x i32)
                (block $h (try_table (catch $e $h) (local.set $x (i32.const 5)) (throw $e)))
                (local.get $x)))
            """)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(CLIHarness.binary))
        process.arguments = ["run", "--no-cache", "--compilation", "eager", "--invoke", "guarded",
                             directory.url.appendingPathComponent("m.wat").path, "1"]
        process.environment = ProcessInfo.processInfo.environment.merging(["WASMEX_DUMP_IR": directory.url.path]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let dumps = try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter { $0.hasSuffix(".ll") }
        let ir = try String(contentsOf: directory.url.appendingPathComponent(try #require(dumps.first)), encoding: .utf8)
        func body(_ name: String) -> String {
            guard let start = ir.range(of: "@\(name)(") else { return "" }
            let rest = ir[start.upperBound...]
            return String(rest[..<(rest.range(of: "\n}\n")?.lowerBound ?? rest.endIndex)])
        }
        let plain = body("wasm_f0"), guarded = body("wasm_f1")
        #expect(!plain.isEmpty && !guarded.isEmpty)
        for marker in ["volatile", "_setjmp", "wasmex_eh_"] {
            #expect(!plain.contains(marker), "\(marker) in a function without try_table")
            #expect(guarded.contains(marker), "no \(marker) in the function with a try_table")
        }
    }

    /// Fuel keeps counting through throws and handlers: a throwing loop runs
    /// out of fuel (a trap, not caught by its `catch_all`), and the fuel used
    /// grows with the work done.
    @Test func fuelIsChargedAcrossThrows() throws {
        let engine = try Engine(Engine.Configuration(consumeFuel: true, compilation: .eager))
        let (store, instance) = try Self.instantiate("""
            (module
              (tag $e (param i32))
              (func $throw (param i32) (throw $e (local.get 0)))
              (func (export "loop") (param $n i32) (result i32)
                (local $i i32)
                (loop $next
                  (block $h
                    (try_table (catch_all $h) (call $throw (local.get $i))))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
                (local.get $i)))
            """, engine: engine)
        try store.setFuel(1_000_000)
        #expect(try instance.call("loop", [.i32(100)]) == [.i32(100)])
        let afterHundred = try #require(store.fuel)
        #expect(try instance.call("loop", [.i32(1_000)]) == [.i32(1_000)])
        let afterThousand = try #require(store.fuel)
        #expect(1_000_000 - afterHundred > 100 * 5)
        #expect(afterHundred - afterThousand > 1_000 * 5)
        do {
            _ = try instance.call("loop", [.i32(100_000_000)])
            Issue.record("the loop did not run out of fuel")
        } catch {
            #expect(CoreTest.trapCode(error) == .outOfFuel)
        }
    }
}
