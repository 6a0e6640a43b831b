/// A name compared by its exact UTF-8 bytes. Swift's `String` equality uses
/// canonical equivalence ("Å" U+00C5 equals "A" + U+030A), but Wasm import and
/// export names are byte strings: two differently encoded names are different.
struct ExactName: Hashable {
    let string: String

    init(_ string: String) { self.string = string }

    static func == (lhs: ExactName, rhs: ExactName) -> Bool {
        lhs.string.utf8.elementsEqual(rhs.string.utf8)
    }

    func hash(into hasher: inout Hasher) {
        for byte in string.utf8 { hasher.combine(byte) }
    }
}

/// An instance's exports, looked up by exact name and kept in module order.
struct ExportTable {
    private var entries: [ExactName: ExternData] = [:]
    /// Export names in the module's order.
    private(set) var names: [String] = []

    /// The export named exactly `name`.
    subscript(_ name: String) -> ExternData? { entries[ExactName(name)] }

    mutating func insert(_ name: String, _ value: ExternData) {
        if entries.updateValue(value, forKey: ExactName(name)) == nil { names.append(name) }
    }
}
