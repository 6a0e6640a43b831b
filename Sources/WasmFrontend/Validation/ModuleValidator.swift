/// Validates a decoded module (module level), then each function body with
/// ``FunctionValidator``; `features` chooses between 2.0 and 3.0 rules where they differ.
struct ModuleValidator {
    let module: WasmModule
    let features: WasmFeatures
    /// Functions that may be the target of `ref.func` inside function bodies (C.refs).
    private(set) var declaredFunctions: Set<UInt32> = []
    /// The module's subtype relation, computed once for module and function validation.
    private var subtyping = Subtyping()

    init(module: WasmModule, features: WasmFeatures = .default) {
        self.module = module
        self.features = features
    }

    func offset(ofSection id: UInt8) -> Int { module.sectionOffsets[id] ?? 0 }

    mutating func validate() throws(WasmError) {
        try validateModuleLevel()
        try validateBodies()
    }

    private mutating func validateModuleLevel() throws(WasmError) {
        if let error = module.deferredError { throw error }
        subtyping = Subtyping(module: module)
        try validateTypes(subtyping)

        for imp in module.imports {
            switch imp.descriptor {
            case .function(let t):
                try requireFunctionType(t, at: offset(ofSection: 2))
            case .table(let t): try validate(tableType: t, at: offset(ofSection: 2))
            case .memory(let m): try validate(memoryType: m, at: offset(ofSection: 2))
            case .global(let g): try requireKnown(g.valueType, at: offset(ofSection: 2))
            case .tag(let t): try validate(tagType: t, at: offset(ofSection: 2))
            }
        }
        for t in module.functions { try requireFunctionType(t, at: offset(ofSection: 3)) }
        for t in module.tables { try validate(tableType: t, at: offset(ofSection: 4)) }
        for m in module.memories { try validate(memoryType: m, at: offset(ofSection: 5)) }
        for t in module.tags { try validate(tagType: t, at: offset(ofSection: 13)) }
        if module.memoryCount > 1 && !features.multiMemory {
            throw .invalid("multiple memories", offset: offset(ofSection: 5))
        }

        declaredFunctions = collectDeclaredFunctions()
        let constants = ConstExprValidator(module: module, extended: features.extendedConstantExpressions,
                                           subtyping: subtyping)
        for (definedIndex, table) in module.tables.enumerated() {
            let initializer = definedIndex < module.tableInitializers.count ? module.tableInitializers[definedIndex] : nil
            if let initializer {
                // The table section precedes the global section: only imported globals are visible.
                try constants.check(initializer, expected: table.elementType, at: offset(ofSection: 4),
                                    visibleGlobals: module.importedGlobalCount)
            } else if !table.elementType.isNullable {
                throw .invalid("type mismatch", offset: offset(ofSection: 4))
            }
        }
        for (definedIndex, g) in module.globals.enumerated() {
            try requireKnown(g.type.valueType, at: offset(ofSection: 6))
            try constants.check(g.initializer, expected: g.type.valueType, at: offset(ofSection: 6),
                                visibleGlobals: module.importedGlobalCount + definedIndex)
        }
        try validateElements(constants)
        try validateData(constants)
        try validateStart()
        try validateExports()
    }

    /// A concrete heap type must name one of the module's types.
    private func requireKnown(_ t: ValueType, at offset: Int) throws(WasmError) {
        if case .ref(let r) = t, case .concrete(let index) = r.heapType, Int(index) >= module.types.count {
            throw .invalid("unknown type \(index)", offset: offset)
        }
    }

    /// Type section rules: references only to types defined so far or in the same
    /// recursion group; a declared supertype is an earlier, non-final type of the
    /// same kind that this one refines (``Subtyping/refines(_:_:parent:_:)``).
    private func validateTypes(_ subtyping: Subtyping) throws(WasmError) {
        let at = offset(ofSection: 1)
        for (index, type) in module.types.enumerated() {
            let declaration = module.typeDeclaration(at: index)
            var referenced = type.parameters + type.results
            switch declaration.composite {
            case .function: break
            case .struct(let fields): referenced += fields.map(\.storage.unpacked)
            case .array(let element): referenced.append(element.storage.unpacked)
            }
            for t in referenced {
                if case .ref(let r) = t, case .concrete(let target) = r.heapType,
                   Int(target) >= declaration.recGroup.upperBound || Int(target) >= module.types.count {
                    throw .invalid("unknown type \(target)", offset: at)
                }
            }
            guard let supertype = declaration.supertype else { continue }
            guard Int(supertype) < declaration.recGroup.upperBound, Int(supertype) < index else {
                throw .invalid("unknown type \(supertype)", offset: at)
            }
            guard !module.typeDeclaration(at: Int(supertype)).isFinal,
                  subtyping.refines(index, type, parent: Int(supertype), module.types[Int(supertype)])
            else { throw .invalid("sub type", offset: at) }
        }
    }

    /// Functions, function imports and tags name a function type.
    private func requireFunctionType(_ index: UInt32, at offset: Int) throws(WasmError) {
        guard Int(index) < module.types.count else { throw .invalid("unknown type \(index)", offset: offset) }
        guard module.typeDeclaration(at: Int(index)).composite == .function else {
            throw .invalid("type mismatch: type \(index) is not a function type", offset: offset)
        }
    }

    private func validate(tableType t: TableType, at offset: Int) throws(WasmError) {
        try requireKnown(t.elementType, at: offset)
        try requireAddressTypeEnabled(t.addressType, at: offset)
        if t.limits.min > t.maxElements || (t.limits.max ?? 0) > t.maxElements {
            throw .invalid("table size must be at most 2^\(t.addressType == .i64 ? 64 : 32)-1", offset: offset)
        }
        if let max = t.limits.max, t.limits.min > max {
            throw .invalid("size minimum must not be greater than maximum", offset: offset)
        }
    }

    /// A tag's type must exist and have no results (its parameters are the payload).
    private func validate(tagType typeIndex: UInt32, at offset: Int) throws(WasmError) {
        try requireFunctionType(typeIndex, at: offset)
        guard module.types[Int(typeIndex)].results.isEmpty else {
            throw .invalid("non-empty tag result type", offset: offset)
        }
    }

    private func validate(memoryType m: MemoryType, at offset: Int) throws(WasmError) {
        try requireAddressTypeEnabled(m.addressType, at: offset)
        let pages = m.maxPagesForAddressType
        if m.limits.min > pages || (m.limits.max ?? 0) > pages {
            throw .invalid(m.addressType == .i64 ? "memory size must be at most 2^48 pages"
                           : "memory size must be at most 65536 pages (4GiB)", offset: offset)
        }
        if let max = m.limits.max, m.limits.min > max {
            throw .invalid("size minimum must not be greater than maximum", offset: offset)
        }
    }

    /// 64-bit limits are malformed where ``WasmFeatures/memory64`` is off (2.0).
    private func requireAddressTypeEnabled(_ type: AddressType, at offset: Int) throws(WasmError) {
        if type == .i64 && !features.memory64 { throw .malformed("integer too large", offset: offset) }
    }

    /// Every function index referenced outside function bodies and the start section.
    private func collectDeclaredFunctions() -> Set<UInt32> {
        var set = Set<UInt32>()
        func add(_ e: ConstExpression) { if case .refFunc(let f) = e { set.insert(f) } }
        for g in module.globals { add(g.initializer) }
        for case let initializer? in module.tableInitializers { add(initializer) }
        for e in module.exports where e.kind == .function { set.insert(e.index) }
        for seg in module.elements {
            seg.items.forEach(add)
            if case .active(_, let offset) = seg.mode { add(offset) }
        }
        for seg in module.data { if case .active(_, let offset) = seg.mode { add(offset) } }
        return set
    }

    private func validateElements(_ constants: ConstExprValidator) throws(WasmError) {
        let at = offset(ofSection: 9)
        for seg in module.elements {
            if case .active(let table, let offset) = seg.mode {
                guard let tableType = module.tableType(at: table) else {
                    throw .invalid("unknown table \(table)", offset: at)
                }
                try constants.check(offset, expected: tableType.addressType.valueType, at: at)
                guard constants.subtyping.isSubtype(seg.type, of: tableType.elementType) else {
                    throw .invalid("type mismatch", offset: at)
                }
            }
            try requireKnown(seg.type, at: at)
            for item in seg.items { try constants.check(item, expected: seg.type, at: at) }
        }
    }

    private func validateData(_ constants: ConstExprValidator) throws(WasmError) {
        let at = offset(ofSection: 11)
        for seg in module.data {
            if case .active(let memory, let offset) = seg.mode {
                guard let memoryType = module.memoryType(at: memory) else {
                    throw .invalid("unknown memory \(memory)", offset: at)
                }
                try constants.check(offset, expected: memoryType.addressType.valueType, at: at)
            }
        }
    }

    private func validateStart() throws(WasmError) {
        guard let start = module.start else { return }
        let at = offset(ofSection: 8)
        guard let type = module.functionType(ofFunction: start) else {
            throw .invalid("unknown function \(start)", offset: at)
        }
        guard type.parameters.isEmpty && type.results.isEmpty else {
            throw .invalid("start function must have type [] -> []", offset: at)
        }
    }

    private func validateExports() throws(WasmError) {
        let at = offset(ofSection: 7)
        // Names are compared as byte strings: Swift `String` equality would merge
        // canonically equivalent but differently encoded names.
        var names = Set<[UInt8]>()
        names.reserveCapacity(module.exports.count)
        for e in module.exports {
            let count: Int
            switch e.kind {
            case .function: count = module.functionCount
            case .table: count = module.tableCount
            case .memory: count = module.memoryCount
            case .global: count = module.globalCount
            case .tag: count = module.tagCount
            }
            guard Int(e.index) < count else { throw .invalid("unknown \(e.kind == .function ? "function" : "\(e.kind)") \(e.index)", offset: at) }
            guard names.insert(Array(e.name.utf8)).inserted else { throw .invalid("duplicate export name", offset: at) }
        }
    }

    private func validateBodies() throws(WasmError) {
        let module = self.module
        let declared = declaredFunctions
        let subtyping = self.subtyping
        // A module assembled by hand (public vars) may break what the decoder guarantees.
        guard module.functions.count == module.bodies.count else {
            throw .malformed("function and code section have inconsistent lengths", offset: offset(ofSection: 10))
        }
        try module.bytes.withUnsafeBufferPointer { (buffer) throws(WasmError) in
            var validator = FunctionValidator(module: module, buffer: buffer, declaredFunctions: declared,
                                              subtyping: subtyping)
            validator.tailCalls = features.tailCalls
            validator.wasm2Immediates = !features.multiMemory
            validator.exceptionHandling = features.exceptionHandling
            validator.typedReferences = features.typedFunctionReferences
            for (i, body) in module.bodies.enumerated() {
                let typeIndex = Int(module.functions[i])
                guard typeIndex < module.types.count else {
                    throw .invalid("unknown type \(typeIndex)", offset: body.code.lowerBound)
                }
                try validator.validate(body: body, type: module.types[typeIndex])
            }
        }
    }
}
