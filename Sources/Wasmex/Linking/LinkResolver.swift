import WasmFrontend

/// Instantiates a module's ``Links`` depth first in one store and turns their
/// exports into ``Imports``; detects link cycles and missing links.
struct LinkResolver {
    let store: Store
    /// The host imports every module of the link tree sees.
    let hostImports: Imports

    init(store: Store, imports: Imports) {
        self.store = store
        self.hostImports = imports
    }

    /// The imports for `module`: the host imports plus the exports of every
    /// link (instantiated now). `path` holds the link names leading here.
    mutating func resolve(module: Module, links: Links, path: [String]) throws(WasmexError) -> Imports {
        try checkMissing(module: module, links: links, path: path)
        var imports = hostImports
        // Sorted so that instantiation order (and start functions) is deterministic.
        for name in links.entries.keys.sorted() {
            guard let link = links.entries[name] else { continue }
            if path.contains(name) {
                throw WasmexError.link("link cycle: \((path + [name]).joined(separator: " → "))")
            }
            let linked = try compile(link.source, name: name)
            let linkedImports = try resolve(module: linked, links: link.links, path: path + [name])
            let instance: Instance
            do {
                instance = try Instance(store: store, module: linked, imports: linkedImports)
            } catch {
                throw Self.annotate(error, link: path + [name])
            }
            imports.define(module: name, exportsOf: instance)
        }
        return imports
    }

    /// Fails when an import's module name is neither linked nor provided by the host.
    private func checkMissing(module: Module, links: Links, path: [String]) throws(WasmexError) {
        for entry in module.imports where links.entries[entry.module] == nil {
            guard hostImports.lookup(module: entry.module, name: entry.name) == nil else { continue }
            let importer = path.last.map { "linked module \"\($0)\"" } ?? "the module"
            throw WasmexError.link(
                "missing link \"\(entry.module)\": \(importer) imports \(entry.module).\(entry.name), "
                + "but there is no link or import of that name")
        }
    }

    private func compile(_ source: Link.Source, name: String) throws(WasmexError) -> Module {
        switch source {
        case .bytes(let bytes):
            do {
                return try Module(engine: store.engine, bytes: bytes)
            } catch {
                throw Self.annotate(error, link: [name])
            }
        case .module(let module):
            guard module.engine === store.engine else { throw WasmexError.storeMismatch }
            return module
        }
    }

    /// Adds the link path to link errors, so nested failures say where they happened.
    private static func annotate(_ error: WasmexError, link path: [String]) -> WasmexError {
        if case .link(let message) = error {
            return .link("in link \(path.joined(separator: " → ")): \(message)")
        }
        return error
    }
}
