/// Rust's v0 mangling (`_R…`, RFC 2603): paths, nested names, closures,
/// impls, generic arguments, the common types and integer/bool/char
/// constants, with back-references. Printed like `rustc-demangle`'s `{:#}`
/// (no crate disambiguators or hashes). Punycode identifiers and the rarer
/// constants are not decoded: the symbol then stays raw (nil).
///
/// Hostile input is bounded: back-references must point backwards, nesting
/// is limited to ``maximumDepth`` and output to ``maximumOutput`` bytes.
struct RustV0Demangler {
    static let maximumDepth = 64
    static let maximumOutput = 2048

    /// The symbol after `_R`; back-references count from its start.
    private let symbol: ArraySlice<UInt8>
    private var position: Int
    private var depth = 0
    private var output = ""

    private init(_ symbol: ArraySlice<UInt8>) {
        self.symbol = symbol
        position = symbol.startIndex
    }

    static func demangle(_ bytes: [UInt8]) -> String? {
        guard bytes.starts(with: Array("_R".utf8)) else { return nil }
        var parser = RustV0Demangler(bytes.dropFirst(2))
        // An encoding version (a decimal number) other than none is unknown.
        if let first = parser.peek, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) { return nil }
        guard parser.path(value: true) != nil else { return nil }
        return parser.output
    }

    // MARK: Lexing

    private var peek: UInt8? { position < symbol.endIndex ? symbol[position] : nil }

    private mutating func eat(_ character: Character) -> Bool {
        guard let byte = peek, byte == character.asciiValue else { return false }
        position += 1
        return true
    }

    private mutating func next() -> UInt8? {
        guard let byte = peek else { return nil }
        position += 1
        return byte
    }

    private mutating func emit(_ text: String) -> Void? {
        output += text
        return output.utf8.count <= Self.maximumOutput ? () : nil
    }

    /// `_` is 0; otherwise base-62 digits (0-9a-zA-Z) then `_`, plus one.
    private mutating func base62() -> UInt64? {
        if eat("_") { return 0 }
        var value: UInt64 = 0
        while let byte = next() {
            if byte == UInt8(ascii: "_") {
                let (result, overflow) = value.addingReportingOverflow(1)
                return overflow ? nil : result
            }
            let digit: UInt64
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): digit = UInt64(byte - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): digit = UInt64(byte - UInt8(ascii: "A")) + 36
            default: return nil
            }
            let (product, overflow) = value.multipliedReportingOverflow(by: 62)
            let (sum, overflow2) = product.addingReportingOverflow(digit)
            guard !overflow, !overflow2 else { return nil }
            value = sum
        }
        return nil
    }

    /// `s` + base-62 number (plus one), or 0 when absent.
    private mutating func disambiguator() -> UInt64? {
        guard eat("s") else { return 0 }
        return base62().flatMap { $0 == UInt64.max ? nil : $0 + 1 }
    }

    private mutating func decimal() -> Int? {
        guard let first = peek, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return nil }
        if first == UInt8(ascii: "0") { position += 1; return 0 }
        var value = 0
        while let byte = peek, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            guard value <= symbol.count else { return nil }
            position += 1
        }
        return value
    }

    /// `[u] <decimal> [_] <bytes>`; punycode (`u`) is not decoded.
    private mutating func identifier() -> String? {
        guard !eat("u"), let length = decimal() else { return nil }
        _ = eat("_")
        guard length <= symbol.endIndex - position else { return nil }
        let bytes = symbol[position..<(position + length)]
        position += length
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Runs `body` at the back-reference target, then comes back.
    private mutating func backref(_ body: (inout RustV0Demangler) -> Void?) -> Void? {
        let start = position - 1
        guard let offset = base62(), offset < UInt64(start - symbol.startIndex) else { return nil }
        let saved = position
        position = symbol.startIndex + Int(offset)
        guard body(&self) != nil else { return nil }
        position = saved
        return ()
    }

    private mutating func nested(_ body: (inout RustV0Demangler) -> Void?) -> Void? {
        guard depth < Self.maximumDepth else { return nil }
        depth += 1
        defer { depth -= 1 }
        return body(&self)
    }

    // MARK: Grammar

    /// A path; `value` selects `foo::<T>` (values) over `Foo<T>` (types).
    private mutating func path(value: Bool) -> Void? {
        nested { parser in
            guard let tag = parser.next() else { return nil }
            switch tag {
            case UInt8(ascii: "C"):
                guard parser.disambiguator() != nil, let name = parser.identifier() else { return nil }
                return parser.emit(name)
            case UInt8(ascii: "N"):
                guard let namespace = parser.next(), parser.path(value: value) != nil,
                      let number = parser.disambiguator(), let name = parser.identifier() else { return nil }
                switch namespace {
                case UInt8(ascii: "a")...UInt8(ascii: "z"):
                    return name.isEmpty ? () : parser.emit("::" + name)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    let kind = namespace == UInt8(ascii: "C") ? "closure"
                        : namespace == UInt8(ascii: "S") ? "shim" : String(UnicodeScalar(namespace))
                    return parser.emit("::{" + kind + (name.isEmpty ? "" : ":" + name) + "#\(number)}")
                default:
                    return nil
                }
            case UInt8(ascii: "M"):
                guard parser.disambiguator() != nil, parser.skipPath() != nil else { return nil }
                guard parser.emit("<") != nil, parser.type() != nil else { return nil }
                return parser.emit(">")
            case UInt8(ascii: "X"):
                guard parser.disambiguator() != nil, parser.skipPath() != nil else { return nil }
                guard parser.emit("<") != nil, parser.type() != nil, parser.emit(" as ") != nil,
                      parser.path(value: false) != nil else { return nil }
                return parser.emit(">")
            case UInt8(ascii: "Y"):
                guard parser.emit("<") != nil, parser.type() != nil, parser.emit(" as ") != nil,
                      parser.path(value: false) != nil else { return nil }
                return parser.emit(">")
            case UInt8(ascii: "I"):
                guard parser.path(value: value) != nil, parser.emit(value ? "::<" : "<") != nil else { return nil }
                guard parser.list(separator: ", ", { $0.genericArgument() }) != nil else { return nil }
                return parser.emit(">")
            case UInt8(ascii: "B"):
                return parser.backref { $0.path(value: value) }
            default:
                return nil
            }
        }
    }

    /// An impl's own path (not printed: `<T>` and `<T as Trait>` say enough).
    private mutating func skipPath() -> Void? {
        let saved = output
        defer { output = saved }
        return path(value: false)
    }

    /// Items up to `E`, separated in the output; returns how many printed something.
    @discardableResult
    private mutating func list(separator: String, _ item: (inout RustV0Demangler) -> Bool?) -> Int? {
        var count = 0
        while !eat("E") {
            let saved = output
            if count > 0 { guard emit(separator) != nil else { return nil } }
            guard let printed = item(&self) else { return nil }
            if printed { count += 1 } else { output = saved }
        }
        return count
    }

    /// A lifetime (not printed), a `K` constant or a type; true when something was printed.
    private mutating func genericArgument() -> Bool? {
        if eat("L") { return base62() == nil ? nil : false }
        if eat("K") { return constant() == nil ? nil : true }
        return type() == nil ? nil : true
    }

    private static let basicTypes: [UInt8: String] = {
        let pairs: [(Character, String)] = [
            ("a", "i8"), ("b", "bool"), ("c", "char"), ("d", "f64"), ("e", "str"), ("f", "f32"), ("h", "u8"),
            ("i", "isize"), ("j", "usize"), ("l", "i32"), ("m", "u32"), ("n", "i128"), ("o", "u128"),
            ("s", "i16"), ("t", "u16"), ("u", "()"), ("v", "..."), ("x", "i64"), ("y", "u64"), ("z", "!"),
            ("p", "_"),
        ]
        return Dictionary(uniqueKeysWithValues: pairs.map { ($0.0.asciiValue!, $0.1) })
    }()

    private mutating func type() -> Void? {
        nested { parser in
            guard let tag = parser.peek else { return nil }
            if let basic = Self.basicTypes[tag] {
                parser.position += 1
                return parser.emit(basic)
            }
            parser.position += 1
            switch tag {
            case UInt8(ascii: "A"):
                guard parser.emit("[") != nil, parser.type() != nil, parser.emit("; ") != nil,
                      parser.constant() != nil else { return nil }
                return parser.emit("]")
            case UInt8(ascii: "S"):
                guard parser.emit("[") != nil, parser.type() != nil else { return nil }
                return parser.emit("]")
            case UInt8(ascii: "T"):
                guard parser.emit("(") != nil,
                      let count = parser.list(separator: ", ", { $0.type() == nil ? nil : true }) else { return nil }
                return parser.emit(count == 1 ? ",)" : ")")
            case UInt8(ascii: "R"), UInt8(ascii: "Q"):
                if parser.eat("L") { guard parser.base62() != nil else { return nil } }
                guard parser.emit(tag == UInt8(ascii: "R") ? "&" : "&mut ") != nil else { return nil }
                return parser.type()
            case UInt8(ascii: "P"), UInt8(ascii: "O"):
                guard parser.emit(tag == UInt8(ascii: "P") ? "*const " : "*mut ") != nil else { return nil }
                return parser.type()
            case UInt8(ascii: "F"):
                return parser.functionSignature()
            case UInt8(ascii: "D"):
                if parser.eat("G") { guard parser.base62() != nil else { return nil } }
                guard parser.emit("dyn ") != nil,
                      parser.list(separator: " + ", { $0.dynTrait() == nil ? nil : true }) != nil,
                      parser.eat("L"), parser.base62() != nil else { return nil }
                return ()
            case UInt8(ascii: "B"):
                return parser.backref { $0.type() }
            default:
                parser.position -= 1
                return parser.path(value: false)
            }
        }
    }

    /// `[G binder] [U] [K abi] {type} E type`.
    private mutating func functionSignature() -> Void? {
        if eat("G") { guard base62() != nil else { return nil } }
        if eat("U") { guard emit("unsafe ") != nil else { return nil } }
        if eat("K") {
            let abi: String
            if eat("C") { abi = "C" } else {
                guard let name = identifier() else { return nil }
                abi = String(name.map { $0 == "_" ? "-" : $0 })
            }
            guard emit("extern \"\(abi)\" ") != nil else { return nil }
        }
        guard emit("fn(") != nil, list(separator: ", ", { $0.type() == nil ? nil : true }) != nil,
              emit(")") != nil else { return nil }
        if eat("u") { return () }
        guard emit(" -> ") != nil else { return nil }
        return type()
    }

    /// A trait of a `dyn` type, with `Name = Type` bindings after its own
    /// generic arguments (`FnBox<(), Output = ()>`).
    private mutating func dynTrait() -> Void? {
        var open = false
        if eat("I") {
            guard path(value: false) != nil, emit("<") != nil,
                  let count = list(separator: ", ", { $0.genericArgument() }) else { return nil }
            if count == 0 { output.removeLast() } else { open = true }
        } else {
            guard path(value: false) != nil else { return nil }
        }
        while eat("p") {
            guard emit(open ? ", " : "<") != nil, let name = identifier(), emit(name + " = ") != nil,
                  type() != nil else { return nil }
            open = true
        }
        return open ? emit(">") : ()
    }

    /// `p` (placeholder), a back-reference, or an integer, bool or char constant.
    private mutating func constant() -> Void? {
        nested { parser in
            if parser.eat("p") { return parser.emit("_") }
            if parser.eat("B") { return parser.backref { $0.constant() } }
            guard let tag = parser.next() else { return nil }
            let negative = parser.eat("n")
            var digits = ""
            while let byte = parser.next(), byte != UInt8(ascii: "_") {
                guard Character(UnicodeScalar(byte)).isHexDigit, digits.count < 32 else { return nil }
                digits.append(Character(UnicodeScalar(byte)))
            }
            let value = digits.isEmpty ? 0 : UInt64(digits, radix: 16)
            switch tag {
            case UInt8(ascii: "b"):
                guard let value, value <= 1 else { return nil }
                return parser.emit(value == 1 ? "true" : "false")
            case UInt8(ascii: "c"):
                guard let value, let scalar = UnicodeScalar(UInt32(clamping: value)) else { return nil }
                return parser.emit("'" + String(Character(scalar)) + "'")
            case UInt8(ascii: "a"), UInt8(ascii: "h"), UInt8(ascii: "i"), UInt8(ascii: "j"), UInt8(ascii: "l"),
                 UInt8(ascii: "m"), UInt8(ascii: "n"), UInt8(ascii: "o"), UInt8(ascii: "s"), UInt8(ascii: "t"),
                 UInt8(ascii: "x"), UInt8(ascii: "y"):
                let text = value.map { String($0) } ?? "0x" + digits
                return parser.emit((negative ? "-" : "") + text)
            default:
                return nil
            }
        }
    }
}
