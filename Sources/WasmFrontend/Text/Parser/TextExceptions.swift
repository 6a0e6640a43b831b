/// The exception-handling forms of the text format: tag fields and types,
/// and `try_table` with its catch clauses.
extension TextModuleParser {
    /// `(tag $id? (export …)* (import …)? typeuse)`, after `(tag`.
    mutating func tagField(_ counters: inout FieldCounters) throws(TextError) {
        let index = counters.tag
        counters.tag += 1
        _ = cursor.optionalID()
        if let (module, name) = try inlineTagExportsAndImport(index: index) {
            try importEntry(module, name, kind: 4) { parser, out throws(TextError) in try parser.tagType(&out) }
            try cursor.expectRight()
            return
        }
        var type = BinaryWriter()
        try tagType(&type)
        tagSection.append(type.bytes)
        tagCount += 1
        try cursor.expectRight()
    }

    /// A tag type: the exception attribute (0) and a function type use.
    mutating func tagType(_ out: inout BinaryWriter) throws(TextError) {
        let (type, _) = try typeUse(namedParameters: false)
        out.byte(0)
        out.u32(type)
    }

    /// `(export "name")*` and `(import "module" "name")?` of a tag.
    private mutating func inlineTagExportsAndImport(index: UInt32) throws(TextError) -> (module: [UInt8], name: [UInt8])? {
        while cursor.takeOpen("export") {
            let name = try cursor.takeName()
            exports.vector(name)
            exports.byte(4)
            exports.u32(index)
            exportCount += 1
            try cursor.expectRight()
        }
        guard cursor.takeOpen("import") else { return nil }
        let module = try cursor.takeName()
        let name = try cursor.takeName()
        try cursor.expectRight()
        return (module, name)
    }

    /// `try_table label? blocktype catch* instr* end` (flat) or
    /// `(try_table label? blocktype catch* instr*)` (folded), after the keyword.
    /// Catch labels are resolved outside the `try_table`'s own label.
    mutating func tryTable(_ out: inout BinaryWriter, folded: Bool) throws(TextError) {
        let label = cursor.optionalID()
        out.byte(0x1F)
        try blockType(&out)
        var clauses = BinaryWriter()
        var count: UInt32 = 0
        while let kind = catchKind() {
            cursor.position += 2
            clauses.byte(kind)
            if kind < 2 { clauses.u32(try tags.resolve(&cursor)) }
            clauses.u32(try self.label())
            try cursor.expectRight()
            count += 1
        }
        out.u32(count)
        out.append(clauses.bytes)
        scope.labels.append(label)
        try instructions(&out)
        if folded {
            try cursor.expectRight()
        } else {
            try cursor.expectAtom("end")
            let at = cursor.offset
            if let id = cursor.optionalID(), id != label { throw TextError("mismatching label $\(id)", at: at) }
        }
        scope.labels.removeLast()
        out.byte(0x0B)
    }

    /// The binary kind of the catch clause opening here, if one does.
    private func catchKind() -> UInt8? {
        if cursor.opens("catch") { return 0 }
        if cursor.opens("catch_ref") { return 1 }
        if cursor.opens("catch_all") { return 2 }
        if cursor.opens("catch_all_ref") { return 3 }
        return nil
    }
}
