/// The DWARF sections of one module or object, as slices of its bytes
/// (empty when absent), and the strings they hold.
package struct DWARFSections: Sendable {
    package var info: ArraySlice<UInt8> = []
    package var abbrev: ArraySlice<UInt8> = []
    package var line: ArraySlice<UInt8> = []
    package var str: ArraySlice<UInt8> = []
    package var lineStr: ArraySlice<UInt8> = []
    package var strOffsets: ArraySlice<UInt8> = []

    package init(info: ArraySlice<UInt8> = [], abbrev: ArraySlice<UInt8> = [], line: ArraySlice<UInt8> = [],
                 str: ArraySlice<UInt8> = [], lineStr: ArraySlice<UInt8> = [], strOffsets: ArraySlice<UInt8> = []) {
        self.info = info
        self.abbrev = abbrev
        self.line = line
        self.str = str
        self.lineStr = lineStr
        self.strOffsets = strOffsets
    }

    /// The longest string returned; longer ones are cut (a path or name
    /// longer than this is not a real one).
    package static let maximumStringLength = 4096

    /// The text of `string`, or nil when it points outside its section or
    /// has no terminating NUL. Invalid UTF-8 is repaired.
    package func text(_ string: DWARFString) -> String? {
        let section: ArraySlice<UInt8>
        let start: Int
        switch string {
        case .inLine(let index): (section, start) = (line, index)
        case .inInfo(let index): (section, start) = (info, index)
        case .str(let offset): (section, start) = Self.absolute(offset, in: str)
        case .lineStr(let offset): (section, start) = Self.absolute(offset, in: lineStr)
        }
        guard start >= section.startIndex, start < section.endIndex,
              let end = section[start...].firstIndex(of: 0) else { return nil }
        let bytes = section[start..<min(end, start + Self.maximumStringLength)]
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `.debug_str` offset of entry `index` of a unit's string offsets table
    /// at `base` (`DW_AT_str_offsets_base`), or nil out of bounds.
    package func stringOffset(index: UInt64, base: UInt64, format: DWARFFormat) -> DWARFString? {
        let size = UInt64(format.offsetSize)
        let (product, overflow) = index.multipliedReportingOverflow(by: size)
        let (position, overflow2) = base.addingReportingOverflow(product)
        guard !overflow, !overflow2, position <= UInt64(strOffsets.count) else { return nil }
        var cursor = DWARFCursor(bytes: strOffsets, position: strOffsets.startIndex + Int(position))
        return cursor.offset(format).map(DWARFString.str)
    }

    /// The slice index of section offset `offset`, or the end index when out of bounds.
    private static func absolute(_ offset: UInt64, in section: ArraySlice<UInt8>) -> (ArraySlice<UInt8>, Int) {
        guard offset < UInt64(section.count) else { return (section, section.endIndex) }
        return (section, section.startIndex + Int(offset))
    }
}

/// Where a DWARF string lies, read only when needed (so that many entries
/// naming one long string cost a few bytes each).
package enum DWARFString: Sendable, Hashable {
    /// Inline in `.debug_line`, at this slice index.
    case inLine(Int)
    /// Inline in `.debug_info`, at this slice index.
    case inInfo(Int)
    /// At this offset of `.debug_str`.
    case str(UInt64)
    /// At this offset of `.debug_line_str`.
    case lineStr(UInt64)
}
