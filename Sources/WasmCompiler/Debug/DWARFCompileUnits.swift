/// The compilation units of a `.debug_info` section, as far as source
/// locations need them: the attributes of each unit's first entry
/// (`DW_TAG_compile_unit`), read through its abbreviation in `.debug_abbrev`.
/// Damaged units are skipped; the walk stops at a length that does not fit.
package struct DWARFCompileUnit: Sendable, Equatable {
    /// `DW_AT_name`: the primary source file.
    package var name: String?
    /// `DW_AT_comp_dir`: the directory relative paths start from.
    package var compilationDirectory: String?
    /// `DW_AT_stmt_list`: the offset of the unit's program in `.debug_line`.
    package var lineProgramOffset: UInt64?

    /// The units of `sections.info`, in order.
    package static func all(in sections: DWARFSections) -> [DWARFCompileUnit] {
        var units: [DWARFCompileUnit] = []
        var cursor = DWARFCursor(bytes: sections.info, position: sections.info.startIndex)
        while !cursor.isAtEnd, let (length, format) = cursor.unitLength() {
            let end = cursor.position + length
            let unitCursor = DWARFCursor(bytes: sections.info[..<end], position: cursor.position)
            if let unit = read(unitCursor, format: format, sections: sections) { units.append(unit) }
            cursor.position = end
        }
        return units
    }

    /// Reads the unit header after its length, then its first entry.
    private static func read(_ start: DWARFCursor, format: DWARFFormat, sections: DWARFSections) -> DWARFCompileUnit? {
        var cursor = start
        guard let version = cursor.fixed(2), (2...5).contains(version) else { return nil }
        let abbreviations: UInt64
        let addressSize: UInt64
        if version >= 5 {
            guard let type = cursor.fixed(1), let size = cursor.fixed(1), let offset = cursor.offset(format) else {
                return nil
            }
            // Compile, partial and skeleton units; type and split units carry no line program here.
            guard type == 1 || type == 3 || type == 4 else { return nil }
            if type == 4 { guard cursor.fixed(8) != nil else { return nil } }  // dwo_id
            (addressSize, abbreviations) = (size, offset)
        } else {
            guard let offset = cursor.offset(format), let size = cursor.fixed(1) else { return nil }
            (addressSize, abbreviations) = (size, offset)
        }
        guard addressSize <= 8, let code = cursor.uleb(), code != 0,
              let abbreviation = DWARFAbbreviation.find(code, at: abbreviations, in: sections.abbrev)
        else { return nil }
        let context = DWARFForm.Context(format: format, addressSize: Int(addressSize), version: Int(version),
                                        inLineSection: false)
        var values: [(attribute: UInt64, value: DWARFForm.Value)] = []
        for spec in abbreviation.attributes {
            guard let value = DWARFForm.read(spec.form, &cursor, context, implicitConstant: spec.implicitConstant)
            else { return nil }
            values.append((spec.attribute, value))
        }
        // `DW_AT_str_offsets_base` may follow the strings that need it.
        var stringBase = UInt64(format.offsetSize * 2)  // just past the table's header
        if let base = values.first(where: { $0.attribute == 0x72 }), let number = base.value.number { stringBase = number }
        func text(_ value: DWARFForm.Value) -> String? {
            switch value {
            case .string(let string):
                return sections.text(string)
            case .stringIndex(let index):
                guard let string = sections.stringOffset(index: index, base: stringBase, format: format) else { return nil }
                return sections.text(string)
            default:
                return nil
            }
        }
        var unit = DWARFCompileUnit()
        for (attribute, value) in values {
            switch attribute {
            case 0x03: unit.name = text(value)
            case 0x1b: unit.compilationDirectory = text(value)
            case 0x10: unit.lineProgramOffset = value.number
            default: break
            }
        }
        return unit
    }
}

/// One abbreviation declaration of `.debug_abbrev`: the attributes and forms
/// of the entries that use its code.
struct DWARFAbbreviation {
    struct Attribute {
        var attribute: UInt64
        var form: UInt64
        var implicitConstant: Int64
    }

    var tag: UInt64
    var attributes: [Attribute]

    /// The declaration of `code` in the table at section offset `offset`;
    /// nil when the table ends first or is damaged.
    static func find(_ code: UInt64, at offset: UInt64, in section: ArraySlice<UInt8>) -> DWARFAbbreviation? {
        guard offset < UInt64(section.count) else { return nil }
        var cursor = DWARFCursor(bytes: section, position: section.startIndex + Int(offset))
        while let current = cursor.uleb(), current != 0 {
            guard let tag = cursor.uleb(), cursor.fixed(1) != nil else { return nil }  // + has_children
            var attributes: [Attribute] = []
            while true {
                guard let attribute = cursor.uleb(), let form = cursor.uleb() else { return nil }
                if attribute == 0 && form == 0 { break }
                var constant: Int64 = 0
                if form == 0x21 { guard let value = cursor.sleb() else { return nil }; constant = value }
                if current == code { attributes.append(Attribute(attribute: attribute, form: form, implicitConstant: constant)) }
            }
            if current == code { return DWARFAbbreviation(tag: tag, attributes: attributes) }
        }
        return nil
    }
}
