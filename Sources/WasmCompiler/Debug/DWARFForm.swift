/// Reads (or skips) one attribute value by its `DW_FORM_*` code, as the
/// `.debug_info` entries and DWARF 5 `.debug_line` file tables encode them.
package enum DWARFForm {
    /// A decoded value: what the readers here need to tell apart.
    package enum Value: Equatable {
        /// Constants, flags, section offsets, addresses and references.
        case unsigned(UInt64)
        case signed(Int64)
        case string(DWARFString)
        /// An index into the unit's string offsets table (`DW_FORM_strx*`).
        case stringIndex(UInt64)
        /// Blocks, expressions and 16-byte constants: skipped.
        case skipped
    }

    /// What the encoding of values depends on.
    package struct Context {
        package var format: DWARFFormat
        package var addressSize: Int
        package var version: Int
        /// Whether inline strings lie in `.debug_line` (else `.debug_info`).
        package var inLineSection: Bool

        package init(format: DWARFFormat, addressSize: Int, version: Int, inLineSection: Bool) {
            self.format = format
            self.addressSize = addressSize
            self.version = version
            self.inLineSection = inLineSection
        }
    }

    /// Reads the value of form `form` at the cursor; nil for an unknown form
    /// or a value past the end (the caller then gives up on the entry).
    /// `implicitConstant` is the abbreviation's value for `DW_FORM_implicit_const`.
    package static func read(_ form: UInt64, _ cursor: inout DWARFCursor, _ context: Context,
                             implicitConstant: Int64 = 0) -> Value? {
        read(form, &cursor, context, implicitConstant: implicitConstant, indirections: 0)
    }

    private static func read(_ form: UInt64, _ cursor: inout DWARFCursor, _ context: Context,
                             implicitConstant: Int64, indirections: Int) -> Value? {
        func unsigned(_ size: Int) -> Value? { cursor.fixed(size).map(Value.unsigned) }
        func block(_ length: UInt64?) -> Value? {
            guard let length, cursor.skip(length) else { return nil }
            return .skipped
        }
        switch form {
        case 0x01: return unsigned(context.addressSize)                       // addr
        case 0x03: return block(cursor.fixed(2))                               // block2
        case 0x04: return block(cursor.fixed(4))                               // block4
        case 0x05: return unsigned(2)                                          // data2
        case 0x06: return unsigned(4)                                          // data4
        case 0x07: return unsigned(8)                                          // data8
        case 0x08:                                                             // string
            guard let range = cursor.cString() else { return nil }
            return .string(context.inLineSection ? .inLine(range.lowerBound) : .inInfo(range.lowerBound))
        case 0x09, 0x18: return block(cursor.uleb())                           // block, exprloc
        case 0x0a: return block(cursor.fixed(1))                               // block1
        case 0x0b, 0x0c, 0x11: return unsigned(1)                              // data1, flag, ref1
        case 0x0d: return cursor.sleb().map(Value.signed)                      // sdata
        case 0x0e: return cursor.offset(context.format).map { .string(.str($0)) } // strp
        case 0x0f, 0x15, 0x1b, 0x22, 0x23: return cursor.uleb().map(Value.unsigned) // udata, ref_udata, addrx, loclistx, rnglistx
        case 0x10:                                                             // ref_addr
            return unsigned(context.version <= 2 ? context.addressSize : context.format.offsetSize)
        case 0x12: return unsigned(2)                                          // ref2
        case 0x13, 0x1c: return unsigned(4)                                    // ref4, ref_sup4
        case 0x14, 0x20, 0x24: return unsigned(8)                              // ref8, ref_sig8, ref_sup8
        case 0x16:                                                             // indirect
            guard indirections < 4, let actual = cursor.uleb(), actual != 0x16 else { return nil }
            return read(actual, &cursor, context, implicitConstant: implicitConstant, indirections: indirections + 1)
        case 0x17, 0x1d, 0x1f20, 0x1f21: return unsigned(context.format.offsetSize) // sec_offset, strp_sup, GNU alt
        case 0x19: return .unsigned(1)                                         // flag_present
        case 0x1a, 0x1f02: return cursor.uleb().map(Value.stringIndex)         // strx, GNU_str_index
        case 0x1e: return block(16)                                            // data16
        case 0x1f: return cursor.offset(context.format).map { .string(.lineStr($0)) } // line_strp
        case 0x21: return .signed(implicitConstant)                            // implicit_const
        case 0x25: return cursor.fixed(1).map(Value.stringIndex)               // strx1
        case 0x26: return cursor.fixed(2).map(Value.stringIndex)               // strx2
        case 0x27: return cursor.fixed(3).map(Value.stringIndex)               // strx3
        case 0x28: return cursor.fixed(4).map(Value.stringIndex)               // strx4
        case 0x29: return unsigned(1)                                          // addrx1
        case 0x2a: return unsigned(2)                                          // addrx2
        case 0x2b: return unsigned(3)                                          // addrx3
        case 0x2c: return unsigned(4)                                          // addrx4
        case 0x1f01: return cursor.uleb().map(Value.unsigned)                  // GNU_addr_index
        default: return nil
        }
    }
}

extension DWARFForm.Value {
    /// The value as an unsigned number (constants, offsets), if it is one.
    package var number: UInt64? {
        switch self {
        case .unsigned(let value): value
        case .signed(let value): value >= 0 ? UInt64(value) : nil
        default: nil
        }
    }
}
