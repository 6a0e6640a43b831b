import WasmFrontend

extension Instance {
    /// Compiles `bytes` (`.wasm` or `.wat`) and instantiates it in `store`,
    /// linking `links` first (see ``Links``); the one-step start of Wasmex.
    ///
    /// - Throws: ``WasmexError/compile(_:)`` for a bad module, ``WasmexError/link(_:)``
    ///   for unresolved imports, missing links or link cycles, or a trap of a start function.
    public convenience init(store: Store, bytes: [UInt8], imports: Imports = Imports(),
                            links: Links = Links()) throws(WasmexError) {
        let module = try Module(engine: store.engine, bytes: bytes)
        try self.init(store: store, module: module, imports: imports, links: links)
    }

    /// Instantiates a compiled `module` in `store` after instantiating its
    /// ``Links`` (recursively) in the same store.
    public convenience init(store: Store, module: Module, imports: Imports = Imports(), links: Links) throws(WasmexError) {
        var linker = LinkResolver(store: store, imports: imports)
        let resolved = try linker.resolve(module: module, links: links, path: [])
        try self.init(store: store, module: module, imports: resolved)
    }

    /// Whether the instance exports a function named `name` (Wasmex `function_exists`).
    public func functionExists(_ name: String) -> Bool {
        if case .function = data.exports[name] { return true }
        return false
    }

    /// The exported memory `name`, or — without a name — the export called
    /// `"memory"`, else the first exported memory.
    public func memory(named name: String? = nil) throws(WasmexError) -> Memory {
        if let name {
            guard let value = data.exports[name] else { throw WasmexError.unknownExport(name) }
            guard case .memory(let storage) = value else {
                throw WasmexError.wrongExportKind(name: name, expected: .memory, actual: value.handle(in: store).kind)
            }
            return Memory(store: store, storage: storage)
        }
        if case .memory(let storage) = data.exports["memory"] { return Memory(store: store, storage: storage) }
        for export in module.wasm.exports where export.kind == .memory {
            if case .memory(let storage) = data.exports[export.name] { return Memory(store: store, storage: storage) }
        }
        throw WasmexError.unknownExport("memory")
    }

    /// The exported global `name`.
    public func global(named name: String) throws(WasmexError) -> Global {
        guard let value = data.exports[name] else { throw WasmexError.unknownExport(name) }
        guard case .global(let storage) = value else {
            throw WasmexError.wrongExportKind(name: name, expected: .global, actual: value.handle(in: store).kind)
        }
        return Global(store: store, storage: storage)
    }

    /// The exported table `name`.
    public func table(named name: String) throws(WasmexError) -> Table {
        guard let value = data.exports[name] else { throw WasmexError.unknownExport(name) }
        guard case .table(let storage) = value else {
            throw WasmexError.wrongExportKind(name: name, expected: .table, actual: value.handle(in: store).kind)
        }
        return Table(store: store, storage: storage)
    }

    /// The value of the exported global `name` (Wasmex `get_global_value`).
    public func globalValue(_ name: String) throws(WasmexError) -> Value {
        try global(named: name).get()
    }

    /// Sets the exported mutable global `name` (Wasmex `set_global_value`).
    /// - Throws: ``WasmexError/invalidOperation(_:)`` for an immutable global,
    ///   ``WasmexError/valueType(index:expected:actual:)`` for a value of the wrong type.
    public func setGlobalValue(_ name: String, _ value: Value) throws(WasmexError) {
        try global(named: name).set(value)
    }
}

extension Caller {
    /// Calls the exported function `name` of the calling instance — the way to
    /// reach the instance's own exports from inside a host function.
    ///
    /// - Throws: ``WasmexError/invalidOperation(_:)`` when the host function was
    ///   called directly from Swift (there is no calling instance), or any call error.
    public func call(_ name: String, _ arguments: [Value] = []) throws(WasmexError) -> [Value] {
        guard let instance else {
            throw WasmexError.invalidOperation("no calling instance: \"\(name)\" cannot be called through this caller")
        }
        return try instance.call(name, arguments)
    }

    /// Whether the calling instance exports a function named `name`.
    public func functionExists(_ name: String) -> Bool {
        instance?.functionExists(name) ?? false
    }
}

extension Module {
    /// Compiles `bytes` (`.wasm` or `.wat`) with the engine of `store`
    /// (Wasmex `Module.compile(store, bytes)`).
    public convenience init(store: Store, bytes: [UInt8]) throws(WasmexError) {
        try self.init(engine: store.engine, bytes: bytes)
    }
}
