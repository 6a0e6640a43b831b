/// A decoded WebAssembly module: every section's contents, with code and data kept as
/// ranges into the original bytes.
///
/// Obtain one with ``parse(_:)`` (text or binary, validated) or ``decode(_:)`` (binary,
/// not validated; call ``validate()`` before trusting it).
package struct WasmModule: Sendable {
    /// The module's binary encoding; all ranges in the module point into it.
    package let bytes: [UInt8]
    package var types: [FunctionType] = []
    /// Recursion group and declared supertype of each type (parallel to `types`).
    package var typeDeclarations: [TypeDeclaration] = []
    /// Imports in order; the per-kind views below are kept in sync.
    package var imports: [Import] = [] { didSet { indexImports() } }
    /// The type index of each defined (non-imported) function.
    package var functions: [UInt32] = []
    /// Defined tables (imported ones are in `imports`).
    package var tables: [TableType] = []
    /// The initializer of each defined table (parallel to `tables`); `nil` means null elements.
    package var tableInitializers: [ConstExpression?] = []
    /// Defined memories (imported ones are in `imports`).
    package var memories: [MemoryType] = []
    /// Defined globals (imported ones are in `imports`).
    package var globals: [Global] = []
    /// The type index of each defined exception tag (imported ones are in `imports`).
    package var tags: [UInt32] = []
    package var exports: [Export] = []
    package var start: UInt32?
    package var elements: [ElementSegment] = []
    /// The value of the data count section, if present.
    package var dataCount: UInt32?
    /// One body per defined function, in order.
    package var bodies: [FunctionBody] = []
    package var data: [DataSegment] = []
    /// All custom sections (including `name`), in order of appearance.
    package var customSections: [CustomSection] = []
    /// Names from a well-formed `name` section (empty otherwise).
    package var names = NameSection()

    /// Type indices of imported functions, in import order.
    package private(set) var importedFunctionTypeIndices: [UInt32] = []
    /// Types of imported tables, in import order.
    package private(set) var importedTables: [TableType] = []
    /// Types of imported memories, in import order.
    package private(set) var importedMemories: [MemoryType] = []
    /// Types of imported globals, in import order.
    package private(set) var importedGlobals: [GlobalType] = []
    /// Type indices of imported tags, in import order.
    package private(set) var importedTagTypeIndices: [UInt32] = []

    package var importedFunctionCount: Int { importedFunctionTypeIndices.count }
    package var importedTableCount: Int { importedTables.count }
    package var importedMemoryCount: Int { importedMemories.count }
    package var importedGlobalCount: Int { importedGlobals.count }
    package var importedTagCount: Int { importedTagTypeIndices.count }

    /// A validation error found while decoding a construct the model cannot represent
    /// (e.g. a non-constant initializer); ``validate()`` reports it.
    var deferredError: WasmError?
    /// End of the code section: the validator follows the reference decoder and reads
    /// operators up to here, then checks that each body ends exactly at its size.
    var codeSectionEnd = 0
    /// Where the code section's contents (after its id and size) lie in
    /// ``bytes``; nil without a code section. DWARF addresses in a Wasm
    /// module are offsets from its start.
    package var codeSectionContents: Range<Int>?
    /// Offset of each non-custom section's id byte, for error positions.
    var sectionOffsets: [UInt8: Int] = [:]

    /// Creates an empty module over `bytes`; the decoder fills it in.
    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Rebuilds the per-kind import views from `imports`.
    private mutating func indexImports() {
        importedFunctionTypeIndices = []
        importedTables = []
        importedMemories = []
        importedGlobals = []
        importedTagTypeIndices = []
        for i in imports {
            switch i.descriptor {
            case .function(let t): importedFunctionTypeIndices.append(t)
            case .table(let t): importedTables.append(t)
            case .memory(let m): importedMemories.append(m)
            case .global(let g): importedGlobals.append(g)
            case .tag(let t): importedTagTypeIndices.append(t)
            }
        }
    }
}

// MARK: - Index spaces (imports first, then definitions)

extension WasmModule {
    /// Number of functions in the function index space.
    package var functionCount: Int { importedFunctionCount + functions.count }
    /// Number of tables in the table index space.
    package var tableCount: Int { importedTableCount + tables.count }
    /// Number of memories in the memory index space.
    package var memoryCount: Int { importedMemoryCount + memories.count }
    /// Number of globals in the global index space.
    package var globalCount: Int { importedGlobalCount + globals.count }
    /// Number of tags in the tag index space.
    package var tagCount: Int { importedTagCount + tags.count }

    /// The type index of tag `index` (imported or defined), or nil if out of range.
    package func tagTypeIndex(at index: UInt32) -> UInt32? {
        let i = Int(index)
        if i < importedTagCount { return importedTagTypeIndices[i] }
        let d = i - importedTagCount
        return d < tags.count ? tags[d] : nil
    }

    /// The parameter types of tag `index` (its payload), or nil if unknown.
    package func tagParameters(at index: UInt32) -> [ValueType]? {
        guard let t = tagTypeIndex(at: index), Int(t) < types.count else { return nil }
        return types[Int(t)].parameters
    }

    /// The type index of function `index` (imported or defined), or nil if out of range.
    package func typeIndex(ofFunction index: UInt32) -> UInt32? {
        let i = Int(index)
        if i < importedFunctionCount { return importedFunctionTypeIndices[i] }
        let d = i - importedFunctionCount
        return d < functions.count ? functions[d] : nil
    }

    /// The signature of function `index` (imported or defined), or nil if unknown.
    package func functionType(ofFunction index: UInt32) -> FunctionType? {
        guard let t = typeIndex(ofFunction: index), Int(t) < types.count else { return nil }
        return types[Int(t)]
    }

    /// The type of global `index` (imported or defined), or nil if out of range.
    package func globalType(at index: UInt32) -> GlobalType? {
        let i = Int(index)
        if i < importedGlobalCount {
            return importedGlobals[i]
        }
        let d = i - importedGlobalCount
        return d < globals.count ? globals[d].type : nil
    }

    /// The type of table `index` (imported or defined), or nil if out of range.
    package func tableType(at index: UInt32) -> TableType? {
        let i = Int(index)
        if i < importedTableCount {
            return importedTables[i]
        }
        let d = i - importedTableCount
        return d < tables.count ? tables[d] : nil
    }

    /// The type of memory `index` (imported or defined), or nil if out of range.
    package func memoryType(at index: UInt32) -> MemoryType? {
        let i = Int(index)
        if i < importedMemoryCount {
            return importedMemories[i]
        }
        let d = i - importedMemoryCount
        return d < memories.count ? memories[d] : nil
    }

    /// The bytes of a custom section's payload or a data segment.
    package func slice(_ range: Range<Int>) -> ArraySlice<UInt8> {
        let lower = Swift.max(0, Swift.min(range.lowerBound, bytes.count))
        let upper = Swift.max(lower, Swift.min(range.upperBound, bytes.count))
        return bytes[lower..<upper]
    }
}

// MARK: - Entry points

extension WasmModule {
    /// Decodes a binary module without validating it.
    ///
    /// Function bodies are scanned for well-formedness (so malformed code is reported here,
    /// in binary order) but not type-checked. An initializer that is not a single constant
    /// operator is stored as a placeholder and reported by ``validate()``.
    ///
    /// - Throws: ``WasmError/malformed(_:offset:)`` when the bytes are not a well-formed module.
    /// - Parameter features: decides what 2.0 and 3.0 encode differently
    ///   (``WasmFeatures/exceptionHandling``); validate with the same features.
    package static func decode(_ bytes: [UInt8], features: WasmFeatures = .default) throws(WasmError) -> WasmModule {
        try ModuleDecoder.decode(bytes, features: features)
    }

    /// Validates the module per the WebAssembly rules `features` selects (default: 3.0's,
    /// as far as they are implemented).
    ///
    /// - Throws: ``WasmError/invalid(_:offset:)`` for type errors, or
    ///   ``WasmError/malformed(_:offset:)`` for malformed function bodies (bodies are
    ///   decoded as they are validated).
    package func validate(features: WasmFeatures = .default) throws(WasmError) {
        var validator = ModuleValidator(module: self, features: features)
        try validator.validate()
    }

    /// Decodes and validates a module given as text (`.wat`) or binary (`.wasm`).
    package static func parse(_ bytes: [UInt8], features: WasmFeatures = .default) throws(WasmError) -> WasmModule {
        let binary: [UInt8]
        if WasmText.looksLikeText(bytes) {
            binary = try WasmText.toBinary(utf8: bytes)
        } else {
            binary = bytes
        }
        let module = try decode(binary, features: features)
        try module.validate(features: features)
        return module
    }

    /// Decodes and validates a text-format module.
    package static func parse(text: String) throws(WasmError) -> WasmModule {
        let module = try decode(try WasmText.toBinary(text))
        try module.validate()
        return module
    }
}
