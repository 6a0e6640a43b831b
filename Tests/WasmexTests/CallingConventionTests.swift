import Testing
import WasmCompiler
@testable import Wasmex

/// Calls between modules of the two calling conventions (see
/// `WasmCallingConvention`): a module without tail calls uses the C convention,
/// one with tail calls `tailcc`, and every funcref record has a way in for
/// each, one of them a per-signature adapter. These cases cross the boundary
/// in both directions, with stack-passed parameters, multiple results, host
/// functions, tables shared between the two, traps, and tail calls that must
/// still run in constant stack.
struct CallingConventionTests {
    /// No tail calls: the C convention. `nine` takes nine parameters (three
    /// of them passed on the machine stack) and returns two results; `pick`
    /// traps on an index of 0; the table, shared with the tail module, holds
    /// `nine` and `pick`.
    static let plain = """
        (module
          (type $nine (func (param i64 i64 i64 i64 i64 i64 i64 i32 f64) (result i64 f64)))
          (import "env" "twice" (func $twice (param i64) (result i64)))
          (table (export "table") 4 funcref)
          (elem (i32.const 0) $nine $pick)
          (func $nine (export "nine") (type $nine)
            (i64.add (i64.add (i64.add (local.get 0) (local.get 1)) (i64.add (local.get 2) (local.get 3)))
                     (i64.add (i64.add (local.get 4) (local.get 5)) (i64.add (local.get 6) (i64.extend_i32_u (local.get 7)))))
            (f64.mul (local.get 8) (f64.const 2)))
          (func $pick (export "pick") (param i32) (result i32)
            (if (i32.eqz (local.get 0)) (then unreachable))
            (i32.mul (local.get 0) (i32.const 10)))
          ;; Calls the tail module's function (imported later through the table, slot 2).
          (func (export "callBack") (param i64) (result i64)
            (call_indirect (param i64) (result i64) (local.get 0) (i32.const 2)))
          (func (export "host") (param i64) (result i64) (call $twice (local.get 0))))
        """

    /// Tail calls: `tailcc`. `loop` counts down with `return_call` and ends in
    /// a tail call of the plain module's `nine` through the shared table, so
    /// every step is a tail call and the last one crosses the boundary.
    static let tailing = """
        (module
          (type $nine (func (param i64 i64 i64 i64 i64 i64 i64 i32 f64) (result i64 f64)))
          (import "plain" "table" (table 4 funcref))
          (import "plain" "nine" (func $nine (type $nine)))
          (import "plain" "pick" (func $pick (param i32) (result i32)))
          (import "env" "twice" (func $twice (param i64) (result i64)))
          (elem (i32.const 2) $square)
          (func $square (export "square") (param i64) (result i64) (i64.mul (local.get 0) (local.get 0)))
          (func $loop (export "loop") (param $n i64) (param $acc i64) (result i64 f64)
            (if (i64.eqz (local.get $n))
              (then (return_call_indirect (type $nine)
                      (local.get $acc) (i64.const 1) (i64.const 2) (i64.const 3) (i64.const 4)
                      (i64.const 5) (i64.const 6) (i32.const 7) (f64.const 1.25) (i32.const 0))))
            (return_call $loop (i64.sub (local.get $n) (i64.const 1)) (i64.add (local.get $acc) (local.get $n))))
          (func (export "direct") (result i64 f64)
            (call $nine (i64.const 1) (i64.const 2) (i64.const 3) (i64.const 4) (i64.const 5)
                        (i64.const 6) (i64.const 7) (i32.const 8) (f64.const 0.5)))
          (func (export "tailPick") (param i32) (result i32) (return_call $pick (local.get 0)))
          (func (export "callPick") (param i32) (result i32) (i32.add (call $pick (local.get 0)) (i32.const 1)))
          (func $hostLoop (export "hostLoop") (param $n i64) (result i64)
            (if (i64.eqz (local.get $n)) (then (return_call $twice (i64.const 21))))
            (return_call $hostLoop (i64.sub (local.get $n) (i64.const 1)))))
        """

    static func instances(_ configuration: Engine.Configuration) throws -> (plain: Instance, tailing: Instance) {
        let engine = try Engine(configuration)
        let store = Store(engine: engine)
        let twice = HostFunction(parameters: [.i64], results: [.i64]) { _, arguments in
            guard case .i64(let value) = arguments[0] else { return [.i64(-1)] }
            return [.i64(value * 2)]
        }
        let host = try Imports(store: store, ["env": ["twice": twice]])
        let plainModule = try Module(engine: engine, text: plain)
        let tailingModule = try Module(engine: engine, text: tailing)
        #expect(plainModule.compiled.convention == .c)
        #expect(tailingModule.compiled.convention == .tail)
        let plain = try Instance(store: store, module: plainModule, imports: host)
        var imports = host
        imports.define(module: "plain", exportsOf: plain)
        return (plain, try Instance(store: store, module: tailingModule, imports: imports))
    }

    /// Eager O2, eager O0, tiered with every function compiled on its first
    /// call, and tiered with every function optimised at its first call.
    static let configurations: [Engine.Configuration] = {
        var lazy = Engine.Configuration()
        lazy.lazyCompilationMinimumCodeSize = 0
        var hot = lazy
        hot.hotnessThreshold = 1
        hot.compilesHotFunctionsInline = true
        return [Engine.Configuration(optimization: .o2, compilation: .eager),
                Engine.Configuration(optimization: .o0, compilation: .eager), lazy, hot]
    }()

    @Test(arguments: configurations.indices)
    func callsCrossTheBoundaryBothWays(configuration: Int) throws {
        let (plain, tailing) = try Self.instances(Self.configurations[configuration])
        // tailcc → C, an ordinary call through an import: nine parameters, two results.
        #expect(try tailing.call("direct") == [.i64(36), .f64(1)])
        // C → tailcc through the shared table (slot 2 holds the tail module's `square`).
        #expect(try plain.call("callBack", [.i64(12)]) == [.i64(144)])
        // Both modules' host calls (the exit trampoline, and its tail adapter for `return_call`).
        #expect(try plain.call("host", [.i64(5)]) == [.i64(10)])
        #expect(try tailing.call("hostLoop", [.i64(3)]) == [.i64(42)])
        // The host calls into each module's own convention through the records' C way in.
        #expect(try tailing.call("square", [.i64(9)]) == [.i64(81)])
        #expect(try tailing.call("callPick", [.i32(4)]) == [.i32(41)])
        #expect(try tailing.call("tailPick", [.i32(4)]) == [.i32(40)])
    }

    /// A million tail calls inside the tail module, then one into the plain
    /// module through the table: constant stack, and the adapter passes the
    /// stack parameters and both results through.
    @Test(arguments: configurations.indices)
    func tailCallsStayInConstantStackAcrossTheBoundary(configuration: Int) throws {
        let (_, tailing) = try Self.instances(Self.configurations[configuration])
        let n: Int64 = 1_000_000
        let acc = n * (n + 1) / 2
        #expect(try tailing.call("loop", [.i64(n), .i64(0)]) == [.i64(acc + 1 + 2 + 3 + 4 + 5 + 6 + 7), .f64(2.5)])
        #expect(try tailing.call("hostLoop", [.i64(n)]) == [.i64(42)])
    }

    /// A trap in C-convention code reached from `tailcc` code names both Wasm
    /// frames; the adapter between them is not a Wasm frame.
    @Test func aTrapBehindAnAdapterKeepsTheWasmFrames() throws {
        let (_, tailing) = try Self.instances(Engine.Configuration(optimization: .o0, compilation: .eager))
        let trap = try #require(TrapFrameFixture.trap { _ = try tailing.call("callPick", [.i32(0)]) })
        #expect(trap.code == .unreachable)
        // `pick` is function 2 of the plain module, `callPick` function 7 of the tail module.
        #expect(trap.frames.prefix(2).map(\.functionIndex) == [2, 7])
    }
}
