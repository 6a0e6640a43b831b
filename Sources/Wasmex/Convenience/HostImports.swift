import WasmFrontend

/// A host function described independently of any store (Wasmex's
/// `{:fn, params, results, fun}`): its signature and its closure. It becomes a
/// ``Function`` when imports are built for a store, so one description can
/// serve many instances — also ``WasmexInstance`` actors on other threads,
/// which is why the closure must be `@Sendable`.
///
/// The closure receives the ``Caller`` (memory and exports of the calling
/// instance) and the arguments, already checked against `parameters`. A
/// thrown error makes the Wasm call trap with `TrapCode/hostError`, the
/// error in ``Trap/cause`` (see ``WasmexError/hostError``); the instance
/// stays usable.
public struct HostFunction: Sendable {
    /// The function's signature.
    public let type: FunctionType
    private let make: @Sendable (Store) throws(WasmexError) -> Function

    /// A host function over boxed ``Value``s.
    public init(parameters: [ValueType], results: [ValueType],
                _ body: @escaping @Sendable (Caller, [Value]) throws -> [Value]) {
        let type = FunctionType(parameters: parameters, results: results)
        self.type = type
        make = { (store) throws(WasmexError) -> Function in try Function(store: store, type: type, body: body) }
    }

    /// A host function from a typed closure (the fast path; see `Function(store:typed:)`).
    @inlinable
    public static func typed<each P: WasmScalar, each R: WasmScalar>(
        _ body: @escaping @Sendable (Caller, repeat each P) throws -> (repeat each R)
    ) -> HostFunction {
        let type = FunctionType(parameters: WasmScalarPack.types(repeat (each P).self),
                                results: WasmScalarPack.types(repeat (each R).self))
        return HostFunction(type: type) { (store) throws(WasmexError) -> Function in
            try Function(store: store, typed: body)
        }
    }

    @usableFromInline
    init(type: FunctionType, make: @escaping @Sendable (Store) throws(WasmexError) -> Function) {
        self.type = type
        self.make = make
    }

    /// Creates the function in `store`.
    public func function(in store: Store) throws(WasmexError) -> Function {
        try make(store)
    }
}

/// Host functions by import namespace and name — Wasmex's imports map
/// `%{"env" => %{"sum3" => {:fn, ...}}}` as a Swift value.
///
/// ```swift
/// let host: HostImports = ["env": [
///     "imported_sum3": HostFunction(parameters: [.i32, .i32, .i32], results: [.i32]) { _, args in ... },
/// ]]
/// var imports = try Imports(store: store, host)
/// ```
public struct HostImports: Sendable, ExpressibleByDictionaryLiteral {
    /// The definitions: namespace → name → function.
    public var namespaces: [String: [String: HostFunction]]

    /// Creates host imports from functions grouped by namespace, then name.
    public init(_ namespaces: [String: [String: HostFunction]] = [:]) { self.namespaces = namespaces }

    /// Creates host imports from a literal: `["env": ["log": …]]`.
    public init(dictionaryLiteral elements: (String, [String: HostFunction])...) {
        namespaces = Dictionary(elements, uniquingKeysWith: { first, second in first.merging(second) { _, new in new } })
    }

    /// Adds (or replaces) `namespace`.`name`.
    public mutating func define(_ namespace: String, _ name: String, _ function: HostFunction) {
        namespaces[namespace, default: [:]][name] = function
    }

    /// Whether there are no definitions.
    public var isEmpty: Bool { namespaces.isEmpty }
}

extension Imports {
    /// Imports holding a ``Function`` in `store` for each definition of `host`.
    public init(store: Store, _ host: HostImports) throws(WasmexError) {
        self.init()
        try define(store: store, host)
    }

    /// Creates each definition of `host` as a ``Function`` in `store` and makes it importable.
    public mutating func define(store: Store, _ host: HostImports) throws(WasmexError) {
        for (namespace, functions) in host.namespaces {
            for (name, definition) in functions {
                define(module: namespace, name: name, .function(try definition.function(in: store)))
            }
        }
    }
}
