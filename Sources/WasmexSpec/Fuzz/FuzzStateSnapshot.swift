import Wasmex

/// Reads an instance's exported globals, memories and tables into a ``FuzzState``:
/// every exported memory (32- or 64-bit) and table (funcref, externref or
/// exnref, 32- or 64-bit); exported tags are not observed.
package struct FuzzStateSnapshot {
    private var globals: [Global] = []
    private var memories: [Memory] = []
    private var tables: [Table] = []

    /// Collects the exports of `instance` once, in export order.
    package init(_ instance: Instance) {
        for (_, value) in instance.exports {
            switch value {
            case .global(let global): globals.append(global)
            case .memory(let memory): memories.append(memory)
            case .table(let table): tables.append(table)
            case .function, .tag: break
            }
        }
    }

    /// The current state.
    package func read() -> FuzzState {
        FuzzState(globals: globals.map { FuzzValueText.text($0.get()) },
                  memories: memories.map(Self.memoryText),
                  tables: tables.map(Self.tableText))
    }

    private static func memoryText(_ memory: Memory) -> String {
        let crc = memory.withUnsafeMutableBytes { CRC32.checksum(UnsafeRawBufferPointer($0)) }
        return "\(memory.byteCount):" + FuzzValueText.hex(UInt64(crc), digits: 8)
    }

    private static func tableText(_ table: Table) -> String {
        var letters = ""
        for index in 0..<table.count {
            switch try? table.get(index) {
            case .funcRef(nil)?, .externRef(nil)?, .exnRef(nil)?, .anyRef(nil)?: letters.append("n")
            default: letters.append("r")
            }
        }
        return "\(table.count):" + letters
    }
}
