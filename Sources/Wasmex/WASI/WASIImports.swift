import WasmFrontend
import WasmexWASI

extension Imports {
    /// Defines the functions of `environment` as imports of module
    /// `wasi_snapshot_preview1`, as host functions in `store`.
    ///
    /// A definition already present under `wasi_snapshot_preview1` is kept: a
    /// user-supplied import replaces the built-in function of the same name.
    /// With `module`, only the WASI functions that module imports are created;
    /// without it, all of them are.
    ///
    /// Each call hands the calling instance's memory 0 to WASI as a
    /// bounds-checked `WASIGuestMemory` (empty when the caller has no
    /// memory, so pointer arguments fail with `EFAULT`). `proc_exit` throws
    /// `WASIExit`, which stops the running Wasm call and reaches the caller
    /// as a host-error trap (``Trap/cause``); see ``WasmexError/wasiExitCode``.
    public mutating func defineWASI(_ environment: WASIEnvironment, store: Store,
                                    for module: Module? = nil) throws(WasmexError) {
        let wanted: Set<String>? = module.map { module in
            Set(module.imports.lazy.filter { $0.module == wasiPreview1ModuleName }.map(\.name))
        }
        for host in environment.hostFunctions() {
            if let wanted, !wanted.contains(host.name) { continue }
            if lookup(module: wasiPreview1ModuleName, name: host.name) != nil { continue }
            let function = try Function(wasi: host, store: store)
            define(module: wasiPreview1ModuleName, name: host.name, .function(function))
        }
    }
}

extension Function {
    /// Wraps one WASI host function as a Wasmex host function in `store`.
    ///
    /// Arguments become raw slots (i32 zero-extended, i64 as bits), results
    /// are read back with the declared types. Blocking calls (`poll_oneoff`
    /// sleeping, `fd_read` waiting on a host stream) end when the store's
    /// epoch deadline passes or ``Store/interrupt()`` is called, and the
    /// Wasm call then traps `TrapCode.interrupted`.
    package convenience init(wasi host: WASIHostFunction, store: Store) throws(WasmexError) {
        let type = FunctionType(parameters: host.parameters.map(\.valueType), results: host.results.map(\.valueType))
        let resultTypes = host.results
        try self.init(store: store, type: type) { caller, arguments in
            var slots: [UInt64] = []
            slots.reserveCapacity(arguments.count)
            for argument in arguments { slots.append(argument.wasiSlot) }
            let interruption = caller.store.wasiInterruption()
            func run(_ bytes: UnsafeMutableRawBufferPointer) throws -> [UInt64] {
                var guest = WASIGuestMemory(bytes)
                guest.interruption = interruption
                return try host.call(guest, slots)
            }
            let results: [UInt64]
            do {
                if let memory = caller.memory {
                    results = try memory.withUnsafeMutableBytes(run)
                } else {
                    results = try run(UnsafeMutableRawBufferPointer(start: nil, count: 0))
                }
            } catch is WASIInterrupted {
                throw caller.store.interruptedByWASI()
            }
            guard results.count == resultTypes.count else {
                throw WasmexError.hostResultMismatch(
                    "\(wasiPreview1ModuleName).\(host.name) returned \(results.count) value(s), expected \(resultTypes.count)")
            }
            var values: [Value] = []
            values.reserveCapacity(results.count)
            for (bits, type) in zip(results, resultTypes) { values.append(type.value(bits)) }
            return values
        }
    }
}

extension WASIValueType {
    /// The WebAssembly value type of this WASI ABI type.
    public var valueType: ValueType {
        switch self {
        case .i32: return .i32
        case .i64: return .i64
        }
    }

    /// The value whose raw slot is `bits`.
    func value(_ bits: UInt64) -> Value {
        switch self {
        case .i32: return .i32(Int32(bitPattern: UInt32(truncatingIfNeeded: bits)))
        case .i64: return .i64(Int64(bitPattern: bits))
        }
    }
}

extension Value {
    /// The raw WASI slot of an integer value (the linker's signature check
    /// guarantees WASI functions only ever receive i32 and i64).
    var wasiSlot: UInt64 {
        switch self {
        case .i32(let value): return UInt64(UInt32(bitPattern: value))
        case .i64(let value): return UInt64(bitPattern: value)
        default: return 0
        }
    }
}
