/// An object the JIT has loaded, read once for the tables that map native
/// addresses back to Wasm (``FunctionAddressMap``, ``LineTable``): its ELF
/// view, its symbols, and the load address of each section.
///
/// The JIT only reports addresses for the symbols asked for at load time, so
/// a section's base is recovered from any of its symbols that was resolved
/// (`load address − symbol value`); symbols and rows in sections without such
/// an anchor are left out.
struct PlacedObject {
    let elf: ELFObject
    /// The symbol table, by symbol index.
    let symbols: [ELFObject.Symbol]
    /// Load address of each anchored section, by section index.
    private let sectionBases: [Int: UInt64]

    /// Reads `object` and places its sections using the resolved symbol
    /// `addresses` (name → load address); nil when it is not a 64-bit
    /// little-endian ELF object.
    init?(object: [UInt8], addresses: [String: UInt64]) {
        guard let elf = ELFObject(object) else { return nil }
        self.elf = elf
        symbols = elf.symbols()
        var bases: [Int: UInt64] = [:]
        for symbol in symbols where symbol.section != 0 && bases[symbol.section] == nil {
            guard !symbol.name.isEmpty, let loaded = addresses[symbol.name], loaded >= symbol.value else { continue }
            bases[symbol.section] = loaded - symbol.value
        }
        sectionBases = bases
    }

    /// The load address of `offset` in section `section`, if the section is anchored.
    func loadAddress(section: Int, offset: UInt64) -> UInt64? {
        guard let base = sectionBases[section] else { return nil }
        let (address, overflow) = base.addingReportingOverflow(offset)
        return overflow ? nil : address
    }

    /// Where each anchored executable section lies in memory: the object's
    /// machine code. A code section without an anchor is left out.
    func codeRanges() -> [(start: UInt64, size: UInt64)] {
        elf.sections.indices.compactMap { index in
            let section = elf.sections[index]
            guard section.flags & ELFObject.executableFlag != 0, section.size > 0,
                  let start = loadAddress(section: index, offset: 0),
                  start <= UInt64.max - UInt64(section.size) else { return nil }
            return (start, UInt64(section.size))
        }
    }
}
