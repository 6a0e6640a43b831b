/// One index space of a module under construction (functions, tables...):
/// how many entries it has and which identifiers name them.
struct TextIndexSpace {
    let kind: TextIndexKind
    var names: [String: UInt32] = [:]
    var count: UInt32 = 0

    init(_ kind: TextIndexKind) { self.kind = kind }

    /// Adds an entry, named or not; a name used twice is an error.
    @discardableResult
    mutating func declare(_ name: String?, at offset: Int) throws(TextError) -> UInt32 {
        let index = count
        if let name {
            guard names[name] == nil else { throw TextError("duplicate \(kind.rawValue) $\(name)", at: offset) }
            names[name] = index
        }
        count += 1
        return index
    }

    /// The entry `token` refers to: a number or a declared identifier.
    func resolve(_ cursor: inout TextCursor) throws(TextError) -> UInt32 {
        if let t = cursor.token(), t.kind == .id {
            let name = TextCursor.name(of: t, in: cursor.source)
            guard let index = names[name] else { throw cursor.error("unknown \(kind.rawValue) $\(name)") }
            cursor.position += 1
            return index
        }
        return try cursor.takeU32("\(kind.rawValue) index")
    }
}
