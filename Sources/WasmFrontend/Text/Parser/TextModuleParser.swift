/// Parses a text module and encodes it straight to the binary format.
///
/// Two passes over the module's fields: ``declare()`` gives every function,
/// table, memory, global, element and data segment its index and records the
/// explicit types, so identifiers can be used before their definition; then
/// ``encodeFields()`` parses each field in full and writes its binary form
/// (see TextModuleFields, TextInstructions, TextTypes, TextModuleAssembler).
struct TextModuleParser {
    var cursor: TextCursor

    // Index spaces.
    /// The signature of each type (an empty placeholder for struct and array types).
    var types: [FunctionType] = []
    /// Each type's encoding and whether inline type uses can refer to it (see TextTypeDefinitions).
    var typeDefinitions: [TextTypeDefinition] = []
    /// The type section's entries: a `rec` group or a single type, with their type counts.
    var typeGroups: [TextTypeGroup] = []
    /// The field names of each struct type that names its fields, by type index.
    var fieldNames: [UInt32: [String: UInt32]] = [:]
    var typeNames = TextIndexSpace(.type)
    var functions = TextIndexSpace(.function)
    var tables = TextIndexSpace(.table)
    var memories = TextIndexSpace(.memory)
    var globals = TextIndexSpace(.global)
    var elements = TextIndexSpace(.element)
    var datas = TextIndexSpace(.data)
    var tags = TextIndexSpace(.tag)

    // Section contents, with their entry counts.
    var imports = BinaryWriter(), importCount: UInt32 = 0
    var functionTypes: [UInt32] = []
    var tableSection = BinaryWriter(), tableCount: UInt32 = 0
    var memorySection = BinaryWriter(), memoryCount: UInt32 = 0
    var globalSection = BinaryWriter(), globalCount: UInt32 = 0
    var tagSection = BinaryWriter(), tagCount: UInt32 = 0
    var exports = BinaryWriter(), exportCount: UInt32 = 0
    var exportNames: Set<[UInt8]> = []
    var start: UInt32?
    var elementSection = BinaryWriter(), elementCount: UInt32 = 0
    var dataSection = BinaryWriter(), dataCount: UInt32 = 0
    var codeSection = BinaryWriter(), codeCount: UInt32 = 0
    /// A function body names a data segment (`memory.init`, `data.drop`,
    /// `array.new_data`, `array.init_data`): the module needs a data count section.
    var usesDataCount = false

    // The `name` section.
    var moduleName: String?
    var functionNames: [(UInt32, String)] = []
    var localNames: [(UInt32, [(UInt32, String)])] = []

    /// The function being parsed: its locals and the labels in scope.
    var scope = TextFunctionScope()

    init(source: [UInt8], tokens: [TextToken]) {
        cursor = TextCursor(source: source, tokens: tokens)
    }

    /// The whole text: `(module $id? field*)`, `(module $id? binary string*)`,
    /// `(module $id? quote string*)`, or bare fields.
    mutating func parse() throws(TextError) -> [UInt8] {
        if cursor.opens("module") {
            cursor.position += 2
            moduleName = cursor.optionalID()
            if cursor.take("binary") {
                var bytes: [UInt8] = []
                while cursor.isString() { bytes += try cursor.takeString() }
                try cursor.expectRight()
                try expectEnd()
                return bytes
            }
            if cursor.take("quote") {
                var bytes: [UInt8] = []
                while cursor.isString() { bytes += try cursor.takeString() }
                try cursor.expectRight()
                try expectEnd()
                return try TextParserFrontEnd.binary(bytes)
            }
            let fieldsStart = cursor.position
            try declare()
            try cursor.expectRight()
            try expectEnd()
            cursor.position = fieldsStart
            try encodeFields()
        } else {
            try declare()
            try expectEnd()
            cursor.position = 0
            try encodeFields()
        }
        return assemble()
    }

    private func expectEnd() throws(TextError) {
        if cursor.token() != nil { throw cursor.unexpected("end of text") }
    }

    // MARK: Pass 1: indices and explicit types

    /// Declares every field's entries, up to the `)` closing the fields.
    mutating func declare() throws(TextError) {
        var sawDefinition = false
        var sawStart = false
        /// Where each `(type …)` and `(rec …)` field starts: parsed once every type name is known.
        var typeFields: [Int] = []
        while cursor.isLeft() {
            let fieldStart = cursor.offset
            let fieldPosition = cursor.position
            cursor.position += 1
            let keyword = try cursor.takeAtom("a module field")
            switch keyword {
            case "type":
                typeFields.append(fieldPosition)
                let at = cursor.offset
                try typeNames.declare(cursor.optionalID(), at: at)
                try cursor.skipToClose()
            case "rec":
                typeFields.append(fieldPosition)
                while cursor.takeOpen("type") {
                    let at = cursor.offset
                    try typeNames.declare(cursor.optionalID(), at: at)
                    try cursor.skipToClose()
                }
                try cursor.expectRight()
            case "import":
                if sawDefinition { throw TextError("import after function, table, memory or global definition", at: fieldStart) }
                _ = try cursor.takeName()
                _ = try cursor.takeName()
                try cursor.expectLeft()
                let kind = try cursor.takeAtom("an import kind")
                let idAt = cursor.offset
                let id = cursor.optionalID()
                guard let space = spaceFor(kind) else { throw TextError("unknown import kind '\(kind)'", at: fieldStart) }
                try declare(id, in: space, at: idAt)
                try cursor.skipToClose()
                try cursor.expectRight()
            case "func", "table", "memory", "global", "tag":
                let idAt = cursor.offset
                let id = cursor.optionalID()
                var inlineImport = false
                var inlineSegment = false
                while cursor.opens("export") || cursor.opens("import") {
                    if cursor.opens("import") { inlineImport = true }
                    cursor.position += 1
                    try cursor.skipToClose()
                }
                if inlineImport && sawDefinition {
                    throw TextError("import after function, table, memory or global definition", at: fieldStart)
                }
                if !inlineImport { sawDefinition = true }
                if keyword == "table" && !inlineImport {
                    // `(table reftype (elem …))`: an element segment too.
                    var ahead = 0
                    while let t = cursor.token(ahead), t.kind != .rightParen && t.kind != .leftParen { ahead += 1 }
                    if cursor.isLeft(ahead) && cursor.isAtom("ref", ahead + 1) {
                        ahead += 1
                        while let t = cursor.token(ahead), t.kind != .rightParen { ahead += 1 }
                        ahead += 1
                    }
                    inlineSegment = cursor.isLeft(ahead) && cursor.isAtom("elem", ahead + 1)
                }
                if keyword == "memory" && !inlineImport { inlineSegment = cursor.opens("data") }
                try declare(id, in: spaceFor(keyword)!, at: idAt)
                if inlineSegment {
                    if keyword == "table" { try elements.declare(nil, at: fieldStart) } else { try datas.declare(nil, at: fieldStart) }
                }
                try cursor.skipToClose()
            case "elem":
                let idAt = cursor.offset
                try elements.declare(cursor.optionalID(), at: idAt)
                try cursor.skipToClose()
            case "data":
                let idAt = cursor.offset
                try datas.declare(cursor.optionalID(), at: idAt)
                try cursor.skipToClose()
            case "start":
                if sawStart { throw TextError("multiple start sections", at: fieldStart) }
                sawStart = true
                try cursor.skipToClose()
            case "export":
                try cursor.skipToClose()
            default:
                throw TextError("unknown module field '\(keyword)'", at: fieldStart)
            }
        }
        let end = cursor.position
        for start in typeFields {
            cursor.position = start
            try defineTypeField()
        }
        cursor.position = end
    }

    private func spaceFor(_ kind: String) -> TextIndexKind? {
        switch kind {
        case "func": .function
        case "table": .table
        case "memory": .memory
        case "global": .global
        case "tag": .tag
        default: nil
        }
    }

    private mutating func declare(_ id: String?, in kind: TextIndexKind, at offset: Int) throws(TextError) {
        switch kind {
        case .function: try functions.declare(id, at: offset)
        case .table: try tables.declare(id, at: offset)
        case .memory: try memories.declare(id, at: offset)
        case .global: try globals.declare(id, at: offset)
        case .tag: try tags.declare(id, at: offset)
        default: break
        }
    }
}

/// Labels and locals of the function whose body is being parsed.
struct TextFunctionScope {
    var locals = TextIndexSpace(.local)
    /// Innermost last; nil for an unnamed block.
    var labels: [String?] = []
    /// A function body, rather than a constant expression.
    var inFunction = false
}
