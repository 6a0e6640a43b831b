/// Modules an instance links against, by the module name its imports use
/// (Wasmex `links`). Each ``Link`` is compiled if needed, instantiated in the
/// same store (its own links first) and its exports satisfy the imports of
/// that module name.
///
/// ```swift
/// let links: Links = ["calculator": .bytes(calculator, links: ["utils": .bytes(utils)])]
/// ```
///
/// A name that reappears among its own ancestors (`a → b → a`) is a link
/// cycle; an import whose module name is neither linked nor defined in the
/// ``Imports`` is a missing link — both are ``WasmexError/link(_:)`` errors.
public struct Links: Sendable, ExpressibleByDictionaryLiteral {
    /// The links by module name.
    public var entries: [String: Link]

    /// No links.
    public init() { entries = [:] }

    /// The given links by module name.
    public init(_ entries: [String: Link]) { self.entries = entries }

    /// Creates links from a literal: `["utils": .bytes(utilsWasm)]`.
    public init(dictionaryLiteral elements: (String, Link)...) {
        entries = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }

    /// The link for module name `name`.
    public subscript(name: String) -> Link? {
        get { entries[name] }
        set { entries[name] = newValue }
    }

    /// Whether there are no links.
    public var isEmpty: Bool { entries.isEmpty }
}

/// One linked module: its code and its own links.
public struct Link: Sendable {
    /// Where the linked module's code comes from.
    public enum Source: Sendable {
        /// `.wasm` or `.wat` bytes, compiled with the store's engine.
        case bytes([UInt8])
        /// A module compiled earlier (it must belong to the store's engine).
        case module(Module)
    }

    /// The linked module's code.
    public var source: Source
    /// The modules the linked module itself links against.
    public var links: Links

    /// A link to `source` with its own `links`.
    public init(_ source: Source, links: Links = Links()) {
        self.source = source
        self.links = links
    }

    /// A link compiled from `.wasm` or `.wat` bytes.
    public static func bytes(_ bytes: [UInt8], links: Links = Links()) -> Link {
        Link(.bytes(bytes), links: links)
    }

    /// A link to a precompiled module.
    public static func module(_ module: Module, links: Links = Links()) -> Link {
        Link(.module(module), links: links)
    }
}
