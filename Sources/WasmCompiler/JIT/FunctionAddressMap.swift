/// Maps native code addresses back to Wasm function indices for one loaded
/// object (trap backtraces).
///
/// Built once at load time from the object's symbol table: every defined
/// function has a symbol `wasm_f<i>` (escaping) or `wasm_f<i>_<name>`
/// (internal), with its offset and size in its section, placed at its load
/// address through ``PlacedObject`` (so internal functions are covered too).
package struct FunctionAddressMap: Sendable {
    /// One function's native code range.
    struct Entry: Sendable {
        let start: UInt64
        let end: UInt64
        let index: Int
        /// An on-stack-replacement entry (``SymbolNames/osrEntry(_:)``): the
        /// caller's frame is the same call, still in first-tier code.
        var resumed = false
    }

    /// Entries sorted by start address.
    private let entries: [Entry]

    /// A map with no functions (nothing resolves).
    package static let empty = FunctionAddressMap(entries: [])

    private init(entries: [Entry]) { self.entries = entries }

    /// One map for the functions of several objects (a partitioned module).
    static func merging(_ maps: [FunctionAddressMap]) -> FunctionAddressMap {
        maps.count == 1 ? maps[0] : FunctionAddressMap(entries: maps.flatMap(\.entries).sorted { $0.start < $1.start })
    }

    /// The absolute Wasm function index whose code contains `address`, if
    /// any, and whether that code is an on-stack-replacement entry, whose
    /// caller frame is the same Wasm call (trap backtraces show it once).
    package func function(containing address: UInt64) -> (index: Int, resumed: Bool)? {
        entry(containing: address).map { ($0.index, $0.resumed) }
    }

    private func entry(containing address: UInt64) -> Entry? {
        var low = 0
        var high = entries.count
        // First entry whose start is greater than `address`.
        while low < high {
            let mid = (low + high) / 2
            if entries[mid].start <= address { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return nil }
        let entry = entries[low - 1]
        return address < entry.end ? entry : nil
    }

    /// Reads the function symbols of `object` and places them using the
    /// resolved `addresses` (symbol name → load address). Returns ``empty``
    /// when the object cannot be read or no anchor symbol was resolved.
    static func build(object: [UInt8], addresses: [String: UInt64]) -> FunctionAddressMap {
        PlacedObject(object: object, addresses: addresses).map(build) ?? .empty
    }

    /// The `wasm_f<i>[_name]` symbols of an object already placed in memory.
    static func build(_ placed: PlacedObject) -> FunctionAddressMap {
        var entries: [Entry] = []
        var named: [(start: UInt64, size: UInt64, name: String)] = []
        for symbol in placed.symbols where symbol.size > 0 {
            guard let index = functionIndex(inSymbol: symbol.name),
                  let start = placed.loadAddress(section: symbol.section, offset: symbol.value),
                  start <= UInt64.max - symbol.size else { continue }
            entries.append(Entry(start: start, end: start + symbol.size, index: index,
                                 resumed: symbol.name.hasSuffix(SymbolNames.osrSuffix)))
            if PerfMap.isEnabled { named.append((start, symbol.size, symbol.name)) }
        }
        entries.sort { $0.start < $1.start }
        PerfMap.append(named)
        return FunctionAddressMap(entries: entries)
    }

    /// The index in `wasm_f<digits>`, `wasm_f<digits>_<name>` or `wasm_f<digits>.osr`, else nil.
    static func functionIndex(inSymbol name: String) -> Int? {
        let prefix = "wasm_f"
        guard name.hasPrefix(prefix) else { return nil }
        var index = 0
        var digits = 0
        for byte in name.utf8.dropFirst(prefix.utf8.count) {
            if byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") { break }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 10 else { return nil }
            index = index * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
        }
        return digits > 0 ? index : nil
    }
}
