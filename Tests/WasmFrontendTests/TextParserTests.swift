import Testing
@testable import WasmFrontend

/// Our text parser (`TextParserChoice.wasmex`): module syntax, abbreviations,
/// encodings, and errors with positions.
struct TextParserTests {
    static func binary(_ text: String) throws -> [UInt8] {
        try WasmText.toBinary(text, parser: .wasmex)
    }

    static func module(_ text: String) throws -> WasmModule {
        let module = try WasmModule.decode(try binary(text))
        try module.validate()
        return module
    }

    static func error(_ text: String) -> String? {
        do throws(WasmError) {
            _ = try WasmText.toBinary(text, parser: .wasmex)
            return nil
        } catch {
            return error.message
        }
    }

    /// The regression from issue 17: a named parameter next to a type reference.
    @Test func namedParameterWithTypeReference() throws {
        let module = try Self.module("""
            (module (type $t (func (param i32))) (func $f (type $t) (param $value i32) (local.get $value) drop))
            """)
        #expect(module.types == [FunctionType(parameters: [.i32], results: [])])
        #expect(module.functions == [0])
        #expect(module.names.functionNames[0] == "f")
    }

    @Test func mismatchedInlineTypeIsAnError() {
        let message = Self.error("(module (type $t (func (param i32))) (func (type $t) (param i64)))")
        #expect(message?.contains("does not match") == true, "\(message ?? "accepted")")
    }

    @Test func exactEncodingOfASmallModule() throws {
        let bytes = try Self.binary("""
            (module
              (func $add (export "add") (param $a i32) (param $b i32) (result i32)
                (i32.add (local.get $a) (local.get $b))))
            """)
        let expectedPrefix: [UInt8] = [
            0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
            0x01, 0x07, 0x01, 0x60, 0x02, 0x7F, 0x7F, 0x01, 0x7F,  // type section
            0x03, 0x02, 0x01, 0x00,  // function section
            0x07, 0x07, 0x01, 0x03, 0x61, 0x64, 0x64, 0x00, 0x00,  // export "add"
            0x0A, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6A, 0x0B,  // code
        ]
        #expect(Array(bytes.prefix(expectedPrefix.count)) == expectedPrefix)
        #expect(bytes[expectedPrefix.count] == 0x00, "a name section follows")
    }

    @Test func inlineImportsExportsAndForwardReferences() throws {
        let module = try Self.module("""
            (module
              (func $log (import "env" "log") (param i32))
              (global $g (import "env" "g") i32)
              (func (export "run") (call $later (global.get $g)))
              (func $later (param i32) (call $log (local.get 0)))
              (memory (export "mem") 1 2)
              (table $t 2 funcref)
              (elem (table $t) (i32.const 0) func $later 1)
              (start 1))
            """)
        #expect(module.imports.count == 2)
        #expect(module.exports.map(\.name) == ["run", "mem"])
        #expect(module.start == 1)
        #expect(module.elements.count == 1)
    }

    @Test func blocksLabelsAndFoldedIf() throws {
        let module = try Self.module("""
            (module (func (export "f") (param i32) (result i32)
              (block $out (result i32)
                (if $check (result i32) (local.get 0)
                  (then (br $out (i32.const 1)))
                  (else (i32.const 2))))
              loop $l (param i32) (result i32)
                (br_if $l (i32.const 0))
              end $l
              i32.const 5
              (block (param i32 i32) (result i32) i32.add)
              ))
            """)
        // The function's [i32] -> [i32] serves the loop too; the two-parameter block adds one.
        #expect(module.types == [FunctionType(parameters: [.i32], results: [.i32]),
                                 FunctionType(parameters: [.i32, .i32], results: [.i32])])
    }

    @Test func tableAndMemoryInlineSegments() throws {
        let module = try Self.module("""
            (module
              (func $a) (func $b)
              (table funcref (elem $a $b $a))
              (memory (data "hello" "\\00\\01")))
            """)
        #expect(module.tables.first?.limits == Limits(min: 3, max: 3))
        #expect(module.memories.first?.limits == Limits(min: 1, max: 1))
        #expect(module.data.count == 1)
        #expect(Array(module.slice(module.data[0].bytes)) == Array("hello".utf8) + [0, 1])
    }

    @Test func floatAndVectorConstants() throws {
        let bytes = try Self.binary("""
            (module (func (result f64) (f32.const -nan:0x1) drop (f64.const 0x1.8p1))
                    (func (result v128) (v128.const i16x8 -1 0 1 2 3 4 5 0xffff)))
            """)
        let f32Const: [UInt8] = [0x43, 0x01, 0x00, 0x80, 0xFF]
        let f64Const: [UInt8] = [0x44] + Array(withUnsafeBytes(of: Double(3).bitPattern.littleEndian, Array.init))
        #expect(bytes.firstRange(of: f32Const) != nil)
        #expect(bytes.firstRange(of: f64Const) != nil)
        let lanes: [UInt8] = [0xFF, 0xFF, 0, 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 0xFF, 0xFF]
        #expect(bytes.firstRange(of: [0xFD, 0x0C] + lanes) != nil)
    }

    @Test func simdLaneAndMemoryOperators() throws {
        _ = try Self.module("""
            (module (memory 1)
              (func (param v128) (result i32)
                (i8x16.extract_lane_u 15 (local.get 0)) drop
                (v128.load8_lane offset=1 3 (i32.const 0) (local.get 0)) drop
                (v128.store align=4 (i32.const 0) (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31 (local.get 0) (local.get 0)))
                (i32.load16_u offset=0x10 align=1 (i32.const 0))))
            """)
    }

    @Test func moduleQuoteAndBinary() throws {
        let quoted = try Self.module(#"(module quote "(func (export \"f\"))")"#)
        #expect(quoted.exports.map(\.name) == ["f"])
        let binary = try Self.binary(#"(module binary "\00asm" "\01\00\00\00")"#)
        #expect(binary == [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00])
    }

    /// Identifiers survive in the `name` section (function and local names),
    /// byte for byte as `wasm-tools parse` writes them (the bytes of
    /// ControlBacktraceTests.wasm).
    @Test func nameSectionMatchesWasmTools() throws {
        let bytes = try Self.binary("""
            (module
              (func $unused)
              (func $inner (param $x i32) (result i32)
                (i32.div_s (i32.const 7) (local.get $x)))
              (func $middle (param $x i32) (result i32)
                (i32.add (call $inner (local.get $x)) (i32.const 1)))
              (func $outer (export "outer") (param $x i32) (result i32)
                (i32.mul (call $middle (local.get $x)) (i32.const 3))))
            """)
        let wasmTools: [UInt8] = [
            0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x09, 0x02, 0x60, 0x00, 0x00, 0x60,
            0x01, 0x7f, 0x01, 0x7f, 0x03, 0x05, 0x04, 0x00, 0x01, 0x01, 0x01, 0x07, 0x09, 0x01, 0x05,
            0x6f, 0x75, 0x74, 0x65, 0x72, 0x00, 0x03, 0x0a, 0x20, 0x04, 0x02, 0x00, 0x0b, 0x07, 0x00,
            0x41, 0x07, 0x20, 0x00, 0x6d, 0x0b, 0x09, 0x00, 0x20, 0x00, 0x10, 0x01, 0x41, 0x01, 0x6a,
            0x0b, 0x09, 0x00, 0x20, 0x00, 0x10, 0x02, 0x41, 0x03, 0x6c, 0x0b, 0x00, 0x38, 0x04, 0x6e,
            0x61, 0x6d, 0x65, 0x01, 0x1f, 0x04, 0x00, 0x06, 0x75, 0x6e, 0x75, 0x73, 0x65, 0x64, 0x01,
            0x05, 0x69, 0x6e, 0x6e, 0x65, 0x72, 0x02, 0x06, 0x6d, 0x69, 0x64, 0x64, 0x6c, 0x65, 0x03,
            0x05, 0x6f, 0x75, 0x74, 0x65, 0x72, 0x02, 0x10, 0x03, 0x01, 0x01, 0x00, 0x01, 0x78, 0x02,
            0x01, 0x00, 0x01, 0x78, 0x03, 0x01, 0x00, 0x01, 0x78,
        ]
        #expect(bytes == wasmTools)
    }

    @Test func errorsCarryLineAndColumn() {
        #expect(Self.error("(module\n  (func\n    (i32.bogus)))") == "3:6: unknown operator 'i32.bogus'")
        #expect(Self.error("(module (func (local.get $missing)))") == "1:26: unknown local $missing")
        #expect(Self.error("(module (func (i32.const 4294967296)))") == "1:26: malformed or out-of-range i32 constant '4294967296'")
        #expect(Self.error("(module (func $f) (func $f))") == "1:25: duplicate func $f")
        #expect(Self.error("(module (func) (import \"m\" \"f\" (func)))") == "1:16: import after function, table, memory or global definition")
        #expect(Self.error("(module (func block $a end $b))") == "1:28: mismatching label $b")
        #expect(Self.error("(module (func)") == "1:15: unexpected end of text, expected ')'")
    }
}
