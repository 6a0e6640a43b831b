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
        var segment = BinaryWriter()
        var type = ValueType.funcRef
        var indices = true
        if cursor.take("func") {
            indices = true
        } else if cursor.isAtom("funcref") || cursor.isAtom("externref") || cursor.opens("ref") {
            type = try referenceType()
            indices = false
        }
        _ = try elementList(type: type, indices: indices, &segment)
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

    /// The items of a segment: function indices or expressions, written to
    /// `segment` as [isExpressions, type, count, items…]; returns the count.
    mutating func elementList(type: ValueType, indices: Bool, _ segment: inout BinaryWriter) throws(TextError) -> UInt32 {
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
        segment.byte(indices ? 0 : 1)
        guard let code = type.binaryCode else {
            throw cursor.error("element segments of type \(type) are not supported by the text parser; use a binary module")
        }
        segment.byte(code)
        segment.u32(count)
        segment.append(items.bytes)
        return count
    }

    /// Writes an element segment; `segment` is [isExpressions, type, count, items…]
    /// as `elementList` made it.
    mutating func writeElementSegment(mode: SegmentMode, _ segment: BinaryWriter) {
        let expressions = segment.bytes[0] == 1
        let type = segment.bytes[1]
        let rest = Array(segment.bytes[2...])
        let funcref = ValueType.funcRef.binaryCode ?? 0x70
        var out = BinaryWriter()
        switch mode {
        case .active(let table, let offset, let explicit) where table == 0 && !explicit && type == funcref:
            out.byte(expressions ? 4 : 0)
            out.append(offset)
        case .active(let table, let offset, _):
            out.byte(expressions ? 6 : 2)
            out.u32(table)
            out.append(offset)
            out.byte(expressions ? type : 0)
        case .passive:
            out.byte(expressions ? 5 : 1)
            out.byte(expressions ? type : 0)
        case .declarative:
            out.byte(expressions ? 7 : 3)
            out.byte(expressions ? type : 0)
        }
        out.append(rest)
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
