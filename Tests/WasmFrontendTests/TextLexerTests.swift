import Testing
@testable import WasmFrontend

/// The text lexer: token forms, comments, annotations, strings, positions.
struct TextLexerTests {
    static func kinds(_ text: String) throws -> [TextToken.Kind] {
        try TextLexer.tokenize(Array(text.utf8)).map(\.kind)
    }

    static func texts(_ text: String) throws -> [String] {
        let source = Array(text.utf8)
        let tokens = TextTokens(source: source, tokens: try TextLexer.tokenize(source))
        return tokens.tokens.map(tokens.text)
    }

    @Test func tokenKinds() throws {
        #expect(try Self.kinds(#"(func $f "s" 0x1p3)"#) == [.leftParen, .atom, .id, .string, .atom, .rightParen])
        #expect(try Self.texts("(i32.const -0x_1)") == ["(", "i32.const", "-0x_1", ")"])
        #expect(try Self.texts(#"$"quoted id" offset=8"#) == [#"$"quoted id""#, "offset=8"])
    }

    @Test func commentsAndAnnotationsAreSkipped() throws {
        let text = """
        ;; line comment (
        (; block (; nested ;) comment ) ;)
        (module (@custom "x" (nested ")" (; c ;))) (func))
        """
        #expect(try Self.texts(text) == ["(", "module", "(", "func", ")", ")"])
    }

    @Test func stringEscapes() throws {
        let source = Array(#""a\n\t\\\"\'\41\u{1F600}\u{e9}""#.utf8)
        let tokens = try TextLexer.tokenize(source)
        #expect(tokens.count == 1)
        #expect(TextStrings.bytes(source, tokens[0]) == Array("a\n\t\\\"'A😀é".utf8))
    }

    @Test func malformedTokensAreErrorsWithOffsets() {
        for (text, offset) in [(#""\x""#, 1), (#""abc"#, 0), ("(; never closed", 0), (#"(i32.const"1")"#, 10),
                               ("\"tab\tinside\"", 4), ("$ x", 0), (#""\u{110000}""#, 1)] {
            #expect(throws: TextError.self, "\(text)") { try TextLexer.tokenize(Array(text.utf8)) }
            do {
                _ = try TextLexer.tokenize(Array(text.utf8))
            } catch {
                #expect(error.offset == offset, "\(text): \(error.message)")
            }
        }
    }

    @Test func linesAndColumnsCountCharacters() {
        let tokens = TextTokens(source: Array("(module\n  ;; é\n  é(x".utf8), tokens: [])
        #expect(tokens.location(of: 0) == (1, 1))
        #expect(tokens.location(of: 10) == (2, 3))
        // After the two-byte é on line 3 the column is 4, not 5.
        let offset = Array("(module\n  ;; é\n  é".utf8).count
        #expect(tokens.location(of: offset) == (3, 4))
    }
}

/// Integer and float literals.
struct TextNumberTests {
    @Test func integers() {
        #expect(TextNumbers.integer("4294967295", bits: 32) == 0xFFFF_FFFF)
        #expect(TextNumbers.integer("-2147483648", bits: 32) == 0x8000_0000)
        #expect(TextNumbers.integer("-1", bits: 32) == 0xFFFF_FFFF)
        #expect(TextNumbers.integer("0x7fff_ffff", bits: 32) == 0x7FFF_FFFF)
        #expect(TextNumbers.integer("1_000_000", bits: 64) == 1_000_000)
        #expect(TextNumbers.integer("-0x8000000000000000", bits: 64) == 0x8000_0000_0000_0000)
        #expect(TextNumbers.integer("4294967296", bits: 32) == nil)
        #expect(TextNumbers.integer("+2147483648", bits: 32) == nil)
        #expect(TextNumbers.integer("-2147483649", bits: 32) == nil)
        #expect(TextNumbers.integer("1__0", bits: 32) == nil)
        #expect(TextNumbers.integer("_1", bits: 32) == nil)
        #expect(TextNumbers.integer("1_", bits: 32) == nil)
        #expect(TextNumbers.integer("0x", bits: 32) == nil)
        #expect(TextNumbers.unsigned("-1") == nil)
    }

    @Test func floats() {
        #expect(TextNumbers.float32("1.5") == Float(1.5).bitPattern)
        #expect(TextNumbers.float32("-0x1.8p3") == Float(-12).bitPattern)
        #expect(TextNumbers.float32("0x1p-149") == 1)
        #expect(TextNumbers.float32("1e1_0") == Float(1e10).bitPattern)
        #expect(TextNumbers.float32("0x1.fffffep127") == Float.greatestFiniteMagnitude.bitPattern)
        #expect(TextNumbers.float32("0x1p128") == nil)
        #expect(TextNumbers.float32("1e39") == nil)
        #expect(TextNumbers.float32("inf") == Float.infinity.bitPattern)
        #expect(TextNumbers.float32("-inf") == (-Float.infinity).bitPattern)
        #expect(TextNumbers.float32("nan") == 0x7FC0_0000)
        #expect(TextNumbers.float32("-nan:0x1") == 0xFF80_0001)
        #expect(TextNumbers.float32("nan:0x0") == nil)
        #expect(TextNumbers.float32("nan:0x800000") == nil)
        #expect(TextNumbers.float64("0x1.000000000000_1p0") == 0x3FF0_0000_0000_0001)
        #expect(TextNumbers.float64("0x10") == Double(16).bitPattern)
        #expect(TextNumbers.float64("1.") == Double(1).bitPattern)
        #expect(TextNumbers.float64("nan:0xf_ffff_ffff_ffff") == 0x7FFF_FFFF_FFFF_FFFF)
        #expect(TextNumbers.float64("1e308") == Double(1e308).bitPattern)
        #expect(TextNumbers.float64("1e309") == nil)
        #expect(TextNumbers.float64(".5") == nil)
        #expect(TextNumbers.float64("1.e") == nil)
        #expect(TextNumbers.float64("0x1.p_1") == nil)
    }
}
