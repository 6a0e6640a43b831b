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

    /// The trap code of `error`, if it is a trap.
    static func trapCode(_ error: any Error) -> TrapCode? {
        if case .trap(let trap)? = error as? WasmexError { return trap.code }
        return nil
    }
}
