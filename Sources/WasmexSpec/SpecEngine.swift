import WasmFrontend

/// An instance created by a ``SpecEngine``; the id is chosen by the engine and opaque to the runner.
package struct SpecInstanceHandle: Hashable, Sendable {
    package let id: Int
    package init(id: Int) { self.id = id }
}

/// Why an engine operation did not produce a result.
package enum SpecEngineError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Execution trapped (also used for stack exhaustion and for traps during instantiation,
    /// e.g. an out-of-bounds data segment or a trapping start function). The message should
    /// contain the spec's wording, e.g. "integer divide by zero", "call stack exhausted".
    case trap(String)
    /// Imports could not be resolved or have incompatible types ("unknown import",
    /// "incompatible import type").
    case unlinkable(String)
    /// The engine cannot run this yet (e.g. an operator family it does not compile). The
    /// runner counts the command as skipped, not failed.
    case unsupported(String)
    /// Any other error: unknown export, wrong argument types, internal compiler errors.
    case failure(String)
    /// An uncaught Wasm exception left the called function (what `assert_exception`
    /// expects); the message describes the tag and payload. Engines without exception
    /// handling never report it.
    case exception(String)

    /// The bare message.
    package var message: String {
        switch self {
        case .trap(let m), .unlinkable(let m), .unsupported(let m), .failure(let m), .exception(let m): m
        }
    }

    package var description: String {
        switch self {
        case .trap(let m): "trap: \(m)"
        case .unlinkable(let m): "link error: \(m)"
        case .unsupported(let m): "unsupported: \(m)"
        case .failure(let m): "error: \(m)"
        case .exception(let m): "exception: \(m)"
        }
    }
}

/// What the spec runner needs from an execution engine.
///
/// One engine value serves one script: the runner asks its ``SpecEngineProvider`` for a fresh
/// engine per `.wast` file, so registrations never leak between files. The engine resolves
/// imports against the modules registered with ``register(_:as:)`` and the host module it was
/// created with (``SpecHostModule/spectest``). Calls are made from one thread, in script order.
package protocol SpecEngine: AnyObject {
    /// Links and instantiates a decoded, validated module (running its start function).
    ///
    /// - Parameters:
    ///   - module: the validated module description.
    ///   - bytes: the module's binary encoding (for engines that compile or cache by bytes).
    /// - Throws: ``SpecEngineError/unlinkable(_:)`` when imports cannot be resolved,
    ///   ``SpecEngineError/trap(_:)`` when instantiation traps.
    func instantiate(_ module: WasmModule, bytes: [UInt8]) throws(SpecEngineError) -> SpecInstanceHandle

    /// Calls the exported function `name` of `instance` with `arguments`.
    func invoke(_ instance: SpecInstanceHandle, function name: String, arguments: [SpecValue]) throws(SpecEngineError) -> [SpecValue]

    /// Reads the current value of the exported global `name` of `instance`.
    func global(_ instance: SpecInstanceHandle, named name: String) throws(SpecEngineError) -> SpecValue

    /// Makes the exports of `instance` importable under the module name `moduleName`.
    func register(_ instance: SpecInstanceHandle, as moduleName: String) throws(SpecEngineError)
}

/// Creates engines for the spec runner, one per script.
package protocol SpecEngineProvider: Sendable {
    /// A short name for reports, e.g. "jit" or "aot".
    var name: String { get }

    /// Returns a fresh engine that provides `hostModule` (normally ``SpecHostModule/spectest``)
    /// as an importable module.
    func makeEngine(hostModule: SpecHostModule) throws(SpecEngineError) -> any SpecEngine
}
