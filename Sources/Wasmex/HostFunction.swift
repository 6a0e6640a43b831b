import CWasmexRuntime
import WasmFrontend

/// What a host function sees of its caller.
public struct Caller {
    /// The store the running call belongs to.
    public let store: Store
    /// The calling instance (`nil` when the host calls the function directly).
    public let instance: Instance?

    /// The caller's memory 0, if it has one.
    public var memory: Memory? {
        guard let storage = instance?.data.memories.first else { return nil }
        return Memory(store: store, storage: storage)
    }

    /// An export of the calling instance.
    public func export(named name: String) -> Extern? { instance?.export(named: name) }
}

/// The body of a host function: receives the caller and the arguments
/// (already checked against the signature) and returns the results.
public typealias HostFunctionBody = (Caller, [Value]) throws -> [Value]

extension Function {
    /// Creates a host function in `store`, callable from Wasm through imports,
    /// tables and `funcref` values, and from Swift with ``call(_:)``.
    public convenience init(store: Store, type: FunctionType, body: @escaping HostFunctionBody) throws(WasmexError) {
        let code = try store.engine.exitTrampoline(for: type)
        let box = HostFunctionBox(type: type, body: body, store: store,
                                  code: code, typeID: store.engine.types.id(of: type))
        let data = FunctionData(type: type, record: box.record, kind: .host(box))
        store.retain(box)
        store.register(data)
        self.init(store: store, data: data)
    }
}

/// Owns a host function's closure, its `wasmex_host_ctx` and its funcref record.
/// Owned by the store, so it never outlives it.
final class HostFunctionBox {
    let type: FunctionType
    let body: HostFunctionBody
    unowned let store: Store
    let context: UnsafeMutablePointer<wasmex_host_ctx>
    let record: UnsafeMutablePointer<wasmex_funcref>

    init(type: FunctionType, body: @escaping HostFunctionBody, store: Store, code: Engine.ExitCode, typeID: UInt32) {
        self.type = type
        self.body = body
        self.store = store
        context = .allocate(capacity: 1)
        record = .allocate(capacity: 1)
        context.initialize(to: wasmex_host_ctx(callback: hostFunctionCallback, env: nil))
        record.initialize(to: wasmex_funcref(code: UnsafeMutableRawPointer(mutating: code.code),
                                             vmctx: UnsafeMutableRawPointer(context), type_id: typeID, reserved: 0,
                                             tail_code: UnsafeMutableRawPointer(mutating: code.tailAdapter),
                                             tail_vmctx: UnsafeMutableRawPointer(record)))
        context.pointee.env = Unmanaged.passUnretained(self).toOpaque()
    }

    deinit {
        context.deallocate()
        record.deallocate()
    }

    /// Runs the closure and checks its results.
    func call(_ arguments: [Value], caller: Caller) throws(WasmexError) -> [Value] {
        let results: [Value]
        do {
            results = try body(caller, arguments)
        } catch let error as WasmexError {
            throw error
        } catch {
            throw WasmexError.host(error)
        }
        guard results.count == type.results.count, zip(results, type.results).allSatisfy({ $0.matches($1) }) else {
            throw WasmexError.hostResultMismatch("expected \(type.results), got \(results.map(\.type))")
        }
        return results
    }

    /// Called from the exit trampoline: decode, run, encode. Returns 0 on
    /// success; otherwise the error's status (``Store/hostFailureStatus(_:)``):
    /// the trampoline traps or throws the Wasm exception, so no Swift frame
    /// is ever unwound.
    func handle(callerContext: UnsafeMutableRawPointer?, slots: UnsafeMutablePointer<UInt64>) -> Int32 {
        let arguments = ValueSlots.read(type.parameters, from: slots, store: store)
        let instance = InstanceData.owning(vmctx: callerContext).map { Instance(store: store, data: $0) }
        do {
            let results = try call(arguments, caller: Caller(store: store, instance: instance))
            try ValueSlots.write(results, to: slots, store: store)
            return 0
        } catch {
            return store.hostFailureStatus(error)
        }
    }
}

/// The C callback every host function's exit trampoline calls.
private let hostFunctionCallback: wasmex_host_callback = { environment, callerContext, slots in
    guard let environment, let slots else { return 1 }
    let box = Unmanaged<HostFunctionBox>.fromOpaque(environment).takeUnretainedValue()
    return box.handle(callerContext: callerContext, slots: slots)
}
