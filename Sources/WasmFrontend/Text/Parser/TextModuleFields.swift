/// Pass 2: each module field parsed in full and written to its section.
extension TextModuleParser {
    mutating func encodeFields() throws(TextError) {
        var counters = FieldCounters()
        while cursor.isLeft() {
            cursor.position += 1
            let keyword = try cursor.takeAtom("a module field")
            switch keyword {
            case "type", "rec": try cursor.skipToClose()
            case "import": try importField(&counters)
            case "func": try functionField(&counters)
            case "table": try tableField(&counters)
            case "memory": try memoryField(&counters)
            case "global": try globalField(&counters)
            case "tag": try tagField(&counters)
            case "export": try exportField()
            case "start":
                start = try functions.resolve(&cursor)
                try cursor.expectRight()
            case "elem": try elementField(&counters)
            case "data": try dataField(&counters)
            default: throw cursor.error("unknown module field '\(keyword)'")
            }
        }
    }

    /// The index the next definition of each kind gets (as in pass 1).
    struct FieldCounters {
        var function: UInt32 = 0, table: UInt32 = 0, memory: UInt32 = 0, global: UInt32 = 0
        var element: UInt32 = 0, data: UInt32 = 0, tag: UInt32 = 0
    }

    // MARK: Imports and exports

    private mutating func importField(_ counters: inout FieldCounters) throws(TextError) {
        let module = try cursor.takeName()
        let name = try cursor.takeName()
        try cursor.expectLeft()
        let kind = try cursor.takeAtom("an import kind")
        let id = cursor.optionalID()
        switch kind {
        case "func":
            if let id { functionNames.append((counters.function, id)) }
            try importFunction(module, name)
            counters.function += 1
        case "table":
            try importEntry(module, name, kind: 1) { parser, out throws(TextError) in try parser.tableType(&out) }
            counters.table += 1
        case "memory":
            try importEntry(module, name, kind: 2) { parser, out throws(TextError) in try parser.limits(&out) }
            counters.memory += 1
        case "global":
            try importEntry(module, name, kind: 3) { parser, out throws(TextError) in try parser.globalType(&out) }
            counters.global += 1
        case "tag":
            try importEntry(module, name, kind: 4) { parser, out throws(TextError) in try parser.tagType(&out) }
            counters.tag += 1
        default:
            throw cursor.error("unknown import kind '\(kind)'")
        }
        try cursor.expectRight()
        try cursor.expectRight()
    }

    private mutating func importFunction(_ module: [UInt8], _ name: [UInt8]) throws(TextError) {
        let (type, _) = try typeUse()
        imports.vector(module)
        imports.vector(name)
        imports.byte(0)
        imports.u32(type)
        importCount += 1
    }

    mutating func importEntry(_ module: [UInt8], _ name: [UInt8], kind: UInt8,
                                      _ describe: (inout TextModuleParser, inout BinaryWriter) throws(TextError) -> Void) throws(TextError) {
        var description = BinaryWriter()
        try describe(&self, &description)
        imports.vector(module)
        imports.vector(name)
        imports.byte(kind)
        imports.append(description.bytes)
        importCount += 1
    }

    /// `(export "name")*` and `(import "module" "name")?` after a definition's id.
    /// Returns the import's names if there is one.
    private mutating func inlineExportsAndImport(kind: UInt8, index: UInt32) throws(TextError) -> (module: [UInt8], name: [UInt8])? {
        while cursor.takeOpen("export") {
            addExport(try cursor.takeName(), kind: kind, index: index)
            try cursor.expectRight()
        }
        guard cursor.takeOpen("import") else { return nil }
        let module = try cursor.takeName()
        let name = try cursor.takeName()
        try cursor.expectRight()
        if cursor.opens("export") { throw cursor.error("exports must come before the import") }
        return (module, name)
    }

    private mutating func addExport(_ name: [UInt8], kind: UInt8, index: UInt32) {
        exports.vector(name)
        exports.byte(kind)
        exports.u32(index)
        exportCount += 1
    }

    private mutating func exportField() throws(TextError) {
        let name = try cursor.takeName()
        try cursor.expectLeft()
        let kind: UInt8
        switch try cursor.takeAtom("an export kind") {
        case "func": kind = 0; addExport(name, kind: kind, index: try functions.resolve(&cursor))
        case "table": kind = 1; addExport(name, kind: kind, index: try tables.resolve(&cursor))
        case "memory": kind = 2; addExport(name, kind: kind, index: try memories.resolve(&cursor))
        case "global": kind = 3; addExport(name, kind: kind, index: try globals.resolve(&cursor))
        case "tag": kind = 4; addExport(name, kind: kind, index: try tags.resolve(&cursor))
        case let other: throw cursor.error("unknown export kind '\(other)'")
        }
        try cursor.expectRight()
        try cursor.expectRight()
    }

    // MARK: Functions

    private mutating func functionField(_ counters: inout FieldCounters) throws(TextError) {
        let index = counters.function
        counters.function += 1
        if let id = cursor.optionalID() { functionNames.append((index, id)) }
        if let (module, name) = try inlineExportsAndImport(kind: 0, index: index) {
            try importFunction(module, name)
            try cursor.expectRight()
            return
        }
        let (type, names) = try typeUse()
        functionTypes.append(type)
        scope = TextFunctionScope()
        scope.inFunction = true
        var named: [(UInt32, String)] = []
        for name in names {
            let local = try scope.locals.declare(name, at: cursor.offset)
            if let name { named.append((local, name)) }
        }
        var locals: [ValueType] = []
        while cursor.takeOpen("local") {
            let at = cursor.offset
            if let id = cursor.optionalID() {
                locals.append(try valueType())
                named.append((try scope.locals.declare(id, at: at), id))
            } else {
                while !cursor.isRight() {
                    locals.append(try valueType())
                    try scope.locals.declare(nil, at: at)
                }
            }
            try cursor.expectRight()
        }
        if !named.isEmpty { localNames.append((index, named)) }
        var body = BinaryWriter()
        var groups: [(count: UInt32, type: ValueType)] = []
        for local in locals {
            if let last = groups.last, last.type == local {
                groups[groups.count - 1].count += 1
            } else {
                groups.append((1, local))
            }
        }
        body.u32(UInt32(groups.count))
        for group in groups {
            body.u32(group.count)
            body.valueType(group.type)
        }
        try expression(&body)
        try cursor.expectRight()
        codeSection.vector(body.bytes)
        codeCount += 1
    }

    // MARK: Tables, memories, globals

    /// `addrtype? limits reftype`.
    mutating func tableType(_ out: inout BinaryWriter) throws(TextError) {
        var limits = BinaryWriter()
        try self.limits(&limits)
        out.valueType(try referenceType())
        out.append(limits.bytes)
    }

    /// `i32` or `i64` before limits (Wasm 3.0 memory64/table64); `i32` when left out.
    mutating func addressType() -> AddressType {
        if cursor.isAtom("i64") {
            cursor.position += 1
            return .i64
        }
        if cursor.isAtom("i32") { cursor.position += 1 }
        return .i32
    }

    /// `addrtype? min max?`: flags 0x00/0x01 for 32-bit limits, 0x04/0x05 for 64-bit.
    mutating func limits(_ out: inout BinaryWriter) throws(TextError) {
        // Any u64, as in the 3.0 binary format: validation bounds each address type's limits.
        let is64 = addressType() == .i64
        let min = try cursor.takeU64("limit")
        var max: UInt64?
        if cursor.atIndex && !cursor.isID() { max = try cursor.takeU64("limit") }
        out.byte((max == nil ? 0 : 1) | (is64 ? 4 : 0))
        out.u64(min)
        if let max { out.u64(max) }
        if cursor.isAtom("shared") { throw cursor.error("shared memories are not supported") }
    }

    /// `t` or `(mut t)`.
    mutating func globalType(_ out: inout BinaryWriter) throws(TextError) {
        if cursor.takeOpen("mut") {
            out.valueType(try valueType())
            out.byte(1)
            try cursor.expectRight()
        } else {
            out.valueType(try valueType())
            out.byte(0)
        }
    }

    private mutating func tableField(_ counters: inout FieldCounters) throws(TextError) {
        let index = counters.table
        counters.table += 1
        _ = cursor.optionalID()
        scope = TextFunctionScope()
        if let (module, name) = try inlineExportsAndImport(kind: 1, index: index) {
            try importEntry(module, name, kind: 1) { parser, out throws(TextError) in try parser.tableType(&out) }
            try cursor.expectRight()
            return
        }
        let typeStart = cursor.position
        let is64 = addressType() == .i64
        if cursor.atIndex {
            cursor.position = typeStart
            var type = BinaryWriter()
            try tableType(&type)
            if cursor.isLeft() {
                // `limits reftype expr`: every element starts as the value of `expr`.
                var initializer = BinaryWriter()
                try expression(&initializer)
                tableSection.append([0x40, 0x00])
                tableSection.append(type.bytes)
                tableSection.append(initializer.bytes)
            } else {
                tableSection.append(type.bytes)
            }
            tableCount += 1
            try cursor.expectRight()
            return
        }
        // `addrtype? reftype (elem …)`: a table exactly as large as its inline segment.
        let type = try referenceType()
        guard cursor.takeOpen("elem") else { throw cursor.unexpected("'(elem' or table limits") }
        let segment = try inlineElementList(tableType: type)
        try cursor.expectRight()
        try cursor.expectRight()
        tableSection.valueType(type)
        tableSection.byte(is64 ? 5 : 1)
        tableSection.u32(segment.count)
        tableSection.u32(segment.count)
        tableCount += 1
        counters.element += 1
        let offset: [UInt8] = is64 ? [0x42, 0x00, 0x0B] : [0x41, 0x00, 0x0B]
        writeElementSegment(mode: .active(table: index, offset: offset, explicit: true), segment)
    }

    private mutating func memoryField(_ counters: inout FieldCounters) throws(TextError) {
        let index = counters.memory
        counters.memory += 1
        _ = cursor.optionalID()
        if let (module, name) = try inlineExportsAndImport(kind: 2, index: index) {
            try importEntry(module, name, kind: 2) { parser, out throws(TextError) in try parser.limits(&out) }
            try cursor.expectRight()
            return
        }
        // `addrtype? (data …)`: a memory exactly as large as its inline data.
        let inlineStart = cursor.position
        let is64 = addressType() == .i64
        if cursor.takeOpen("data") {
            var bytes: [UInt8] = []
            while cursor.isString() { bytes += try cursor.takeString() }
            try cursor.expectRight()
            try cursor.expectRight()
            let pages = UInt32((bytes.count + 65_535) / 65_536)
            memorySection.byte(is64 ? 5 : 1)
            memorySection.u32(pages)
            memorySection.u32(pages)
            memoryCount += 1
            counters.data += 1
            writeDataSegment(memory: index, offset: is64 ? [0x42, 0x00, 0x0B] : [0x41, 0x00, 0x0B], bytes)
            return
        }
        cursor.position = inlineStart
        var limits = BinaryWriter()
        try self.limits(&limits)
        memorySection.append(limits.bytes)
        memoryCount += 1
        try cursor.expectRight()
    }

    private mutating func globalField(_ counters: inout FieldCounters) throws(TextError) {
        let index = counters.global
        counters.global += 1
        _ = cursor.optionalID()
        if let (module, name) = try inlineExportsAndImport(kind: 3, index: index) {
            try importEntry(module, name, kind: 3) { parser, out throws(TextError) in try parser.globalType(&out) }
            try cursor.expectRight()
            return
        }
        var global = BinaryWriter()
        try globalType(&global)
        scope = TextFunctionScope()
        try expression(&global)
        globalSection.append(global.bytes)
        try cursor.expectRight()
        globalCount += 1
    }
}
