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
    /// Abbreviations are looked up once per (table, code), and the bytes
    /// scanned in all are limited to a few times `.debug_abbrev`'s size, so
    /// units that all point into one huge unterminated table cost linear
    /// time, not quadratic.
    package static func all(in sections: DWARFSections) -> [DWARFCompileUnit] {
        var units: [DWARFCompileUnit] = []
        var abbreviations = DWARFAbbreviation.Cache(budget: 4 * sections.abbrev.count + 1024)
        var cursor = DWARFCursor(bytes: sections.info, position: sections.info.startIndex)
        while !cursor.isAtEnd, let (length, format) = cursor.unitLength() {
            let end = cursor.position + length
            let unitCursor = DWARFCursor(bytes: sections.info[..<end], position: cursor.position)
            if let unit = read(unitCursor, format: format, sections: sections, abbreviations: &abbreviations) {
                units.append(unit)
            }
            cursor.position = end
        }
        return units
    }

    /// Reads the unit header after its length, then its first entry.
    private static func read(_ start: DWARFCursor, format: DWARFFormat, sections: DWARFSections,
                             abbreviations: inout DWARFAbbreviation.Cache) -> DWARFCompileUnit? {
        var cursor = start
        guard let version = cursor.fixed(2), (2...5).contains(version) else { return nil }
        let abbreviationOffset: UInt64
        let addressSize: UInt64
        if version >= 5 {
            guard let type = cursor.fixed(1), let size = cursor.fixed(1), let offset = cursor.offset(format) else {
                return nil
            }
            // Compile, partial and skeleton units; type and split units carry no line program here.
            guard type == 1 || type == 3 || type == 4 else { return nil }
            if type == 4 { guard cursor.fixed(8) != nil else { return nil } }  // dwo_id
            (addressSize, abbreviationOffset) = (size, offset)
        } else {
            guard let offset = cursor.offset(format), let size = cursor.fixed(1) else { return nil }
            (addressSize, abbreviationOffset) = (size, offset)
        }
        guard addressSize <= 8, let code = cursor.uleb(), code != 0,
              let abbreviation = abbreviations.find(code, at: abbreviationOffset, in: sections.abbrev)
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

    /// More attributes than this make a declaration damaged.
    static let maximumAttributes = 256

    /// Remembers lookups by (table offset, code) and counts the bytes scanned.
    struct Cache {
        var budget: Int
        var found: [UInt64: [UInt64: DWARFAbbreviation?]] = [:]

        mutating func find(_ code: UInt64, at offset: UInt64, in section: ArraySlice<UInt8>) -> DWARFAbbreviation? {
            if let known = found[offset]?[code] { return known }
            let result = DWARFAbbreviation.find(code, at: offset, in: section, budget: &budget)
            found[offset, default: [:]][code] = result
            return result
        }
    }

    /// The declaration of `code` in the table at section offset `offset`;
    /// nil when the table ends first, is damaged, or `budget` bytes have
    /// been scanned.
    static func find(_ code: UInt64, at offset: UInt64, in section: ArraySlice<UInt8>,
                     budget: inout Int) -> DWARFAbbreviation? {
        guard offset < UInt64(section.count) else { return nil }
        var cursor = DWARFCursor(bytes: section, position: section.startIndex + Int(offset))
        while budget > 0, let current = cursor.uleb(), current != 0 {
            let start = cursor.position
            defer { budget -= max(1, cursor.position - start) }
            guard let tag = cursor.uleb(), cursor.fixed(1) != nil else { return nil }  // + has_children
            var attributes: [Attribute] = []
            while true {
                guard let attribute = cursor.uleb(), let form = cursor.uleb() else { return nil }
                if attribute == 0 && form == 0 { break }
                var constant: Int64 = 0
                if form == 0x21 { guard let value = cursor.sleb() else { return nil }; constant = value }
                if current == code {
                    // Real entries have a few dozen; zero-size forms could make reading them free otherwise.
                    guard attributes.count < maximumAttributes else { return nil }
                    attributes.append(Attribute(attribute: attribute, form: form, implicitConstant: constant))
                }
            }
            if current == code { return DWARFAbbreviation(tag: tag, attributes: attributes) }
        }
        return nil
    }
}
