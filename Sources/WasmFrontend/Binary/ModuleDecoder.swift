/// Decodes the binary module format into a ``WasmModule`` (no validation).
///
/// Like the reference interpreter, section contents are read from one stream over the
/// whole file; after each section the position must equal the declared end
/// ("section size mismatch"). Function bodies are only framed here (locals + code range);
/// their operators are decoded by the validator.
struct ModuleDecoder {
    var reader: ByteReader
    var module: WasmModule

    /// `features` chooses 2.0's or 3.0's encodings where they differ (see
    /// ``ByteReader/wasm2Immediates``).
    static func decode(_ bytes: [UInt8], features: WasmFeatures = .default) throws(WasmError) -> WasmModule {
        try bytes.withUnsafeBufferPointer { (buffer) throws(WasmError) -> WasmModule in
            var reader = ByteReader(buffer: buffer)
            reader.wasm2Immediates = !features.memory64
            reader.exceptionHandling = features.exceptionHandling
            reader.typedReferences = features.typedFunctionReferences
            var decoder = ModuleDecoder(reader: reader, module: WasmModule(bytes: bytes))
            try decoder.decodeModule()
            return decoder.module
        }
    }

    /// Section ids in the order the spec requires (tag sits between memory and global,
    /// data count between element and code).
    private static func orderRank(ofSection id: UInt8) -> Int? {
        switch id {
        case 1...5: Int(id) * 2
        case 13: 11
        case 6...9: Int(id) * 2
        case 12: 19
        case 10: 20
        case 11: 21
        default: nil
        }
    }

    private mutating func decodeModule() throws(WasmError) {
        try decodeHeader()
        var lastRank = 0
        var sawCode = false
        while !reader.isAtEnd {
            reader.endMessage = "unexpected end"
            let idOffset = reader.position
            let id = try reader.readByte()
            let sizeOffset = reader.position
            let size = Int(try reader.readVarUInt32())
            guard size <= reader.remaining else { throw reader.malformed("length out of bounds", at: sizeOffset) }
            let sectionEnd = reader.position + size
            reader.endMessage = "unexpected end of section or function"
            if id == 0 {
                try decodeCustomSection(end: sectionEnd)
                continue
            }
            guard let rank = Self.orderRank(ofSection: id), id != 13 || reader.exceptionHandling else {
                throw reader.malformed("malformed section id", at: idOffset)
            }
            guard rank > lastRank else {
                throw reader.malformed("unexpected content after last section", at: idOffset)
            }
            lastRank = rank
            module.sectionOffsets[id] = idOffset
            switch id {
            case 1: try decodeTypeSection()
            case 2: try decodeImportSection()
            case 3: try decodeFunctionSection()
            case 4: try decodeTableSection()
            case 5: try decodeMemorySection()
            case 6: try decodeGlobalSection()
            case 7: try decodeExportSection()
            case 8: module.start = try reader.readIndex()
            case 9: try decodeElementSection()
            case 10:
                sawCode = true
                module.codeSectionEnd = sectionEnd
                module.codeSectionContents = reader.position..<sectionEnd
                try decodeCodeSection()
            case 11: try decodeDataSection()
            case 12: module.dataCount = try reader.readVarUInt32()
            case 13: try decodeTagSection()
            default: throw reader.malformed("malformed section id", at: idOffset)
            }
            guard reader.position == sectionEnd else {
                throw reader.malformed("section size mismatch", at: reader.position)
            }
        }
        if module.functions.count != module.bodies.count || (!sawCode && !module.functions.isEmpty) {
            throw reader.malformed("function and code section have inconsistent lengths")
        }
        if let count = module.dataCount, Int(count) != module.data.count {
            throw reader.malformed("data count and data section have inconsistent lengths")
        }
    }

    private mutating func decodeHeader() throws(WasmError) {
        let magic = try reader.readFixedUInt32()
        guard magic == 0x6D73_6100 else { throw reader.malformed("magic header not detected", at: 0) }
        let version = try reader.readFixedUInt32()
        guard version == 1 else { throw reader.malformed("unknown binary version", at: 4) }
    }

    // MARK: Sections

    private mutating func decodeCustomSection(end: Int) throws(WasmError) {
        let start = reader.position
        let name = try reader.readName()
        guard reader.position <= end else { throw reader.malformed("unexpected end", at: start) }
        let payload = reader.position..<end
        module.customSections.append(CustomSection(name: name, payload: payload))
        if name == "name" {
            // A malformed name section is ignored, never fatal.
            module.names = NameSectionDecoder.decode(reader.buffer, payload) ?? NameSection()
        }
        reader.position = end
    }

    /// The type section: function types, each on its own or in a recursion group
    /// (`0x4E`), optionally declared as a subtype (`0x50`, or `0x4F` for final).
    private mutating func decodeTypeSection() throws(WasmError) {
        let count = try reader.readVectorCount()
        var types = [FunctionType]()
        var declarations = [TypeDeclaration]()
        types.reserveCapacity(reader.cappedCapacity(count))
        for _ in 0..<count {
            if reader.typedReferences, reader.position < reader.limit, reader.buffer[reader.position] == 0x4E {
                reader.position += 1
                let members = try reader.readVectorCount()
                let group = types.count..<(types.count + members)
                for _ in 0..<members {
                    try readSubtype(group: group, into: &types, &declarations)
                }
            } else {
                try readSubtype(group: types.count..<(types.count + 1), into: &types, &declarations)
            }
        }
        module.types = types
        module.typeDeclarations = declarations
    }

    private mutating func readSubtype(group: Range<Int>, into types: inout [FunctionType],
                                      _ declarations: inout [TypeDeclaration]) throws(WasmError) {
        var supertypes: [UInt32] = []
        var isFinal = true
        if reader.typedReferences, reader.position < reader.limit,
           reader.buffer[reader.position] == 0x50 || reader.buffer[reader.position] == 0x4F {
            isFinal = reader.buffer[reader.position] == 0x4F
            reader.position += 1
            let count = try reader.readVectorCount()
            for _ in 0..<count { supertypes.append(try reader.readIndex()) }
        }
        let at = reader.position
        let tag = try reader.readByte()
        var composite = CompositeType.function
        switch tag {
        case 0x60:
            let parameters = try readValueTypes()
            let results = try readValueTypes()
            types.append(FunctionType(parameters: parameters, results: results))
        case 0x5F where reader.typedReferences:
            let count = try reader.readVectorCount()
            var fields = [FieldType]()
            fields.reserveCapacity(reader.cappedCapacity(count))
            for _ in 0..<count { fields.append(try readFieldType()) }
            composite = .struct(fields)
            types.append(FunctionType())
        case 0x5E where reader.typedReferences:
            composite = .array(try readFieldType())
            types.append(FunctionType())
        default:
            // The tag is a one-byte signed LEB128 in the reference decoder.
            throw reader.malformed(tag & 0x80 != 0 ? "integer representation too long" : "malformed function type", at: at)
        }
        if supertypes.count > 1 { module.deferredError = module.deferredError ?? .invalid("multiple supertypes", offset: at) }
        declarations.append(TypeDeclaration(recGroup: group, supertype: supertypes.first, isFinal: isFinal,
                                            composite: composite))
    }

    /// A struct field or array element: storage type (a value type, or packed
    /// `i8` 0x78 / `i16` 0x77), then mutability (0 or 1).
    private mutating func readFieldType() throws(WasmError) -> FieldType {
        guard reader.position < reader.limit else { throw reader.malformed(reader.endMessage) }
        let storage: StorageType
        switch reader.buffer[reader.position] {
        case 0x78:
            reader.position += 1
            storage = .i8
        case 0x77:
            reader.position += 1
            storage = .i16
        default:
            storage = .value(try reader.readValueType())
        }
        let at = reader.position
        switch try reader.readByte() {
        case 0: return FieldType(storage: storage, isMutable: false)
        case 1: return FieldType(storage: storage, isMutable: true)
        default: throw reader.malformed("malformed mutability", at: at)
        }
    }

    private mutating func readValueTypes() throws(WasmError) -> [ValueType] {
        let count = try reader.readVectorCount()
        var types = [ValueType]()
        types.reserveCapacity(reader.cappedCapacity(count))
        for _ in 0..<count { types.append(try reader.readValueType()) }
        return types
    }

    private mutating func decodeImportSection() throws(WasmError) {
        let count = try reader.readVectorCount()
        var imports = [Import]()
        imports.reserveCapacity(reader.cappedCapacity(count))
        for _ in 0..<count {
            let moduleName = try reader.readName()
            let name = try reader.readName()
            let at = reader.position
            let descriptor: ImportDescriptor
            switch try reader.readByte() {
            case 0: descriptor = .function(typeIndex: try reader.readIndex())
            case 1: descriptor = .table(try readTableType())
            case 2: descriptor = .memory(try readMemoryType())
            case 3: descriptor = .global(try readGlobalType())
            case 4 where reader.exceptionHandling: descriptor = .tag(typeIndex: try readTagType())
            default: throw reader.malformed("malformed import kind", at: at)
            }
            imports.append(Import(module: moduleName, name: name, descriptor: descriptor))
        }
        module.imports = imports
    }

    private mutating func decodeFunctionSection() throws(WasmError) {
        let count = try reader.readVectorCount()
        var functions = [UInt32]()
        functions.reserveCapacity(reader.cappedCapacity(count))
        for _ in 0..<count { functions.append(try reader.readIndex()) }
        module.functions = functions
    }

    private mutating func decodeTableSection() throws(WasmError) {
        let count = try reader.readVectorCount()
        var tables = [TableType]()
        var initializers = [ConstExpression?]()
        tables.reserveCapacity(reader.cappedCapacity(count))
        for _ in 0..<count {
            // `0x40 0x00 tabletype expr`: a table whose elements start as `expr` (typed references).
            if reader.typedReferences, reader.position < reader.limit, reader.buffer[reader.position] == 0x40 {
                reader.position += 1
                try reader.readZeroByte()
                tables.append(try readTableType())
                initializers.append(try readConstExpression())
            } else {
                tables.append(try readTableType())
                initializers.append(nil)
            }
        }
        module.tables = tables
        module.tableInitializers = initializers
    }

    private mutating func decodeMemorySection() throws(WasmError) {
        let count = try reader.readVectorCount()
        var memories = [MemoryType]()
        memories.reserveCapacity(reader.cappedCapacity(count))
        for _ in 0..<count { memories.append(try readMemoryType()) }
        module.memories = memories
    }

    private mutating func decodeGlobalSection() throws(WasmError) {
        let count = try reader.readVectorCount()
        var globals = [Global]()
        globals.reserveCapacity(reader.cappedCapacity(count))
        for _ in 0..<count {
            let type = try readGlobalType()
            globals.append(Global(type: type, initializer: try readConstExpression()))
        }
        module.globals = globals
    }

    private mutating func decodeTagSection() throws(WasmError) {
        let count = try reader.readVectorCount()
        var tags = [UInt32]()
        tags.reserveCapacity(reader.cappedCapacity(count))
        for _ in 0..<count { tags.append(try readTagType()) }
        module.tags = tags
    }

    /// A tag type: the attribute byte (0 = exception) and a function type index.
    private mutating func readTagType() throws(WasmError) -> UInt32 {
        let at = reader.position
        guard try reader.readByte() == 0 else { throw reader.malformed("malformed tag attribute", at: at) }
        return try reader.readIndex()
    }

    private mutating func decodeExportSection() throws(WasmError) {
        let count = try reader.readVectorCount()
        var exports = [Export]()
        exports.reserveCapacity(reader.cappedCapacity(count))
        for _ in 0..<count {
            let name = try reader.readName()
            let at = reader.position
            guard let kind = ExternalKind(rawValue: try reader.readByte()), kind != .tag || reader.exceptionHandling else {
                throw reader.malformed("malformed export kind", at: at)
            }
            exports.append(Export(name: name, kind: kind, index: try reader.readIndex()))
        }
        module.exports = exports
    }

    private mutating func decodeCodeSection() throws(WasmError) {
        let count = try reader.readVectorCount()
        var bodies = [FunctionBody]()
        bodies.reserveCapacity(reader.cappedCapacity(count))
        for _ in 0..<count {
            let sizeOffset = reader.position
            let size = Int(try reader.readVarUInt32())
            guard size <= reader.remaining else { throw reader.malformed("length out of bounds", at: sizeOffset) }
            let bodyEnd = reader.position + size
            let locals = try readLocals()
            guard reader.position <= bodyEnd else {
                throw reader.malformed("section size mismatch", at: reader.position)
            }
            let code = reader.position..<bodyEnd
            try BodyScanner.scan(&reader, code: code, hasDataCount: module.dataCount != nil)
            bodies.append(FunctionBody(locals: locals, code: code))
        }
        module.bodies = bodies
    }

    /// Local declarations, expanded. The total is checked before anything is allocated.
    private mutating func readLocals() throws(WasmError) -> [ValueType] {
        let groupCount = try reader.readVectorCount()
        var groups: [(count: Int, type: ValueType)] = []
        groups.reserveCapacity(reader.cappedCapacity(groupCount))
        var total = 0
        for _ in 0..<groupCount {
            let at = reader.position
            let n = Int(try reader.readVarUInt32())
            total += n
            guard total <= FunctionBody.maxLocals else { throw reader.malformed("too many locals", at: at) }
            groups.append((n, try reader.readValueType()))
        }
        // Filled in place: appending element by element costs seconds in debug
        // builds for a module that declares millions of locals (before the
        // compile budget can refuse it).
        return [ValueType](unsafeUninitializedCapacity: total) { buffer, initialized in
            for g in groups where g.count > 0 {
                (buffer.baseAddress! + initialized).initialize(repeating: g.type, count: g.count)
                initialized += g.count
            }
        }
    }

    // MARK: Types

    /// Limits and the address type their flags byte gives: bit 0 = has a maximum,
    /// bit 2 = 64-bit (`i64` addresses, sizes as u64 LEB128). Bit 1 (shared) belongs to
    /// the threads proposal, not implemented.
    private mutating func readLimits() throws(WasmError) -> (Limits, AddressType) {
        let at = reader.position
        let flags = try reader.readByte()
        switch flags {
        case 0x00, 0x01:
            let min = try readLimit32()
            let max = flags == 0x01 ? try readLimit32() : nil
            return (Limits(min: min, max: max), .i32)
        case 0x04 where !reader.wasm2Immediates, 0x05 where !reader.wasm2Immediates:
            let min = try reader.readVarUInt64()
            let max = flags == 0x05 ? try reader.readVarUInt64() : nil
            return (Limits(min: min, max: max), .i64)
        default:
            // The flag is a one-byte LEB128 in the reference decoder.
            throw reader.malformed(flags & 0x80 != 0 ? "integer representation too long" : "integer too large", at: at)
        }
    }

    /// A 32-bit limit: a u64 LEB128 in 3.0 (validation bounds the value), a u32 in 2.0.
    private mutating func readLimit32() throws(WasmError) -> UInt64 {
        reader.wasm2Immediates ? UInt64(try reader.readVarUInt32()) : try reader.readVarUInt64()
    }

    private mutating func readMemoryType() throws(WasmError) -> MemoryType {
        let (limits, addressType) = try readLimits()
        return MemoryType(limits: limits, addressType: addressType)
    }

    private mutating func readTableType() throws(WasmError) -> TableType {
        let element = try reader.readReferenceType()
        let (limits, addressType) = try readLimits()
        return TableType(elementType: element, limits: limits, addressType: addressType)
    }

    private mutating func readGlobalType() throws(WasmError) -> GlobalType {
        let type = try reader.readValueType()
        let at = reader.position
        switch try reader.readByte() {
        case 0: return GlobalType(valueType: type, isMutable: false)
        case 1: return GlobalType(valueType: type, isMutable: true)
        default: throw reader.malformed("malformed mutability", at: at)
        }
    }
}
