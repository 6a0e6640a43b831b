import Foundation
import Testing
import Wasmex

/// Engines and modules for the execution-control tests.
enum ControlFixture {
    /// An engine compiling fuel accounting (and epoch checks, the default).
    static let fuelEngine: Engine = {
        do {
            return try Engine(Engine.Configuration(consumeFuel: true))
        } catch {
            fatalError("cannot create the fuel test engine: \(error)")
        }
    }()

    /// An engine whose calls may use at most 256 KiB of stack.
    static let smallStackEngine: Engine = {
        do {
            return try Engine(Engine.Configuration(maxWasmStack: 256 * 1024))
        } catch {
            fatalError("cannot create the small-stack test engine: \(error)")
        }
    }()

    /// `count(n)`: loops n times, returns n; `spin()`: loops forever;
    /// `recurse(n)`: recurses n deep; `reenter(n)`: calls the host import `env.reenter`.
    static let wat = """
        (module
          (import "env" "reenter" (func $host (param i32) (result i32)))
          (func (export "count") (param $n i32) (result i32) (local $i i32)
            (block $done
              (loop $next
                (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $next)))
            (local.get $i))
          (func (export "spin") (loop $l (br $l)))
          (func $recurse (export "recurse") (param $n i32) (result i32)
            (if (result i32) (i32.eqz (local.get $n))
              (then (i32.const 0))
              (else (i32.add (i32.const 1) (call $recurse (i32.sub (local.get $n) (i32.const 1)))))))
          (func (export "reenter") (param $n i32) (result i32)
            (call $host (local.get $n))))
        """

    /// An instance of ``wat`` whose `env.reenter` import calls back into `recurse`.
    static func instance(engine: Engine) throws -> Instance {
        let store = Store(engine: engine)
        let module = try Module(engine: engine, text: wat)
        let host = try Function(store: store, type: FunctionType(parameters: [.i32], results: [.i32])) { caller, arguments in
            try caller.call("recurse", arguments)
        }
        var imports = Imports()
        imports.define(module: "env", name: "reenter", .function(host))
        return try Instance(store: store, module: module, imports: imports)
    }

    /// The trap code of `error`, or nil (recording an issue) for another error.
    static func trap(of error: any Error, sourceLocation: SourceLocation = #_sourceLocation) -> TrapCode? {
        switch error as? WasmexError {
        case .trap(let trap)?: return trap.code
        case .host(let inner)?: return trap(of: inner, sourceLocation: sourceLocation)
        default:
            Issue.record("expected a trap, got \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }
}
