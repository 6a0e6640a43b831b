import Testing
@testable import WasmFrontend

/// Our text parser on WebAssembly GC: struct and array types, subtypes and
/// recursion groups, field names, the GC heap types and shorthands, every GC
/// instruction (flat and folded), and GC operators in constant expressions.
/// Each module is parsed, decoded by our binary decoder and validated.
struct TextGCTests {
    static func module(_ text: String, validate: Bool = true) throws -> WasmModule {
        let module = try WasmModule.decode(try WasmText.toBinary(text, parser: .wasmex))
        if validate { try module.validate() }
        return module
    }

    /// The instructions of defined function `index`, final `end` included.
    static func instructions(_ module: WasmModule, _ index: Int) throws -> [Instruction] {
        var reader = InstructionReader(bytes: module.bytes, range: module.bodies[index].code)
        var decoded: [Instruction] = []
        while let instruction = try reader.next() { decoded.append(instruction) }
        return decoded
    }

    /// The parser's error for `text` (nil when it parses).
    static func error(_ text: String) -> String? { TextParserTests.error(text) }

    static func ref(_ heap: HeapType, null: Bool = false) -> ValueType {
        .ref(RefType(isNullable: null, heapType: heap))
    }

    // MARK: Types

    @Test func structAndArrayTypes() throws {
        let module = try Self.module("""
            (module
              (type $point (struct (field $x (mut i32)) (field (mut i64)) (field i8 i16)))
              (type $bytes (array (mut i8)))
              (type $empty (struct))
              (type $refs (struct (field (ref null $point) anyref) (field) (field $b (ref $bytes))))
              (type $shorts (array i16)))
            """)
        #expect(module.types.count == 5)
        #expect(module.typeDeclarations.map(\.composite) == [
            .struct([
                FieldType(storage: .value(.i32), isMutable: true),
                FieldType(storage: .value(.i64), isMutable: true),
                FieldType(storage: .i8, isMutable: false),
                FieldType(storage: .i16, isMutable: false),
            ]),
            .array(FieldType(storage: .i8, isMutable: true)),
            .struct([]),
            .struct([
                FieldType(storage: .value(Self.ref(.concrete(0), null: true)), isMutable: false),
                FieldType(storage: .value(Self.ref(.any, null: true)), isMutable: false),
                FieldType(storage: .value(Self.ref(.concrete(1))), isMutable: false),
            ]),
            .array(FieldType(storage: .i16, isMutable: false)),
        ])
        // Types outside `rec` are groups of one, final, without supertypes.
        #expect(module.typeDeclarations.map(\.recGroup) == [0..<1, 1..<2, 2..<3, 3..<4, 4..<5])
        #expect(module.typeDeclarations.allSatisfy { $0.isFinal && $0.supertype == nil })
    }

    @Test func subtypesAndRecursionGroups() throws {
        let module = try Self.module("""
            (module
              (type $shape (sub (struct (field $area (mut f64)))))
              (type $circle (sub $shape (struct (field $area (mut f64)) (field $r f64))))
              (type $disc (sub final $circle (struct (field (mut f64)) (field f64) (field i8))))
              (type $closed (sub final (struct)))
              (rec
                (type $tree (struct (field $left (ref null $forest)) (field $value i32)))
                (type $forest (sub (array (mut (ref null $tree))))))
              (rec)
              (rec (type $alone (sub (func (param (ref $alone))))))
              (type $node (sub 1 (struct (field (mut f64)) (field f64) (field (ref null $node))))))
            """)
        let declarations = module.typeDeclarations
        #expect(declarations.count == 8)
        #expect(declarations[0].supertype == nil && !declarations[0].isFinal)
        #expect(declarations[1].supertype == 0 && !declarations[1].isFinal)
        #expect(declarations[2].supertype == 1 && declarations[2].isFinal)
        // `(sub final (struct))` without a supertype is the plain struct type.
        #expect(declarations[3].supertype == nil && declarations[3].isFinal)
        #expect(declarations[4].recGroup == 4..<6 && declarations[5].recGroup == 4..<6)
        #expect(declarations[4].composite == .struct([
            FieldType(storage: .value(Self.ref(.concrete(5), null: true)), isMutable: false),
            FieldType(storage: .value(.i32), isMutable: false),
        ]))
        #expect(declarations[5].composite == .array(FieldType(storage: .value(Self.ref(.concrete(4), null: true)), isMutable: true)))
        #expect(!declarations[5].isFinal)
        // The empty `(rec)` adds no type; the one-type group is still its own group.
        #expect(declarations[6].recGroup == 6..<7 && declarations[6].composite == .function && !declarations[6].isFinal)
        #expect(module.types[6] == FunctionType(parameters: [Self.ref(.concrete(6))]))
        #expect(declarations[7].supertype == 1 && declarations[7].recGroup == 7..<8)
        // The binary keeps the empty group: 8 type-section entries (4 types, 3 groups, 1 type) for 8 types.
        #expect(module.bytes[8] == 0x01 && module.bytes[9] < 0x80)
        #expect(module.bytes[10] == 8)
    }

    @Test func inlineSignaturesReuseOnlyFunctionTypesOutsideRecGroups() throws {
        let module = try Self.module("""
            (module
              (rec (type $r (func (param i32) (result i32))))
              (type $s (struct))
              (type $plain (func (param i32) (result i32)))
              (func (param i32) (result i32) (local.get 0))
              (func (param i64))
              (func))
            """)
        // The inline signatures match $plain (2), not $r inside `rec` nor the struct
        // (whose placeholder signature is empty): two new function types follow.
        #expect(module.functions == [2, 3, 4])
        #expect(module.types[3] == FunctionType(parameters: [.i64]))
        #expect(module.types[4] == FunctionType())
        #expect(module.typeDeclarations[4].composite == .function)
    }

    @Test func gcHeapTypesAndShorthands() throws {
        let module = try Self.module("""
            (module
              (type $s (struct))
              (func (param anyref eqref i31ref structref arrayref nullref)
                    (param (ref any) (ref eq) (ref i31) (ref struct) (ref array) (ref none) (ref null $s))
                    (result (ref null any))
                ref.null any drop ref.null eq drop ref.null i31 drop ref.null struct drop
                ref.null array drop ref.null none drop (ref.null $s) drop
                (local.get 0)))
            """)
        #expect(module.types[1].parameters == [
            Self.ref(.any, null: true), Self.ref(.eq, null: true), Self.ref(.i31, null: true),
            Self.ref(.struct, null: true), Self.ref(.array, null: true), Self.ref(.none, null: true),
            Self.ref(.any), Self.ref(.eq), Self.ref(.i31), Self.ref(.struct), Self.ref(.array), Self.ref(.none),
            Self.ref(.concrete(0), null: true),
        ])
        let nulls = try Self.instructions(module, 0).compactMap { instruction -> HeapType? in
            if case .refNull(let type) = instruction { type.refType?.heapType } else { nil }
        }
        #expect(nulls == [.any, .eq, .i31, .struct, .array, .none, .concrete(0)])
    }

    // MARK: Instructions

    @Test func structInstructionsResolveFieldNamesPerType() throws {
        let module = try Self.module("""
            (module
              (type $a (struct (field $v (mut i32)) (field $w i8)))
              (type $b (struct (field $w i64) (field $v (mut i32)) (field $p (mut i16))))
              (func (param $x (ref $a)) (param $y (ref $b)) (result i32)
                (struct.set $a $v (local.get $x) (i32.const 1))
                (struct.set $b $v (local.get $y) (i32.const 2))
                (struct.set $b 2 (local.get $y) (i32.const -1))
                (drop (struct.get $b $w (local.get $y)))
                (drop (struct.get_s $a $w (local.get $x)))
                (drop (struct.get_u $b $p (local.get $y)))
                (drop (struct.new $a (i32.const 3) (i32.const 4)))
                (drop (struct.new_default $b))
                (i32.add (struct.get $a $v (local.get $x)) (struct.get $b 1 (local.get $y)))))
            """)
        #expect(try Self.instructions(module, 0) == [
            .localGet(0), .i32Const(1), .gc(.structSet(0, field: 0)),
            .localGet(1), .i32Const(2), .gc(.structSet(1, field: 1)),
            .localGet(1), .i32Const(-1), .gc(.structSet(1, field: 2)),
            .localGet(1), .gc(.structGet(1, field: 0, .none)), .drop,
            .localGet(0), .gc(.structGet(0, field: 1, .signed)), .drop,
            .localGet(1), .gc(.structGet(1, field: 2, .unsigned)), .drop,
            .i32Const(3), .i32Const(4), .gc(.structNew(0)), .drop,
            .gc(.structNewDefault(1)), .drop,
            .localGet(0), .gc(.structGet(0, field: 0, .none)),
            .localGet(1), .gc(.structGet(1, field: 1, .none)),
            .numeric(.i32Add), .end,
        ])
    }

    @Test func arrayInstructions() throws {
        let module = try Self.module("""
            (module
              (type $bytes (array (mut i8)))
              (type $funcs (array (mut funcref)))
              (type $longs (array (mut i64)))
              (data $d "\\01\\02\\03\\04")
              (elem $e func $f)
              (func $f (param $a (ref $bytes)) (param $fs (ref $funcs)) (result i32)
                (drop (array.new $bytes (i32.const 7) (i32.const 3)))
                (drop (array.new_default $longs (i32.const 2)))
                (drop (array.new_fixed $longs 3 (i64.const 1) (i64.const 2) (i64.const 3)))
                (drop (array.new_data $bytes $d (i32.const 0) (i32.const 4)))
                (drop (array.new_elem $funcs $e (i32.const 0) (i32.const 1)))
                (array.set $bytes (local.get $a) (i32.const 0) (i32.const 9))
                (array.fill $bytes (local.get $a) (i32.const 0) (i32.const 5) (i32.const 2))
                (array.copy $bytes $bytes (local.get $a) (i32.const 1) (local.get $a) (i32.const 0) (i32.const 1))
                (array.init_data $bytes $d (local.get $a) (i32.const 0) (i32.const 0) (i32.const 1))
                (array.init_elem $funcs $e (local.get $fs) (i32.const 0) (i32.const 0) (i32.const 1))
                (drop (array.get $funcs (local.get $fs) (i32.const 0)))
                (drop (array.get_s $bytes (local.get $a) (i32.const 0)))
                local.get $a i32.const 1 array.get_u $bytes
                (array.len (local.get $a))
                i32.add))
            """)
        #expect(try Self.instructions(module, 0) == [
            .i32Const(7), .i32Const(3), .gc(.arrayNew(0)), .drop,
            .i32Const(2), .gc(.arrayNewDefault(2)), .drop,
            .i64Const(1), .i64Const(2), .i64Const(3), .gc(.arrayNewFixed(2, count: 3)), .drop,
            .i32Const(0), .i32Const(4), .gc(.arrayNewData(0, data: 0)), .drop,
            .i32Const(0), .i32Const(1), .gc(.arrayNewElem(1, elem: 0)), .drop,
            .localGet(0), .i32Const(0), .i32Const(9), .gc(.arraySet(0)),
            .localGet(0), .i32Const(0), .i32Const(5), .i32Const(2), .gc(.arrayFill(0)),
            .localGet(0), .i32Const(1), .localGet(0), .i32Const(0), .i32Const(1), .gc(.arrayCopy(dst: 0, src: 0)),
            .localGet(0), .i32Const(0), .i32Const(0), .i32Const(1), .gc(.arrayInitData(0, data: 0)),
            .localGet(1), .i32Const(0), .i32Const(0), .i32Const(1), .gc(.arrayInitElem(1, elem: 0)),
            .localGet(1), .i32Const(0), .gc(.arrayGet(1, .none)), .drop,
            .localGet(0), .i32Const(0), .gc(.arrayGet(0, .signed)), .drop,
            .localGet(0), .i32Const(1), .gc(.arrayGet(0, .unsigned)),
            .localGet(0), .gc(.arrayLen),
            .numeric(.i32Add), .end,
        ])
        // array.new_data and array.init_data in a function need the data count section.
        #expect(module.dataCount == 1)
    }

    @Test func castsTestsAndBranchesOnCasts() throws {
        let module = try Self.module("""
            (module
              (type $t (sub (struct)))
              (type $u (sub $t (struct (field i32))))
              (func (param $r anyref) (result i32)
                (drop (ref.test (ref $t) (local.get $r)))
                (drop (ref.test (ref null $t) (local.get $r)))
                (drop (ref.test i31ref (local.get $r)))
                (drop (ref.cast (ref i31) (local.get $r)))
                (drop (ref.cast structref (local.get $r)))
                (drop (block $l (result (ref $u))
                  (drop (br_on_cast $l anyref (ref $u) (local.get $r)))
                  (unreachable)))
                (drop (block $l (result anyref)
                  (br_on_cast_fail $l anyref (ref null $u) (local.get $r))))
                (drop (block $l (result (ref any))
                  (br_on_cast_fail $l (ref any) (ref $t) (ref.as_non_null (local.get $r)))))
                (block $l (result (ref null $u))
                  (br_on_cast 0 anyref (ref null $u) (local.get $r))
                  (br $l (ref.null $u)))
                ref.is_null))
            """)
        let casts = try Self.instructions(module, 0).compactMap { instruction -> GCInstruction? in
            if case .gc(let gc) = instruction { gc } else { nil }
        }
        let t = HeapType.concrete(0), u = HeapType.concrete(1)
        #expect(casts == [
            .refTest(RefType(isNullable: false, heapType: t)),
            .refTest(RefType(isNullable: true, heapType: t)),
            .refTest(RefType(isNullable: true, heapType: .i31)),
            .refCast(RefType(isNullable: false, heapType: .i31)),
            .refCast(RefType(isNullable: true, heapType: .struct)),
            // The flags byte carries both nullabilities: bit 0 the source, bit 1 the target.
            .brOnCast(label: 0, from: RefType(isNullable: true, heapType: .any),
                      to: RefType(isNullable: false, heapType: u), failing: false),
            .brOnCast(label: 0, from: RefType(isNullable: true, heapType: .any),
                      to: RefType(isNullable: true, heapType: u), failing: true),
            .brOnCast(label: 0, from: RefType(isNullable: false, heapType: .any),
                      to: RefType(isNullable: false, heapType: t), failing: true),
            .brOnCast(label: 0, from: RefType(isNullable: true, heapType: .any),
                      to: RefType(isNullable: true, heapType: u), failing: false),
        ])
    }

    @Test func brOnCastFlagsBytes() throws {
        // Binary: 0xFB 24/25, flags, label, heap type, heap type (encoding only: not all four validate).
        let flags = try [("anyref", "eqref"), ("(ref any)", "eqref"), ("anyref", "(ref eq)"), ("(ref any)", "(ref eq)")]
            .map { from, to in
                let bytes = try WasmText.toBinary("(module (func (param \(from)) (block (result \(from)) (local.get 0) (br_on_cast 0 \(from) \(to)) drop unreachable) drop))", parser: .wasmex)
                let at = bytes.indices.first { bytes[$0] == 0xFB && bytes[$0 + 1] == 24 }!
                #expect(Array(bytes[(at + 3)...(at + 5)]) == [0x00, 0x6E, 0x6D])
                return bytes[at + 2]
            }
        #expect(flags == [0b11, 0b10, 0b01, 0b00])
    }

    @Test func i31ConversionsAndRefEq() throws {
        let module = try Self.module("""
            (module
              (func (param $e externref) (param $a eqref) (result i32)
                (drop (any.convert_extern (local.get $e)))
                (drop (extern.convert_any (ref.i31 (i32.const 5))))
                (drop (i31.get_s (ref.i31 (i32.const -1))))
                (i31.get_u (ref.cast (ref i31) (local.get $a)))
                (ref.eq (local.get $a) (local.get $a))
                i32.add))
            """)
        #expect(try Self.instructions(module, 0) == [
            .localGet(0), .gc(.anyConvertExtern), .drop,
            .i32Const(5), .gc(.refI31), .gc(.externConvertAny), .drop,
            .i32Const(-1), .gc(.refI31), .gc(.i31Get(signed: true)), .drop,
            .localGet(1), .gc(.refCast(RefType(isNullable: false, heapType: .i31))), .gc(.i31Get(signed: false)),
            .localGet(1), .localGet(1), .refEq,
            .numeric(.i32Add), .end,
        ])
    }

    // MARK: Constant expressions

    @Test func gcOperatorsInGlobalsTablesAndElementItems() throws {
        let module = try Self.module("""
            (module
              (type $pair (struct (field i32) (field (mut i64))))
              (type $vec (array (mut i32)))
              (global $p (ref $pair) (struct.new $pair (i32.const 1) (i64.const 2)))
              (global $d (ref null $pair) (struct.new_default $pair))
              (global $v (ref $vec) (array.new_fixed $vec 2 (i32.const 10) (i32.const 20)))
              (global $w (ref $vec) (array.new $vec (i32.const 0) (i32.const 8)))
              (global $z (ref $vec) (array.new_default $vec (i32.const 3)))
              (global $i i31ref (ref.i31 (i32.const 42)))
              (global $x externref (extern.convert_any (ref.i31 (i32.const 1))))
              (global $a anyref (any.convert_extern (ref.null extern)))
              (table $objects 4 eqref (ref.i31 (i32.const 0)))
              (elem (table $objects) (i32.const 0) eqref (item (ref.i31 (i32.const 7))) (global.get $v))
              (elem $passive (ref $pair) (struct.new $pair (i32.const 3) (i64.const 4))))
            """)
        #expect(module.globals.map(\.initializer) == [
            .gc(.structNew(0), [.i32Const(1), .i64Const(2)]),
            .gc(.structNewDefault(0), []),
            .gc(.arrayNewFixed(1, count: 2), [.i32Const(10), .i32Const(20)]),
            .gc(.arrayNew(1), [.i32Const(0), .i32Const(8)]),
            .gc(.arrayNewDefault(1), [.i32Const(3)]),
            .gc(.refI31, [.i32Const(42)]),
            .gc(.externConvertAny, [.gc(.refI31, [.i32Const(1)])]),
            .gc(.anyConvertExtern, [.refNull(.externRef)]),
        ])
        #expect(module.globals[0].type.valueType == Self.ref(.concrete(0)))
        #expect(module.tables == [TableType(elementType: Self.ref(.eq, null: true), limits: Limits(min: 4))])
        #expect(module.tableInitializers == [.gc(.refI31, [.i32Const(0)])])
        #expect(module.elements.count == 2)
        #expect(module.elements[0].type == Self.ref(.eq, null: true))
        #expect(module.elements[0].items == [.gc(.refI31, [.i32Const(7)]), .globalGet(2)])
        #expect(module.elements[1].type == Self.ref(.concrete(0)))
        #expect(module.elements[1].mode == .passive)
        #expect(module.elements[1].items == [.gc(.structNew(0), [.i32Const(3), .i64Const(4)])])
    }

    @Test func inlineTableSegmentsOfTypedTablesBecomeExpressions() throws {
        let module = try Self.module("""
            (module
              (type $f (func))
              (func $a (type $f))
              (func $b (type $f))
              (table (ref null $f) (elem $a $b)))
            """)
        #expect(module.elements.count == 1)
        #expect(module.elements[0].type == Self.ref(.concrete(0), null: true))
        #expect(module.elements[0].items == [.refFunc(0), .refFunc(1)])
    }

    // MARK: Exact encoding

    /// Bytes as `wasm-tools parse` (1.262) writes them, name section aside.
    @Test func encodingMatchesWasmTools() throws {
        let bytes = try WasmText.toBinary("""
            (module
              (rec (type $n (sub (struct (field $next (mut (ref null $n)))))))
              (type (sub final $n (struct (field (mut (ref null $n))) (field i16))))
              (type $a (array i8))
              (func (param (ref null $n)) (result i32)
                (ref.test (ref 1) (local.get 0))))
            """, parser: .wasmex)
        let expected: [UInt8] = [
            0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
            // Types: 4 entries: rec [sub [] struct 1 field (mut (ref null 0))],
            // sub final [0] struct 2 fields, array i8, func [(ref null 0)] -> [i32].
            0x01, 0x1D, 0x04,
            0x4E, 0x01, 0x50, 0x00, 0x5F, 0x01, 0x63, 0x00, 0x01,
            0x4F, 0x01, 0x00, 0x5F, 0x02, 0x63, 0x00, 0x01, 0x77, 0x00,
            0x5E, 0x78, 0x00,
            0x60, 0x01, 0x63, 0x00, 0x01, 0x7F,
            0x03, 0x02, 0x01, 0x03,
            0x0A, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0xFB, 0x14, 0x01, 0x0B,
        ]
        #expect(Array(bytes.prefix(expected.count)) == expected)
    }

    // MARK: Errors

    @Test func fieldNameErrors() {
        let duplicate = Self.error("(module (type (struct (field $x i32) (field $x i64))))")
        #expect(duplicate?.contains("duplicate field $x") == true, "\(duplicate ?? "accepted")")
        // Field names belong to their type: $y of $b is unknown in $a.
        let unknown = Self.error("""
            (module
              (type $a (struct (field $x i32)))
              (type $b (struct (field $y i32)))
              (func (param (ref $a)) (result i32) (struct.get $a $y (local.get 0))))
            """)
        #expect(unknown?.contains("unknown field $y") == true, "\(unknown ?? "accepted")")
        let badComposite = Self.error("(module (type (record)))")
        #expect(badComposite?.contains("unknown composite type 'record'") == true, "\(badComposite ?? "accepted")")
        let badHeap = Self.error("(module (func (result anyref) (ref.null object)))")
        #expect(badHeap?.contains("unknown heap type 'object'") == true, "\(badHeap ?? "accepted")")
    }

    @Test func typesReferToLaterTypesByName() throws {
        // Names are known before definitions are parsed: a group's types refer
        // forward, and a type use refers to any type of the module.
        let module = try Self.module("""
            (module
              (func (param (ref null $list)) (result i32) (ref.is_null (local.get 0)))
              (rec
                (type $list (struct (field $head i32) (field $tail (ref null $cell))))
                (type $cell (struct (field (ref $list))))))
            """)
        #expect(module.typeDeclarations[0].composite == .struct([
            FieldType(storage: .value(.i32), isMutable: false),
            FieldType(storage: .value(Self.ref(.concrete(1), null: true)), isMutable: false),
        ]))
        #expect(module.typeDeclarations[1].composite == .struct([FieldType(storage: .value(Self.ref(.concrete(0))), isMutable: false)]))
        #expect(module.typeDeclarations[0].recGroup == 0..<2)
        // Explicit types come first; the function's implicit type follows them.
        #expect(module.functions == [2])
        #expect(module.types[2] == FunctionType(parameters: [Self.ref(.concrete(0), null: true)], results: [.i32]))
    }
}
