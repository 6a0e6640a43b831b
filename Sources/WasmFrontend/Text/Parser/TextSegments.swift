/// Element and data segments: `(elem …)`, `(data …)` and the inline forms of
/// tables and memories.
extension TextModuleParser {
    enum SegmentMode {
        case passive, declarative
        /// `offset` is the encoded constant expression, `end` included;
        /// `explicit` when the text names the table (then, like wasm-tools, the
        /// encoding names it too).
        case active(table: UInt32, offset: [UInt8], explicit: Bool)
    }

    /// `(elem $id? mode elemlist)`, after `(elem`.
    mutating func elementField(_ counters: inout FieldCounters) throws(TextError) {
        counters.element += 1
        _ = cursor.optionalID()
        scope = TextFunctionScope()
        var mode = SegmentMode.passive
        if cursor.take("declare") {
            mode = .declarative
        } else if cursor.opens("table") || (cursor.isLeft() && !cursor.opens("ref") && !cursor.opens("item")) || cursor.atIndex(after: 0) && cursor.isLeft(1) {
            var table: UInt32 = 0
            let explicit = cursor.opens("table") || cursor.atIndex
            if cursor.takeOpen("table") {
                table = try tables.resolve(&cursor)
                try cursor.expectRight()
            } else if cursor.atIndex {
                // Legacy `(elem 0 (offset …) …)`: the table index without `(table …)`.
                table = try tables.resolve(&cursor)
            }
            mode = .active(table: table, offset: try offsetExpression(), explicit: explicit)
        }
        var type = ValueType.funcRef
        var indices = true
        if cursor.take("func") {
            indices = true
        } else if atReferenceType {
            type = try referenceType()
            indices = false
        }
        let segment = try elementList(type: type, indices: indices)
        try cursor.expectRight()
        writeElementSegment(mode: mode, segment)
    }

    /// `(offset instr*)` or one folded instruction, encoded with its `end`.
    private mutating func offsetExpression() throws(TextError) -> [UInt8] {
        var out = BinaryWriter()
        if cursor.takeOpen("offset") {
            try expression(&out)
            try cursor.expectRight()
        } else {
            try foldedInstruction(&out)
            out.byte(0x0B)
        }
        return out.bytes
    }

    /// The items of an element segment, encoded, with their type.
    struct ElementList {
        /// Expressions (`true`) or function indices.
        var expressions: Bool
        var type: ValueType
        var count: UInt32
        /// The item count, then the items.
        var body: [UInt8]
    }

    /// The items of a segment: function indices or expressions.
    mutating func elementList(type: ValueType, indices: Bool) throws(TextError) -> ElementList {
        var items = BinaryWriter()
        var count: UInt32 = 0
        if indices {
            while cursor.atIndex {
                items.u32(try functions.resolve(&cursor))
                count += 1
            }
        } else {
            while cursor.isLeft() {
                if cursor.takeOpen("item") {
                    try expression(&items)
                    try cursor.expectRight()
                } else {
                    try foldedInstruction(&items)
                    items.byte(0x0B)
                }
                count += 1
            }
        }
        var body = BinaryWriter()
        body.u32(count)
        body.append(items.bytes)
        return ElementList(expressions: !indices, type: type, count: count, body: body.bytes)
    }

    /// The items of a table's inline segment `(elem …)`: function indices for a
    /// `funcref` table; for a table of another type, the indices become
    /// `ref.func` expressions of that type, as wasm-tools writes them.
    mutating func inlineElementList(tableType type: ValueType) throws(TextError) -> ElementList {
        guard !cursor.isLeft() && type != .funcRef else {
            return try elementList(type: type, indices: !cursor.isLeft())
        }
        var body = BinaryWriter()
        var count: UInt32 = 0
        var items = BinaryWriter()
        while cursor.atIndex {
            items.byte(0xD2)
            items.u32(try functions.resolve(&cursor))
            items.byte(0x0B)
            count += 1
        }
        body.u32(count)
        body.append(items.bytes)
        return ElementList(expressions: true, type: type, count: count, body: body.bytes)
    }

    /// Writes an element segment: the shortest flags for table 0 and `funcref`
    /// items, as wasm-tools chooses them, the explicit forms otherwise.
    mutating func writeElementSegment(mode: SegmentMode, _ segment: ElementList) {
        let expressions = segment.expressions
        var out = BinaryWriter()
        /// The element kind (0, function indices) or the items' reference type.
        func kindOrType(_ out: inout BinaryWriter) {
            if expressions { out.valueType(segment.type) } else { out.byte(0) }
        }
        switch mode {
        case .active(let table, let offset, let explicit) where table == 0 && !explicit && segment.type == .funcRef:
            out.byte(expressions ? 4 : 0)
            out.append(offset)
        case .active(let table, let offset, _):
            out.byte(expressions ? 6 : 2)
            out.u32(table)
            out.append(offset)
            kindOrType(&out)
        case .passive:
            out.byte(expressions ? 5 : 1)
            kindOrType(&out)
        case .declarative:
            out.byte(expressions ? 7 : 3)
            kindOrType(&out)
        }
        out.append(segment.body)
        elementSection.append(out.bytes)
        elementCount += 1
    }

    /// `(data $id? (memory x)? offset string*)` or `(data $id? string*)`, after `(data`.
    mutating func dataField(_ counters: inout FieldCounters) throws(TextError) {
        counters.data += 1
        _ = cursor.optionalID()
        scope = TextFunctionScope()
        var memory: UInt32?
        var offset: [UInt8]?
        if cursor.takeOpen("memory") {
            memory = try memories.resolve(&cursor)
            try cursor.expectRight()
        } else if cursor.atIndex {
            memory = try memories.resolve(&cursor)
        }
        if cursor.isLeft() {
            offset = try offsetExpression()
            if memory == nil { memory = 0 }
        } else if memory != nil {
            throw cursor.unexpected("an offset")
        }
        var bytes: [UInt8] = []
        while cursor.isString() { bytes += try cursor.takeString() }
        try cursor.expectRight()
        if let memory, let offset {
            writeDataSegment(memory: memory, offset: offset, bytes)
        } else {
            dataSection.byte(1)
            dataSection.vector(bytes)
            dataCount += 1
        }
    }

    mutating func writeDataSegment(memory: UInt32, offset: [UInt8], _ bytes: [UInt8]) {
        if memory == 0 {
            dataSection.byte(0)
        } else {
            dataSection.byte(2)
            dataSection.u32(memory)
        }
        dataSection.append(offset)
        dataSection.vector(bytes)
        dataCount += 1
    }
}
