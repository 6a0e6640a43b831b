import Testing
import Wasmex

/// WebAssembly GC from the text format, end to end: a `.wat` module with
/// struct, array and i31 code goes through our text parser (the module's
/// bytes are text), the compiler and the runtime, and is called through the
/// public API.
struct GCTextTests {
    static let wat = """
        (module
          (type $point (sub (struct (field $x (mut i32)) (field $y (mut i32)))))
          (type $point3 (sub final $point (struct (field $x (mut i32)) (field $y (mut i32)) (field $z i8))))
          (type $bytes (array (mut i8)))
          (rec
            (type $list (struct (field $head i32) (field $tail (ref null $list)))))
          (global $origin (ref $point) (struct.new $point (i32.const 0) (i32.const 0)))

          (func $make (export "make") (param $x i32) (param $y i32) (result (ref $point))
            (struct.new $point (local.get $x) (local.get $y)))

          ;; Builds a point, moves it one step right, reads both fields back.
          (func (export "moved_norm2") (param $x i32) (param $y i32) (result i32)
            (local $p (ref $point))
            (local.set $p (call $make (local.get $x) (local.get $y)))
            (struct.set $point $x (local.get $p) (i32.add (struct.get $point $x (local.get $p)) (i32.const 1)))
            (i32.add
              (i32.mul (struct.get $point $x (local.get $p)) (struct.get $point $x (local.get $p)))
              (i32.mul (struct.get $point $y (local.get $p)) (struct.get $point $y (local.get $p)))))

          (func (export "origin_y") (result i32) (struct.get $point $y (global.get $origin)))

          ;; A three-dimensional point is a point: the cast succeeds, and its packed field reads sign-extended.
          (func (export "point3_z") (param $z i32) (result i32)
            (local $any anyref)
            (local.set $any (struct.new $point3 (i32.const 1) (i32.const 2) (local.get $z)))
            (if (i32.eqz (ref.test (ref $point) (local.get $any))) (then (unreachable)))
            (struct.get_s $point3 $z (ref.cast (ref $point3) (local.get $any))))

          (func (export "is_point") (param anyref) (result i32) (ref.test (ref $point) (local.get 0)))
          (func (export "as_point_x") (param anyref) (result i32)
            (struct.get $point $x (ref.cast (ref $point) (local.get 0))))

          ;; The sum of 1..n, through a list built from n down to 1.
          (func (export "list_sum") (param $n i32) (result i32)
            (local $l (ref null $list)) (local $sum i32)
            (block $built
              (loop $build
                (br_if $built (i32.eqz (local.get $n)))
                (local.set $l (struct.new $list (local.get $n) (local.get $l)))
                (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                (br $build)))
            (block $done
              (loop $walk
                (drop (br_on_null $done (local.get $l)))
                (local.set $sum (i32.add (local.get $sum) (struct.get $list $head (ref.as_non_null (local.get $l)))))
                (local.set $l (struct.get $list $tail (ref.as_non_null (local.get $l))))
                (br $walk)))
            (local.get $sum))

          ;; An array of bytes filled with `v`, one element set to 200 (read back unsigned and signed).
          (func (export "bytes") (param $n i32) (param $v i32) (result i32 i32 i32)
            (local $a (ref $bytes))
            (local.set $a (array.new $bytes (local.get $v) (local.get $n)))
            (array.set $bytes (local.get $a) (i32.const 0) (i32.const 200))
            (array.len (local.get $a))
            (array.get_u $bytes (local.get $a) (i32.const 0))
            (array.get_s $bytes (local.get $a) (i32.const 0)))

          (func (export "i31_roundtrip") (param i32) (result i32 i32)
            (i31.get_s (ref.i31 (local.get 0)))
            (i31.get_u (ref.i31 (local.get 0))))

          (func (export "same") (param eqref eqref) (result i32) (ref.eq (local.get 0) (local.get 1))))
        """

    static func instance() throws -> (Store, Instance) {
        let engine = try Engine()
        let store = Store(engine: engine)
        // The text's UTF-8 bytes: `Module(engine:bytes:)` sees text and parses it.
        let module = try Module(engine: engine, bytes: Array(wat.utf8))
        return (store, try Instance(store: store, module: module))
    }

    @Test func structsAreCreatedReadAndWritten() throws {
        let (_, instance) = try Self.instance()
        #expect(try instance.call("moved_norm2", [.i32(2), .i32(5)]) == [.i32(9 + 25)])
        #expect(try instance.call("moved_norm2", [.i32(-4), .i32(0)]) == [.i32(9)])
        #expect(try instance.call("origin_y") == [.i32(0)])
        #expect(try instance.call("point3_z", [.i32(-3)]) == [.i32(-3)])
        #expect(try instance.call("point3_z", [.i32(0x1FF)]) == [.i32(-1)])
        #expect(try instance.call("list_sum", [.i32(100)]) == [.i32(5050)])
    }

    @Test func structsReachTheHostAndComeBack() throws {
        let (_, instance) = try Self.instance()
        guard case .anyRef(let point?) = try instance.call("make", [.i32(7), .i32(-8)]).first else {
            Issue.record("make did not return a struct reference")
            return
        }
        #expect(point.kind == .struct)
        #expect(point.fieldCount == 2)
        #expect(try point.field(0) == .i32(7))
        #expect(try point.field(1) == .i32(-8))
        #expect(try instance.call("is_point", [.anyRef(point)]) == [.i32(1)])
        #expect(try instance.call("as_point_x", [.anyRef(point)]) == [.i32(7)])
        #expect(try instance.call("is_point", [.anyRef(.i31(3))]) == [.i32(0)])
        #expect(try instance.call("same", [.anyRef(point), .anyRef(point)]) == [.i32(1)])
        #expect(try instance.call("same", [.anyRef(.i31(5)), .anyRef(.i31(5))]) == [.i32(1)])
        do {
            _ = try instance.call("as_point_x", [.anyRef(.i31(3))])
            Issue.record("ref.cast of an i31 to a struct type returned")
        } catch {
            #expect("\(error)".contains("cast failure"), "\(error)")
        }
    }

    @Test func arraysAndI31() throws {
        let (_, instance) = try Self.instance()
        #expect(try instance.call("bytes", [.i32(10), .i32(7)]) == [.i32(10), .i32(200), .i32(-56)])
        #expect(try instance.call("i31_roundtrip", [.i32(-1)]) == [.i32(-1), .i32(0x7FFF_FFFF)])
        #expect(try instance.call("i31_roundtrip", [.i32(0x4000_0000)]) == [.i32(-0x4000_0000), .i32(0x4000_0000)])
    }
}
