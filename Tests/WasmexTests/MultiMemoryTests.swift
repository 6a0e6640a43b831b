import Testing
import Wasmex

/// Several memories in one instance (Wasm 3.0 multi-memory): imported and defined
/// memories side by side, each read and written through its own index, and the bulk
/// operators between them.
@Suite struct MultiMemoryTests {
    static let wat = """
        (module
          (import "env" "shared" (memory $shared 1 4))
          (memory $small 1 2)
          (memory $big 3)
          (data (memory $small) (i32.const 8) "small")
          (data (memory $big) (i32.const 131072) "big")
          (export "shared" (memory $shared))
          (export "small" (memory $small))
          (export "big" (memory $big))
          (func (export "store") (param $m i32) (param $a i32) (param $v i32)
            (if (i32.eqz (local.get $m)) (then (i32.store $shared (local.get $a) (local.get $v)) (return)))
            (if (i32.eq (local.get $m) (i32.const 1)) (then (i32.store $small (local.get $a) (local.get $v)) (return)))
            (i32.store $big (local.get $a) (local.get $v)))
          (func (export "load") (param $m i32) (param $a i32) (result i32)
            (if (i32.eqz (local.get $m)) (then (return (i32.load $shared (local.get $a)))))
            (if (i32.eq (local.get $m) (i32.const 1)) (then (return (i32.load $small (local.get $a)))))
            (i32.load $big (local.get $a)))
          (func (export "sizes") (result i32 i32 i32)
            (memory.size $shared) (memory.size $small) (memory.size $big))
          (func (export "grow_small") (param i32) (result i32) (memory.grow $small (local.get 0)))
          (func (export "copy_big_to_small") (param $dst i32) (param $src i32) (param $n i32)
            (memory.copy $small $big (local.get $dst) (local.get $src) (local.get $n)))
          (func (export "fill_shared") (param $dst i32) (param $v i32) (param $n i32)
            (memory.fill $shared (local.get $dst) (local.get $v) (local.get $n))))
        """

    /// The instance and its imported memory.
    static func instantiate() throws -> (Instance, Memory) {
        let store = Store(engine: APIFixture.engine)
        let shared = try Memory(store: store, type: MemoryType(limits: Limits(min: 2, max: 4)))
        let module = try Module(engine: APIFixture.engine, text: wat)
        var imports = Imports()
        imports.define(module: "env", name: "shared", .memory(shared))
        return (try Instance(store: store, module: module, imports: imports), shared)
    }

    @Test func eachMemoryIsSeparate() throws {
        let (instance, shared) = try Self.instantiate()
        let small = try instance.memory(named: "small")
        let big = try instance.memory(named: "big")
        #expect(try instance.call("sizes") == [.i32(2), .i32(1), .i32(3)])
        #expect(try small.read(at: 8, count: 5) == Array("small".utf8))
        #expect(try big.read(at: 131_072, count: 3) == Array("big".utf8))

        _ = try instance.call("store", [.i32(0), .i32(16), .i32(0x1111_1111)])
        _ = try instance.call("store", [.i32(1), .i32(16), .i32(0x2222_2222)])
        _ = try instance.call("store", [.i32(2), .i32(16), .i32(0x3333_3333)])
        #expect(try shared.read(at: 16, count: 1) == [0x11])
        #expect(try small.read(at: 16, count: 1) == [0x22])
        #expect(try big.read(at: 16, count: 1) == [0x33])
        // The exported import is the host's own memory.
        #expect(try instance.memory(named: "shared").read(at: 16, count: 1) == [0x11])

        try shared.write([1, 2, 3, 4], at: 100)
        #expect(try instance.call("load", [.i32(0), .i32(100)]) == [.i32(0x0403_0201)])
        #expect(try instance.call("load", [.i32(1), .i32(100)]) == [.i32(0)])
    }

    @Test func boundsAreCheckedPerMemory() throws {
        let (instance, _) = try Self.instantiate()
        // 65,532 is the last i32 slot of the one-page memory, in bounds of the others too.
        #expect(try instance.call("load", [.i32(1), .i32(65_532)]) == [.i32(0)])
        #expect(try instance.call("load", [.i32(0), .i32(65_536)]) == [.i32(0)])
        for (memory, address) in [(1, 65_533), (0, 131_069), (2, 196_605)] {
            #expect {
                try instance.call("load", [.i32(Int32(memory)), .i32(Int32(address))])
            } throws: { CoreTest.trapCode($0) == .memoryOutOfBounds }
        }
    }

    @Test func growCopyAndFillUseTheirOwnMemory() throws {
        let (instance, shared) = try Self.instantiate()
        #expect(try instance.call("grow_small", [.i32(1)]) == [.i32(1)])
        #expect(try instance.call("grow_small", [.i32(1)]) == [.i32(-1)])  // maximum 2
        #expect(try instance.call("sizes") == [.i32(2), .i32(2), .i32(3)])
        _ = try instance.call("copy_big_to_small", [.i32(70_000), .i32(131_072), .i32(3)])
        #expect(try instance.memory(named: "small").read(at: 70_000, count: 3) == Array("big".utf8))
        #expect {
            try instance.call("copy_big_to_small", [.i32(131_070), .i32(0), .i32(3)])
        } throws: { CoreTest.trapCode($0) == .memoryOutOfBounds }
        _ = try instance.call("fill_shared", [.i32(10), .i32(0xAB), .i32(4)])
        #expect(try shared.read(at: 9, count: 6) == [0, 0xAB, 0xAB, 0xAB, 0xAB, 0])
    }

    @Test func importedMemoryAddressTypeMustMatch() throws {
        let store = Store(engine: APIFixture.engine)
        let wide = try Memory(store: store, type: MemoryType(limits: Limits(min: 2, max: 4), addressType: .i64))
        let module = try Module(engine: APIFixture.engine, text: Self.wat)
        var imports = Imports()
        imports.define(module: "env", name: "shared", .memory(wide))
        #expect(throws: WasmexError.self) { try Instance(store: store, module: module, imports: imports) }
    }
}
