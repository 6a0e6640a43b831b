/// The legacy exception-handling forms of the text format (the proposal's
/// first version, still emitted by Emscripten):
///
///     try label? blocktype instr* (catch tag instr*)* (catch_all instr*)? end label?
///     try label? blocktype instr* delegate label
///     (try label? blocktype (do instr*) (catch tag instr*)* (catch_all instr*)?)
///     (try label? blocktype (do instr*) (delegate label))
///
/// and `rethrow label` (an ordinary branch-like operator in ``TextOperator``).
/// The try's label is in scope in its body and its catch blocks; `delegate`'s
/// label counts from outside the try, so it is resolved once the try's own
/// label is gone.
extension TextModuleParser {
    /// Whether `name` is a flat keyword that ends a legacy `try` body or catch block.
    static func isLegacyClauseKeyword(_ name: String) -> Bool {
        name == "catch" || name == "catch_all" || name == "delegate"
    }

    /// "unknown operator", or "unexpected token" for a legacy clause keyword
    /// (or `do`) outside its `try`.
    static func unknownOperator(_ name: String, at offset: Int) -> TextError {
        if isLegacyClauseKeyword(name) || name == "do" {
            return TextError("unexpected token '\(name)' outside a legacy try", at: offset)
        }
        return TextError("unknown operator '\(name)'", at: offset)
    }

    /// The flat form, after `try`.
    mutating func legacyTry(_ out: inout BinaryWriter) throws(TextError) {
        let label = cursor.optionalID()
        out.byte(0x06)
        try blockType(&out)
        scope.labels.append(label)
        try instructions(&out)
        if cursor.take("delegate") {
            scope.labels.removeLast()
            out.byte(0x18)
            guard cursor.atIndex else { throw unexpectedToken("a label") }
            out.u32(try self.label())
            return
        }
        while cursor.take("catch") {
            out.byte(0x07)
            out.u32(try tags.resolve(&cursor))
            try instructions(&out)
        }
        if cursor.take("catch_all") {
            out.byte(0x19)
            try instructions(&out)
        }
        guard cursor.take("end") else { throw unexpectedToken("'end'") }
        let at = cursor.offset
        if let id = cursor.optionalID(), id != label { throw TextError("mismatching label $\(id)", at: at) }
        scope.labels.removeLast()
        out.byte(0x0B)
    }

    /// The folded form, after `(try`.
    mutating func foldedLegacyTry(_ out: inout BinaryWriter) throws(TextError) {
        let label = cursor.optionalID()
        out.byte(0x06)
        try blockType(&out)
        scope.labels.append(label)
        guard cursor.takeOpen("do") else { throw unexpectedToken("'(do'") }
        try instructions(&out)
        try cursor.expectRight()
        if cursor.takeOpen("delegate") {
            scope.labels.removeLast()
            out.byte(0x18)
            guard cursor.atIndex else { throw unexpectedToken("a label") }
            out.u32(try self.label())
            try cursor.expectRight()
            guard cursor.isRight() else { throw unexpectedToken("')'") }
            cursor.position += 1
            return
        }
        while cursor.takeOpen("catch") {
            out.byte(0x07)
            out.u32(try tags.resolve(&cursor))
            try instructions(&out)
            try cursor.expectRight()
        }
        if cursor.takeOpen("catch_all") {
            out.byte(0x19)
            try instructions(&out)
            try cursor.expectRight()
        }
        guard cursor.isRight() else { throw unexpectedToken("')'") }
        cursor.position += 1
        scope.labels.removeLast()
        out.byte(0x0B)
    }

    private func unexpectedToken(_ expected: String) -> TextError {
        cursor.error("unexpected token \(cursor.describeNext()), expected \(expected)")
    }
}
