/// A read-only view of a 64-bit little-endian ELF relocatable object: section
/// headers, the symbol table (with section indices and sizes) and relocation
/// addends, which LLVM's C API does not expose. ``PlacedObject`` builds on it.
///
/// Every read is bounds-checked: a truncated or corrupt object yields fewer
/// sections, symbols or relocations, never a crash.
struct ELFObject {
    struct Section {
        let name: String
        let type: UInt32
        /// `sh_flags` (``executableFlag`` marks code).
        let flags: UInt64
        let offset: Int
        let size: Int
        let link: UInt32
        let info: UInt32
    }

    struct Symbol {
        let name: String
        /// The index of the section defining the symbol (0 when undefined or special).
        let section: Int
        let value: UInt64
        /// The symbol's size in bytes (a function's code length).
        let size: UInt64
    }

    /// A relocation's target: `symbol` + `addend`.
    struct Relocation {
        let symbol: Int
        let addend: Int64
    }

    static let symbolTableType: UInt32 = 2
    static let relocationsWithAddendType: UInt32 = 4
    /// `SHF_EXECINSTR`: the section holds machine code.
    static let executableFlag: UInt64 = 0x4

    let bytes: [UInt8]
    /// Sections in header order (index 0 is the null section).
    let sections: [Section]

    /// Reads the section headers; nil when `bytes` is not a 64-bit little-endian ELF file.
    init?(_ bytes: [UInt8]) {
        self.bytes = bytes
        guard bytes.count >= 64, bytes[0] == 0x7F, bytes[1] == 0x45, bytes[2] == 0x4C, bytes[3] == 0x46,
              bytes[4] == 2, bytes[5] == 1,
              let headerOffset = Self.read(bytes, at: 0x28, size: 8),
              let entrySize = Self.read(bytes, at: 0x3A, size: 2),
              let count = Self.read(bytes, at: 0x3C, size: 2),
              let namesIndex = Self.read(bytes, at: 0x3E, size: 2),
              entrySize >= 64, count > 0, headerOffset < UInt64(bytes.count) else { return nil }
        var raw: [(nameOffset: Int, section: Section)] = []
        for index in 0..<Int(count) {
            let base = Int(headerOffset) + index * Int(entrySize)
            guard let name = Self.read(bytes, at: base, size: 4), let type = Self.read(bytes, at: base + 4, size: 4),
                  let flags = Self.read(bytes, at: base + 8, size: 8),
                  let offset = Self.read(bytes, at: base + 24, size: 8), let size = Self.read(bytes, at: base + 32, size: 8),
                  let link = Self.read(bytes, at: base + 40, size: 4), let info = Self.read(bytes, at: base + 44, size: 4),
                  offset <= UInt64(bytes.count), size <= UInt64(bytes.count) - offset else { return nil }
            raw.append((Int(name), Section(name: "", type: UInt32(type), flags: flags, offset: Int(offset), size: Int(size),
                                           link: UInt32(link), info: UInt32(info))))
        }
        guard Int(namesIndex) < raw.count else { return nil }
        let names = raw[Int(namesIndex)].section
        sections = raw.map { entry in
            let name = Self.string(bytes, at: names.offset + entry.nameOffset, limit: names.offset + names.size)
            let s = entry.section
            return Section(name: name, type: s.type, flags: s.flags, offset: s.offset, size: s.size, link: s.link, info: s.info)
        }
    }

    /// The index of the first section named `name`.
    func sectionIndex(named name: String) -> Int? { sections.firstIndex { $0.name == name } }

    /// The bytes of section `index`.
    func contents(of index: Int) -> ArraySlice<UInt8> {
        guard sections.indices.contains(index) else { return [] }
        let section = sections[index]
        return bytes[section.offset..<(section.offset + section.size)]
    }

    /// The symbols of the object's symbol table, by symbol index.
    func symbols() -> [Symbol] {
        guard let tableIndex = sections.firstIndex(where: { $0.type == Self.symbolTableType }) else { return [] }
        let table = sections[tableIndex]
        let strings = sections.indices.contains(Int(table.link)) ? sections[Int(table.link)] : nil
        var symbols: [Symbol] = []
        symbols.reserveCapacity(table.size / 24)
        for base in stride(from: table.offset, to: table.offset + table.size - 23, by: 24) {
            guard let name = Self.read(bytes, at: base, size: 4), let section = Self.read(bytes, at: base + 6, size: 2),
                  let value = Self.read(bytes, at: base + 8, size: 8),
                  let size = Self.read(bytes, at: base + 16, size: 8) else { break }
            let text = strings.map { Self.string(bytes, at: $0.offset + Int(name), limit: $0.offset + $0.size) } ?? ""
            // 0 is undefined; 0xFF00 and above are reserved (absolute, common, …).
            symbols.append(Symbol(name: text, section: section < 0xFF00 ? Int(section) : 0, value: value, size: size))
        }
        return symbols
    }

    /// The `SHT_RELA` relocations that apply to section `target`, by offset in it.
    func relocations(for target: Int) -> [UInt64: Relocation] {
        var relocations: [UInt64: Relocation] = [:]
        for section in sections where section.type == Self.relocationsWithAddendType && Int(section.info) == target {
            for base in stride(from: section.offset, to: section.offset + section.size - 23, by: 24) {
                guard let offset = Self.read(bytes, at: base, size: 8), let info = Self.read(bytes, at: base + 8, size: 8),
                      let addend = Self.read(bytes, at: base + 16, size: 8) else { break }
                relocations[offset] = Relocation(symbol: Int(info >> 32), addend: Int64(bitPattern: addend))
            }
        }
        return relocations
    }

    /// A little-endian unsigned integer of `size` bytes at `offset`, or nil past the end.
    static func read<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, at offset: Int, size: Int) -> UInt64?
    where Bytes.Index == Int {
        guard offset >= bytes.startIndex, size <= 8, offset <= bytes.endIndex - size else { return nil }
        var value: UInt64 = 0
        for i in (0..<size).reversed() { value = value << 8 | UInt64(bytes[offset + i]) }
        return value
    }

    /// The NUL-terminated string at `offset`, stopping at `limit`.
    private static func string(_ bytes: [UInt8], at offset: Int, limit: Int) -> String {
        let end = min(limit, bytes.count)
        guard offset >= 0, offset < end else { return "" }
        let stop = bytes[offset..<end].firstIndex(of: 0) ?? end
        return String(decoding: bytes[offset..<stop], as: UTF8.self)
    }
}
