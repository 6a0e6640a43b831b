/// Instructions: flat (`block … end`), folded (`(i32.add (…) (…))`), and
/// their immediates, encoded to the binary format as they are read.
///
/// Recursion follows the nesting of blocks and folded forms; `TextNesting`
/// bounds it before parsing starts and `ParserThread` gives it the stack.
extension TextModuleParser {
    /// Instructions up to a `)`, `end` or `else`, or a legacy `catch`, `catch_all`
    /// or `delegate` (which is left for the caller).
    mutating func instructions(_ out: inout BinaryWriter) throws(TextError) {
        while let t = cursor.token() {
            switch t.kind {
            case .rightParen:
                return
            case .leftParen:
                try foldedInstruction(&out)
            case .atom:
                let name = cursor.text(t)
                if name == "end" || name == "else" || Self.isLegacyClauseKeyword(name) { return }
                try plainInstruction(&out)
            default:
                throw cursor.unexpected("an instruction")
            }
        }
    }

    /// A whole expression: instructions, the closing `)` not consumed, then `end`.
    mutating func expression(_ out: inout BinaryWriter) throws(TextError) {
        try instructions(&out)
        if !cursor.isRight() { throw cursor.unexpected("')'") }
        out.byte(0x0B)
    }

    private mutating func plainInstruction(_ out: inout BinaryWriter) throws(TextError) {
        let at = cursor.offset
        let name = try cursor.takeAtom("an instruction")
        guard let op = TextOperator.table[name] else { throw Self.unknownOperator(name, at: at) }
        if case .tryTable = op {
            try tryTable(&out, folded: false)
            return
        }
        if case .legacyTry = op {
            try legacyTry(&out)
            return
        }
        if case .block(let opcode) = op {
            let label = cursor.optionalID()
            out.byte(opcode)
            try blockType(&out)
            scope.labels.append(label)
            try instructions(&out)
            if opcode == 0x04 && cursor.take("else") {
                try closingLabel(label)
                out.byte(0x05)
                try instructions(&out)
            }
            try cursor.expectAtom("end")
            try closingLabel(label)
            scope.labels.removeLast()
            out.byte(0x0B)
            return
        }
        try immediates(op, &out)
    }

    /// An optional identifier after `end` or `else` must repeat the block's label.
    private mutating func closingLabel(_ label: String?) throws(TextError) {
        let at = cursor.offset
        guard let id = cursor.optionalID() else { return }
        guard id == label else { throw TextError("mismatching label $\(id)", at: at) }
    }

    mutating func foldedInstruction(_ out: inout BinaryWriter) throws(TextError) {
        try cursor.expectLeft()
        let at = cursor.offset
        let name = try cursor.takeAtom("an instruction")
        guard let op = TextOperator.table[name] else { throw Self.unknownOperator(name, at: at) }
        switch op {
        case .block(0x04):
            let label = cursor.optionalID()
            var type = BinaryWriter()
            try blockType(&type)
            // The condition is outside the `if`'s label scope.
            while cursor.isLeft() && !cursor.opens("then") { try foldedInstruction(&out) }
            out.byte(0x04)
            out.append(type.bytes)
            scope.labels.append(label)
            guard cursor.takeOpen("then") else { throw cursor.unexpected("'(then'") }
            try instructions(&out)
            try cursor.expectRight()
            if cursor.takeOpen("else") {
                out.byte(0x05)
                try instructions(&out)
                try cursor.expectRight()
            }
            scope.labels.removeLast()
            try cursor.expectRight()
            out.byte(0x0B)
        case .block(let opcode):
            let label = cursor.optionalID()
            out.byte(opcode)
            try blockType(&out)
            scope.labels.append(label)
            try instructions(&out)
            scope.labels.removeLast()
            try cursor.expectRight()
            out.byte(0x0B)
        case .tryTable:
            try tryTable(&out, folded: true)
        case .legacyTry:
            try foldedLegacyTry(&out)
        default:
            var instruction = BinaryWriter()
            try immediates(op, &instruction)
            while cursor.isLeft() { try foldedInstruction(&out) }
            try cursor.expectRight()
            out.append(instruction.bytes)
        }
    }

    /// The operator's opcode and immediates.
    private mutating func immediates(_ op: TextOperator, _ out: inout BinaryWriter) throws(TextError) {
        switch op {
        case .plain(let bytes):
            out.append(bytes)
        case .load(let load):
            out.byte(load.opcode)
            try memoryArgument(natural: load.naturalAlignmentLog2, &out)
        case .store(let store):
            out.byte(store.opcode)
            try memoryArgument(natural: store.naturalAlignmentLog2, &out)
        case .simdMemory(let load):
            out.append(TextOperator.simdOpcode(load.rawValue))
            try memoryArgument(natural: load.naturalAlignmentLog2, &out)
        case .simdLaneMemory(let lane):
            out.append(TextOperator.simdOpcode(lane.rawValue))
            try laneMemoryArgument(natural: lane.naturalAlignmentLog2, &out)
        case .simdLane(let lane):
            out.append(TextOperator.simdOpcode(lane.rawValue))
            out.byte(try laneIndex())
        case .block, .tryTable, .legacyTry:
            throw cursor.error("internal: block handled by the caller")
        case .branch(let opcode):
            out.byte(opcode)
            out.u32(try label())
        case .brTable:
            out.byte(0x0E)
            var targets: [UInt32] = []
            while cursor.atIndex { targets.append(try label()) }
            guard let last = targets.popLast() else { throw cursor.unexpected("a label") }
            out.u32(UInt32(targets.count))
            for target in targets { out.u32(target) }
            out.u32(last)
        case .callIndirect(let opcode):
            let table = cursor.atIndex ? try tables.resolve(&cursor) : 0
            let (type, _) = try typeUse(namedParameters: false)
            out.byte(opcode)
            out.u32(type)
            out.u32(table)
        case .select:
            var results: [ValueType] = []
            var typed = false
            while cursor.takeOpen("result") {
                typed = true
                while !cursor.isRight() { results.append(try valueType()) }
                try cursor.expectRight()
            }
            if typed {
                out.byte(0x1C)
                out.u32(UInt32(results.count))
                for t in results { out.valueType(t) }
            } else {
                out.byte(0x1B)
            }
        case .indexed(let opcode, let kind):
            out.append(opcode)
            out.u32(try index(kind))
            if kind == .data { noteDataUse() }
        case .optionalIndex(let opcode, let kind):
            out.append(opcode)
            out.u32(cursor.atIndex ? try index(kind) : 0)
        case .memoryInit:
            // `memory.init memory? data`
            let memory = cursor.atIndex(after: 1) ? try memories.resolve(&cursor) : 0
            let data = try datas.resolve(&cursor)
            noteDataUse()
            out.append([0xFC, 8])
            out.u32(data)
            out.u32(memory)
        case .memoryCopy:
            var destination: UInt32 = 0
            var source: UInt32 = 0
            if cursor.atIndex {
                destination = try index(.memory)
                source = try index(.memory)
            }
            out.append([0xFC, 10])
            out.u32(destination)
            out.u32(source)
        case .tableInit:
            // `table.init table? elem`
            let table = cursor.atIndex(after: 1) ? try tables.resolve(&cursor) : 0
            let element = try elements.resolve(&cursor)
            out.append([0xFC, 12])
            out.u32(element)
            out.u32(table)
        case .tableCopy:
            var destination: UInt32 = 0
            var source: UInt32 = 0
            if cursor.atIndex {
                destination = try index(.table)
                source = try index(.table)
            }
            out.append([0xFC, 14])
            out.u32(destination)
            out.u32(source)
        case .i32Const:
            out.byte(0x41)
            out.s32(Int32(bitPattern: UInt32(try integer(bits: 32))))
        case .i64Const:
            out.byte(0x42)
            out.s64(Int64(bitPattern: try integer(bits: 64)))
        case .f32Const:
            out.byte(0x43)
            out.fixed(UInt64(try float32()), bytes: 4)
        case .f64Const:
            out.byte(0x44)
            out.fixed(try float64(), bytes: 8)
        case .v128Const:
            out.append(TextOperator.simdOpcode(0x0C))
            out.append(try vectorLiteral())
        case .shuffle:
            out.append(TextOperator.simdOpcode(0x0D))
            for _ in 0..<16 { out.byte(try laneIndex()) }
        case .refNull:
            out.byte(0xD0)
            out.heapType(try heapType())
        case .structField(let opcode):
            let type = try typeNames.resolve(&cursor)
            let field = try fieldIndex(in: type)
            out.append(opcode)
            out.u32(type)
            out.u32(field)
        case .typeAnd(let opcode, let kind):
            let type = try typeNames.resolve(&cursor)
            let second = if let kind { try index(kind) } else { try cursor.takeU32("array size") }
            if kind == .data { noteDataUse() }
            out.append(opcode)
            out.u32(type)
            out.u32(second)
        case .cast(let opcode):
            let type = try refType()
            out.append([0xFB, type.isNullable ? opcode + 1 : opcode])
            out.heapType(type.heapType)
        case .brOnCast(let opcode):
            let target = try label()
            let from = try refType()
            let to = try refType()
            out.append([0xFB, opcode])
            out.byte((from.isNullable ? 1 : 0) | (to.isNullable ? 2 : 0))
            out.u32(target)
            out.heapType(from.heapType)
            out.heapType(to.heapType)
        }
    }

    /// A field of struct type `type`: its name (as the type's definition gives it) or its index.
    private mutating func fieldIndex(in type: UInt32) throws(TextError) -> UInt32 {
        if let t = cursor.token(), t.kind == .id {
            let name = TextCursor.name(of: t, in: cursor.source)
            guard let field = fieldNames[type]?[name] else { throw cursor.error("unknown field $\(name)") }
            cursor.position += 1
            return field
        }
        return try cursor.takeU32("field index")
    }

    // MARK: Immediates

    /// An instruction names a data segment: a function body doing so needs the
    /// data count section (wasm-tools looks at function bodies only, and so do we).
    private mutating func noteDataUse() {
        if scope.inFunction { usesDataCount = true }
    }

    /// A label: an identifier in scope (its depth) or a number.
    mutating func label() throws(TextError) -> UInt32 {
        if let t = cursor.token(), t.kind == .id {
            let name = TextCursor.name(of: t, in: cursor.source)
            guard let depth = scope.labels.lastIndex(of: name) else { throw cursor.error("unknown label $\(name)") }
            cursor.position += 1
            return UInt32(scope.labels.count - 1 - depth)
        }
        return try cursor.takeU32("label index")
    }

    mutating func index(_ kind: TextIndexKind) throws(TextError) -> UInt32 {
        switch kind {
        case .type: try typeNames.resolve(&cursor)
        case .function: try functions.resolve(&cursor)
        case .table: try tables.resolve(&cursor)
        case .memory: try memories.resolve(&cursor)
        case .global: try globals.resolve(&cursor)
        case .element: try elements.resolve(&cursor)
        case .data: try datas.resolve(&cursor)
        case .local: try scope.locals.resolve(&cursor)
        case .label: try label()
        case .tag: try tags.resolve(&cursor)
        }
    }

    /// `memarg`: an optional memory index, `offset=n`, `align=n`.
    private mutating func memoryArgument(natural: UInt32, _ out: inout BinaryWriter) throws(TextError) {
        let memory = cursor.atIndex ? try memories.resolve(&cursor) : 0
        try encodeMemoryArgument(memory: memory, natural: natural, &out)
    }

    private mutating func encodeMemoryArgument(memory: UInt32, natural: UInt32, _ out: inout BinaryWriter) throws(TextError) {
        var offset: UInt64 = 0
        var align = natural
        if let a = cursor.atom(), a.hasPrefix("offset=") {
            // Any u64; whether it fits the memory's address type is a validation question.
            guard let value = TextNumbers.unsigned(String(a.dropFirst(7))) else {
                throw cursor.error("malformed or out-of-range offset '\(a)'")
            }
            offset = value
            cursor.position += 1
        }
        if let a = cursor.atom(), a.hasPrefix("align=") {
            // Up to 2^63 (an exponent below 64); above natural alignment is a validation error.
            guard let value = TextNumbers.unsigned(String(a.dropFirst(6))), value > 0, value & (value - 1) == 0 else {
                throw cursor.error("alignment must be a power of two: '\(a)'")
            }
            align = UInt32(value.trailingZeroBitCount)
            cursor.position += 1
        }
        if memory == 0 {
            out.u32(align)
        } else {
            out.u32(align | 0x40)
            out.u32(memory)
        }
        out.u64(offset)
    }

    /// `v128.loadN_lane memidx? memarg lane`: a lone number before the lane is the lane.
    private mutating func laneMemoryArgument(natural: UInt32, _ out: inout BinaryWriter) throws(TextError) {
        var memory: UInt32 = 0
        if cursor.atIndex && cursor.atIndex(after: 1) || cursor.isID() {
            memory = try memories.resolve(&cursor)
        } else if cursor.atIndex, let next = cursor.atom(1), next.hasPrefix("offset=") || next.hasPrefix("align=") {
            memory = try memories.resolve(&cursor)
        }
        try encodeMemoryArgument(memory: memory, natural: natural, &out)
        out.byte(try laneIndex())
    }

    private mutating func laneIndex() throws(TextError) -> UInt8 {
        let at = cursor.offset
        let value = try cursor.takeU32("lane index")
        guard value <= 255 else { throw TextError("lane index out of range", at: at) }
        return UInt8(value)
    }

    private mutating func integer(bits: Int) throws(TextError) -> UInt64 {
        let at = cursor.offset
        let text = try cursor.takeAtom("an integer")
        guard let value = TextNumbers.integer(text, bits: bits) else {
            throw TextError("malformed or out-of-range i\(bits) constant '\(text)'", at: at)
        }
        return value
    }

    private mutating func float32() throws(TextError) -> UInt32 {
        let at = cursor.offset
        let text = try cursor.takeAtom("a number")
        guard let value = TextNumbers.float32(text) else {
            throw TextError("malformed or out-of-range f32 constant '\(text)'", at: at)
        }
        return value
    }

    private mutating func float64() throws(TextError) -> UInt64 {
        let at = cursor.offset
        let text = try cursor.takeAtom("a number")
        guard let value = TextNumbers.float64(text) else {
            throw TextError("malformed or out-of-range f64 constant '\(text)'", at: at)
        }
        return value
    }

    /// `shape lane*` of `v128.const`, as 16 little-endian bytes.
    private mutating func vectorLiteral() throws(TextError) -> [UInt8] {
        let at = cursor.offset
        let shape = try cursor.takeAtom("a vector shape")
        var out = BinaryWriter()
        switch shape {
        case "i8x16": for _ in 0..<16 { out.fixed(try integer(bits: 8), bytes: 1) }
        case "i16x8": for _ in 0..<8 { out.fixed(try integer(bits: 16), bytes: 2) }
        case "i32x4": for _ in 0..<4 { out.fixed(try integer(bits: 32), bytes: 4) }
        case "i64x2": for _ in 0..<2 { out.fixed(try integer(bits: 64), bytes: 8) }
        case "f32x4": for _ in 0..<4 { out.fixed(UInt64(try float32()), bytes: 4) }
        case "f64x2": for _ in 0..<2 { out.fixed(try float64(), bytes: 8) }
        default: throw TextError("unknown vector shape '\(shape)'", at: at)
        }
        return out.bytes
    }
}
