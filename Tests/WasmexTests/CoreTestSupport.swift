import Testing
import Wasmex

/// Shared helpers for the Core* tests: one engine per process, a fresh store per test.
enum CoreTest {
    static let engine: Engine = {
        do {
            return try Engine()
        } catch {
            fatalError("cannot create the test engine: \(error)")
        }
    }()

    /// Compiles and instantiates `wat` in a new store.
    static func instantiate(_ wat: String, imports: (Store) throws -> Imports = { _ in Imports() }) throws -> (Store, Instance) {
        let store = Store(engine: engine)
        let module = try Module(engine: engine, text: wat)
        let instance = try Instance(store: store, module: module, imports: try imports(store))
        return (store, instance)
    }

    /// For a module whose `unreachable` and `divide` exports trap inside handlers
    /// that catch everything: the traps reach the host, and the instance still works.
    static func expectTrapsPassHandlers(_ instance: Instance,
                                        sourceLocation: SourceLocation = #_sourceLocation) throws {
        do {
            _ = try instance.call("unreachable", [])
            Issue.record("the trap was caught", sourceLocation: sourceLocation)
        } catch {
            #expect(trapCode(error) == .unreachable, sourceLocation: sourceLocation)
        }
        do {
            _ = try instance.call("divide", [.i32(1), .i32(0)])
            Issue.record("the trap was caught", sourceLocation: sourceLocation)
        } catch {
            #expect(trapCode(error) == .integerDivideByZero, sourceLocation: sourceLocation)
        }
        #expect(try instance.call("divide", [.i32(9), .i32(3)]) == [.i32(3)], sourceLocation: sourceLocation)
    }

    /// The trap code of `error`, if it is a trap.
    static func trapCode(_ error: any Error) -> TrapCode? {
        if case .trap(let trap)? = error as? WasmexError { return trap.code }
        return nil
    }
}
