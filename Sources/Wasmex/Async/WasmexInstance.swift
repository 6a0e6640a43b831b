import WasmFrontend
import WasmexWASI

/// A running instance owned by an actor — Wasmex's GenServer for Swift
/// concurrency.
///
/// ```swift
/// let instance = try await WasmexInstance(bytes: wasm)
/// let result = try await instance.call("sum", [.i32(50), .i32(-8)])   // [.i32(42)]
/// ```
///
/// - Calls on one instance run one at a time, in the order they were made;
///   different instances run in parallel.
/// - Wasm never runs on Swift's cooperative pool: every job runs on a pool of
///   pthreads created with an 8 MiB stack (generated code checks its stack
///   limit against the real thread bounds, so deep recursion traps cleanly).
/// - A call that outlives its `timeout` returns ``WasmexError/timeout(_:)`` to
///   its caller immediately. With ``Engine/Configuration/epochInterruption``
///   (the default) the Wasm itself is interrupted at its next function entry
///   or loop header, and the instance serves the next call; without it the
///   Wasm continues in the background and later calls wait until it ends.
/// - The store and its handles (``Memory``, ``Global``, ``Function``) never
///   leave the instance's thread. Reach them with ``withInstance(timeout:_:)``,
///   ``withStore(timeout:_:)``, ``withMemory(named:timeout:_:)`` or the fuel,
///   memory and global helpers; inside a host function use the
///   ``Caller`` it receives (host functions are synchronous, so they cannot
///   await their own actor and deadlock it).
public actor WasmexInstance {
    /// The compiled module (shareable: start more instances from it).
    public nonisolated let module: Module
    private nonisolated let queue: SerialJobQueue
    private nonisolated let cell: InstanceCell

    /// Starts an instance of a compiled `module` in a new store of the module's engine.
    ///
    /// - Parameters:
    ///   - module: the compiled module to instantiate.
    ///   - imports: host functions by namespace and name.
    ///   - links: modules to instantiate first in the same store, by import module name.
    ///   - wasi: when given, `wasi_snapshot_preview1` imports are served by a
    ///     WASI environment built from these options (explicit `imports` win).
    ///   - limits: the store's limits (see ``StoreLimits`` for what is enforced).
    /// - Throws: link, instantiation and start-function errors as ``WasmexError``.
    public init(module: Module, imports: HostImports = HostImports(), links: Links = Links(),
                wasi: WasiOptions? = nil, limits: StoreLimits? = nil) async throws(WasmexError) {
        let configuration = StoreConfiguration(limits: limits)
        try await self.init(module: module, imports: imports, links: links, wasi: wasi) { engine throws(WasmexError) in
            try configuration.makeStore(engine: engine)
        }
    }

    /// Starts an instance of `module` in a new store set up by `store` — its
    /// fuel, limits and deadline are in place before the start function runs.
    ///
    /// The other parameters are those of ``init(module:imports:links:wasi:limits:)``.
    /// - Throws: ``WasmexError/invalidOperation(_:)`` when the configuration
    ///   asks for fuel or a deadline the engine does not support, and link,
    ///   instantiation and start-function errors.
    public init(module: Module, store: StoreConfiguration, imports: HostImports = HostImports(),
                links: Links = Links(), wasi: WasiOptions? = nil) async throws(WasmexError) {
        try await self.init(module: module, imports: imports, links: links, wasi: wasi) { engine throws(WasmexError) in
            try store.makeStore(engine: engine)
        }
    }

    /// Starts an instance of `module` in the store `makeStore` builds (Wasmex's
    /// `start_link` with a `store:`).
    ///
    /// `makeStore` runs once, on the instance's thread, and receives the
    /// module's engine; the store it returns must use that engine and from
    /// then on belongs to the instance (reach it with ``withStore(timeout:_:)``).
    /// Set fuel, limits or deadlines there: they apply to the start function.
    ///
    /// The other parameters are those of ``init(module:imports:links:wasi:limits:)``.
    /// - Throws: what `makeStore` throws, ``WasmexError/storeMismatch`` when
    ///   the store's engine is not the module's, and link, instantiation and
    ///   start-function errors.
    public init(module: Module, imports: HostImports = HostImports(), links: Links = Links(),
                wasi: WasiOptions? = nil,
                makeStore: @escaping @Sendable (Engine) throws(WasmexError) -> Store) async throws(WasmexError) {
        let queue = SerialJobQueue()
        cell = try await queue.run(timeout: nil) { () throws(WasmexError) -> InstanceCell in
            let store = try makeStore(module.engine)
            guard store.engine === module.engine else { throw WasmexError.storeMismatch }
            var resolved = try Imports(store: store, imports)
            if let wasi {
                let environment: WASIEnvironment
                do {
                    environment = try WASIEnvironment(options: wasi)
                } catch {
                    throw WasmexError.invalidOperation("cannot set up WASI: \(error)")
                }
                // Linked modules may import WASI as well: then define every function.
                try resolved.defineWASI(environment, store: store, for: links.isEmpty ? module : nil)
            }
            return InstanceCell(try Instance(store: store, module: module, imports: resolved, links: links))
        }
        self.module = module
        self.queue = queue
    }

    /// Compiles `bytes` (`.wasm` or `.wat`) with `engine` (default: ``Engine/shared()``)
    /// off the cooperative pool, then starts an instance as ``init(module:imports:links:wasi:limits:)``.
    public init(bytes: [UInt8], engine: Engine? = nil, imports: HostImports = HostImports(), links: Links = Links(),
                wasi: WasiOptions? = nil, limits: StoreLimits? = nil) async throws(WasmexError) {
        let module = try await Self.compile(bytes, engine: engine)
        try await self.init(module: module, imports: imports, links: links, wasi: wasi, limits: limits)
    }

    /// Compiles `bytes` with `engine` (default: ``Engine/shared()``) off the
    /// cooperative pool, then starts an instance in a store set up by `store`,
    /// as ``init(module:store:imports:links:wasi:)``.
    public init(bytes: [UInt8], engine: Engine? = nil, store: StoreConfiguration, imports: HostImports = HostImports(),
                links: Links = Links(), wasi: WasiOptions? = nil) async throws(WasmexError) {
        let module = try await Self.compile(bytes, engine: engine)
        try await self.init(module: module, store: store, imports: imports, links: links, wasi: wasi)
    }

    /// Compiles `bytes` with `engine` (default: ``Engine/shared()``) off the cooperative pool.
    private static func compile(_ bytes: [UInt8], engine: Engine?) async throws(WasmexError) -> Module {
        try await SerialJobQueue().run(timeout: nil) { () throws(WasmexError) -> Module in
            let compiler: Engine
            if let engine { compiler = engine } else { compiler = try Engine.shared() }
            return try Module(engine: compiler, bytes: bytes)
        }
    }

    /// Calls the exported function `name` (Wasmex `call_function`).
    ///
    /// - Throws: ``WasmexError/timeout(_:)`` after `timeout`, and every error of
    ///   ``Instance/call(_:_:)`` (unknown export, argument errors, traps, host errors).
    ///   Non-null function references cannot be passed in or out
    ///   (``WasmexError/invalidOperation(_:)``); use ``withInstance(timeout:_:)``.
    public nonisolated func call(_ name: String, _ arguments: [Value] = [],
                                 timeout: Duration = .seconds(5)) async throws(WasmexError) -> [Value] {
        let portable = try PortableValue.portable(arguments)
        let cell = cell
        let results = try await queue.run(timeout: timeout) { () throws(WasmexError) -> [PortableValue] in
            try cell.instance.store.withOptionalTimeout(timeout) { () throws(WasmexError) -> [PortableValue] in
                try PortableValue.portable(try cell.instance.call(name, portable.map(\.value)))
            }
        }
        return results.map(\.value)
    }

    /// Whether the instance exports a function named `name` (Wasmex `function_exists`).
    public nonisolated func functionExists(_ name: String) -> Bool {
        module.exportedFunctionType(name) != nil
    }

    /// Runs `body` with the instance on its thread, serialised with calls —
    /// the way to use the store, memories, globals, tables or typed functions.
    /// Do not let handles escape `body`.
    public nonisolated func withInstance<T: Sendable>(
        timeout: Duration = .seconds(5), _ body: @escaping @Sendable (Instance) throws(WasmexError) -> T
    ) async throws(WasmexError) -> T {
        let cell = cell
        return try await queue.run(timeout: timeout) { () throws(WasmexError) -> T in
            try cell.instance.store.withOptionalTimeout(timeout) { () throws(WasmexError) -> T in try body(cell.instance) }
        }
    }

    /// Interrupts the Wasm this instance is running (or its next call) with
    /// the trap `TrapCode/interrupted`; callable from any thread or task.
    public nonisolated func interrupt() {
        cell.instance.store.interruptHandle.interrupt()
    }

    /// Runs a WASI command's `_start` and returns its exit status (see ``Instance/runCommand()``).
    public nonisolated func runCommand(timeout: Duration = .seconds(5)) async throws(WasmexError) -> UInt32 {
        try await withInstance(timeout: timeout) { instance throws(WasmexError) in try instance.runCommand() }
    }
}

/// Holds the instance. `@unchecked Sendable` because it is only touched by
/// jobs of its actor's ``SerialJobQueue``, which run one at a time.
final class InstanceCell: @unchecked Sendable {
    let instance: Instance
    init(_ instance: Instance) { self.instance = instance }
}
