/// The binary module from the sections the parser filled, in the order the
/// binary format requires, with a `name` section for the identifiers.
extension TextModuleParser {
    func assemble() -> [UInt8] {
        var out = BinaryWriter()
        out.append([0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00])
        if !typeGroups.isEmpty {
            var section = BinaryWriter()
            section.u32(UInt32(typeGroups.count))
            var next = 0
            for group in typeGroups {
                if group.isRec {
                    section.byte(0x4E)
                    section.u32(UInt32(group.count))
                }
                for definition in typeDefinitions[next..<(next + group.count)] { section.append(definition.bytes) }
                next += group.count
            }
            out.section(1, section)
        }
        out.section(2, entries: importCount, imports)
        if !functionTypes.isEmpty {
            var section = BinaryWriter()
            section.u32(UInt32(functionTypes.count))
            for t in functionTypes { section.u32(t) }
            out.section(3, section)
        }
        out.section(4, entries: tableCount, tableSection)
        out.section(5, entries: memoryCount, memorySection)
        out.section(13, entries: tagCount, tagSection)
        out.section(6, entries: globalCount, globalSection)
        out.section(7, entries: exportCount, exports)
        if let start {
            var section = BinaryWriter()
            section.u32(start)
            out.section(8, section)
        }
        out.section(9, entries: elementCount, elementSection)
        if usesDataCount {
            var section = BinaryWriter()
            section.u32(dataCount)
            out.section(12, section)
        }
        out.section(10, entries: codeCount, codeSection)
        out.section(11, entries: dataCount, dataSection)
        if let names = nameSection() { out.section(0, names) }
        return out.bytes
    }

    /// Module, function and local names, or nil if the text named nothing.
    private func nameSection() -> BinaryWriter? {
        guard moduleName != nil || !functionNames.isEmpty || !localNames.isEmpty else { return nil }
        var section = BinaryWriter()
        section.vector(Array("name".utf8))
        if let moduleName {
            var sub = BinaryWriter()
            sub.vector(Array(moduleName.utf8))
            section.byte(0)
            section.vector(sub.bytes)
        }
        if !functionNames.isEmpty {
            var sub = BinaryWriter()
            let sorted = functionNames.sorted { $0.0 < $1.0 }
            sub.u32(UInt32(sorted.count))
            for (index, name) in sorted {
                sub.u32(index)
                sub.vector(Array(name.utf8))
            }
            section.byte(1)
            section.vector(sub.bytes)
        }
        if !localNames.isEmpty {
            var sub = BinaryWriter()
            let sorted = localNames.sorted { $0.0 < $1.0 }
            sub.u32(UInt32(sorted.count))
            for (function, locals) in sorted {
                sub.u32(function)
                sub.u32(UInt32(locals.count))
                for (index, name) in locals.sorted(by: { $0.0 < $1.0 }) {
                    sub.u32(index)
                    sub.vector(Array(name.utf8))
                }
            }
            section.byte(2)
            section.vector(sub.bytes)
        }
        return section
    }
}

extension BinaryWriter {
    /// A vector section (`count` entries already encoded in `contents`), left out when empty.
    mutating func section(_ id: UInt8, entries count: UInt32, _ contents: BinaryWriter) {
        guard count > 0 else { return }
        var section = BinaryWriter()
        section.u32(count)
        section.append(contents.bytes)
        self.section(id, section)
    }
}
