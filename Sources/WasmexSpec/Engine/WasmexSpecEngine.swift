import Wasmex
import WasmFrontend

/// A ``SpecEngine`` over the Wasmex API: compiles each module with the JIT,
/// links imports against registered instances and the host module, and maps
/// values and errors to the runner's vocabulary.
final class WasmexSpecEngine: SpecEngine {
    private let loader: WasmexModuleLoader
    private let store: Store
    private var instances: [Instance] = []
    /// Importable modules (registered instances and the host module).
    private var registered = Imports()
    private var values: SpecValueMapping

    init(loader: WasmexModuleLoader, hostModule: SpecHostModule) throws(SpecEngineError) {
        self.loader = loader
        store = Store(engine: loader.engine)
        values = SpecValueMapping(store: store)
        do {
            for (name, value) in try SpecHostInstance.exports(of: hostModule, in: store) {
                registered.define(module: hostModule.name, name: name, value)
            }
        } catch {
            throw SpecEngineError.failure("cannot build host module \(hostModule.name): \(error)")
        }
    }

    func instantiate(_ module: WasmModule, bytes: [UInt8]) throws(SpecEngineError) -> SpecInstanceHandle {
        do {
            let compiled = try loader.load(module)
            let instance = try Instance(store: store, module: compiled, imports: registered)
            instances.append(instance)
            return SpecInstanceHandle(id: instances.count - 1)
        } catch {
            throw Self.map(error)
        }
    }

    func invoke(_ handle: SpecInstanceHandle, function name: String, arguments: [SpecValue]) throws(SpecEngineError) -> [SpecValue] {
        let instance = try self.instance(handle)
        do {
            let function = try instance.function(named: name)
            var converted: [Value] = []
            for argument in arguments { converted.append(try values.value(argument)) }
            let results = try function.call(converted)
            if results.contains(where: { if case .exnRef(.some) = $0 { true } else { false } }) {
                throw SpecEngineError.unsupported("non-null exnref results")
            }
            return results.map { values.specValue($0) }
        } catch let error as SpecEngineError {
            throw error
        } catch let error as WasmexError {
            throw Self.map(error)
        } catch {
            throw SpecEngineError.failure("\(error)")
        }
    }

    func global(_ handle: SpecInstanceHandle, named name: String) throws(SpecEngineError) -> SpecValue {
        let instance = try self.instance(handle)
        guard case .global(let global)? = instance.export(named: name) else {
            throw SpecEngineError.failure("no exported global \"\(name)\"")
        }
        return values.specValue(global.get())
    }

    func register(_ handle: SpecInstanceHandle, as moduleName: String) throws(SpecEngineError) {
        registered.define(module: moduleName, exportsOf: try instance(handle))
    }

    private func instance(_ handle: SpecInstanceHandle) throws(SpecEngineError) -> Instance {
        guard handle.id >= 0, handle.id < instances.count else {
            throw SpecEngineError.failure("unknown instance \(handle.id)")
        }
        return instances[handle.id]
    }

    /// The runner's classification of a Wasmex error.
    static func map(_ error: WasmexError) -> SpecEngineError {
        switch error {
        case .trap(let trap): return .trap(trap.message)
        case .link(let message): return .unlinkable(message)
        case .compile(.unsupported(let what)): return .unsupported(what)
        case .exception(let tag, let payload): return .exception("tag \(tag.parameters), payload \(payload)")
        default: return .failure(error.description)
        }
    }
}
