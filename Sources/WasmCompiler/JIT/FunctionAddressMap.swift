import CLLVM

/// Maps native code addresses back to Wasm function indices for one loaded
/// object (trap backtraces).
///
/// Built once at load time from the object's symbol table: every defined
/// function has a symbol `wasm_f<i>` (escaping) or `wasm_f<i>_<name>`
/// (internal), with its offset and size in its section. The section's load
/// address is recovered from one symbol the JIT resolved (an escaping
/// function), so internal functions are covered too. Functions placed in
/// another section than that anchor are left out.
public struct FunctionAddressMap: Sendable {
    /// One function's native code range.
    struct Entry: Sendable {
        let start: UInt64
        let end: UInt64
        let index: Int
    }

    /// Entries sorted by start address.
    private let entries: [Entry]

    /// A map with no functions (nothing resolves).
    public static let empty = FunctionAddressMap(entries: [])

    private init(entries: [Entry]) { self.entries = entries }

    /// The absolute Wasm function index whose code contains `address`, if any.
    public func functionIndex(containing address: UInt64) -> Int? {
        var low = 0
        var high = entries.count
        // First entry whose start is greater than `address`.
        while low < high {
            let mid = (low + high) / 2
            if entries[mid].start <= address { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return nil }
        let entry = entries[low - 1]
        return address < entry.end ? entry.index : nil
    }

    /// Reads the function symbols of `object` and places them using the
    /// resolved `addresses` (symbol name → load address). Returns ``empty``
    /// when the object cannot be read or no anchor symbol was resolved.
    static func build(object: [UInt8], addresses: [String: UInt64]) -> FunctionAddressMap {
        let symbols = readFunctionSymbols(object)
        // Load address of each section, from any resolved symbol in it.
        var sectionBase: [String: UInt64] = [:]
        for symbol in symbols {
            guard sectionBase[symbol.section] == nil, let loaded = addresses[symbol.name], loaded >= symbol.offset else { continue }
            sectionBase[symbol.section] = loaded - symbol.offset
        }
        var entries: [Entry] = []
        entries.reserveCapacity(symbols.count)
        for symbol in symbols {
            guard let base = sectionBase[symbol.section], symbol.size > 0 else { continue }
            let (start, overflow) = base.addingReportingOverflow(symbol.offset)
            guard !overflow, start <= UInt64.max - symbol.size else { continue }
            entries.append(Entry(start: start, end: start + symbol.size, index: symbol.index))
        }
        entries.sort { $0.start < $1.start }
        if PerfMap.isEnabled {
            PerfMap.append(symbols.compactMap { symbol in
                guard let base = sectionBase[symbol.section], symbol.size > 0 else { return nil }
                return (base &+ symbol.offset, symbol.size, symbol.name)
            })
        }
        return FunctionAddressMap(entries: entries)
    }

    private struct FunctionSymbol {
        let name: String
        let index: Int
        let section: String
        let offset: UInt64
        let size: UInt64
    }

    /// The `wasm_f<i>[_name]` symbols of an object with their section, offset and size.
    private static func readFunctionSymbols(_ object: [UInt8]) -> [FunctionSymbol] {
        object.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { characters in
                // The buffer borrows `object`'s storage (no copy) for the duration of the read.
                guard let buffer = LLVMCreateMemoryBufferWithMemoryRange(
                    characters.baseAddress, characters.count, "wasmex.symbols", 0) else { return [] }
                return readFunctionSymbols(buffer)
            }
        }
    }

    private static func readFunctionSymbols(_ buffer: LLVMMemoryBufferRef) -> [FunctionSymbol] {
        defer { LLVMDisposeMemoryBuffer(buffer) }
        var message: UnsafeMutablePointer<CChar>?
        guard let binary = LLVMCreateBinary(buffer, nil, &message) else {
            if let message { LLVMDisposeMessage(message) }
            return []
        }
        defer { LLVMDisposeBinary(binary) }
        guard let symbolIterator = LLVMObjectFileCopySymbolIterator(binary) else { return [] }
        defer { LLVMDisposeSymbolIterator(symbolIterator) }
        guard let sectionIterator = LLVMObjectFileCopySectionIterator(binary) else { return [] }
        defer { LLVMDisposeSectionIterator(sectionIterator) }
        var symbols: [FunctionSymbol] = []
        while LLVMObjectFileIsSymbolIteratorAtEnd(binary, symbolIterator) == 0 {
            defer { LLVMMoveToNextSymbol(symbolIterator) }
            guard let cName = LLVMGetSymbolName(symbolIterator) else { continue }
            let name = String(cString: cName)
            guard let index = functionIndex(inSymbol: name) else { continue }
            LLVMMoveToContainingSection(sectionIterator, symbolIterator)
            guard LLVMObjectFileIsSectionIteratorAtEnd(binary, sectionIterator) == 0,
                  let cSection = LLVMGetSectionName(sectionIterator) else { continue }
            symbols.append(FunctionSymbol(
                name: name, index: index, section: String(cString: cSection),
                offset: LLVMGetSymbolAddress(symbolIterator), size: LLVMGetSymbolSize(symbolIterator)))
        }
        return symbols
    }

    /// The index in `wasm_f<digits>` or `wasm_f<digits>_<name>`, else nil.
    static func functionIndex(inSymbol name: String) -> Int? {
        let prefix = "wasm_f"
        guard name.hasPrefix(prefix) else { return nil }
        var index = 0
        var digits = 0
        for byte in name.utf8.dropFirst(prefix.utf8.count) {
            if byte == UInt8(ascii: "_") { break }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 10 else { return nil }
            index = index * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
        }
        return digits > 0 ? index : nil
    }
}
