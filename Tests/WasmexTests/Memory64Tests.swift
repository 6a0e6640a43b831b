import Testing
import Wasmex

/// 64-bit memories and tables (Wasm 3.0 memory64/table64): i64 addresses, offsets past
/// 4 GiB, exact traps where `address + offset + size` leaves the memory or wraps, growth
/// with i64 page counts, and the same code on every memory strategy.
@Suite struct Memory64Tests {
    static let wat = """
        (module
          (memory (export "mem") i64 1 70000)
          (func (export "load") (param i64) (result i32) (i32.load (local.get 0)))
          (func (export "load_far") (param i64) (result i32) (i32.load offset=0x100000000 (local.get 0)))
          (func (export "load_top") (param i64) (result i32) (i32.load8_u offset=0xffffffffffffffff (local.get 0)))
          (func (export "store") (param i64 i32) (i32.store (local.get 0) (local.get 1)))
          (func (export "size") (result i64) (memory.size))
          (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0)))
          (func (export "fill") (param i64 i32 i64) (memory.fill (local.get 0) (local.get 1) (local.get 2))))
        """

    static func instance(_ engine: Engine = APIFixture.engine) throws -> Instance {
        try Instance(store: Store(engine: engine), module: Module(engine: engine, text: wat))
    }

    static func traps(_ instance: Instance, _ name: String, _ arguments: [Value],
                      sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(sourceLocation: sourceLocation) {
            try instance.call(name, arguments)
        } throws: { CoreTest.trapCode($0) == .memoryOutOfBounds }
    }

    @Test func addressesAreSixtyFourBits() throws {
        let instance = try Self.instance()
        let memory = try instance.memory(named: "mem")
        #expect(memory.type.addressType == .i64)
        #expect(try instance.call("size") == [.i64(1)])
        _ = try instance.call("store", [.i64(65_532), .i32(0x0102_0304)])
        #expect(try instance.call("load", [.i64(65_532)]) == [.i32(0x0102_0304)])
        #expect(try memory.read(at: 65_532, count: 4) == [4, 3, 2, 1])
        // One past the end, addresses whose low 32 bits are in bounds, offsets past 4 GiB
        // and sums that wrap past 2^64 all trap.
        Self.traps(instance, "load", [.i64(65_533)])
        Self.traps(instance, "load", [.i64(0x1_0000_0000)])
        Self.traps(instance, "load", [.i64(-1)])
        Self.traps(instance, "load_far", [.i64(0)])
        Self.traps(instance, "load_top", [.i64(1)])
        Self.traps(instance, "load_top", [.i64(0)])
        Self.traps(instance, "store", [.i64(0x7fff_ffff_ffff_fffc), .i32(1)])
        Self.traps(instance, "fill", [.i64(-1), .i32(0), .i64(2)])
        Self.traps(instance, "fill", [.i64(1), .i32(0), .i64(-1)])
        // Nothing was written by the trapping accesses.
        #expect(try memory.read(at: 0, count: 4) == [0, 0, 0, 0])
    }

    @Test func growTakesAndReturnsI64() throws {
        let instance = try Self.instance()
        #expect(try instance.call("grow", [.i64(2)]) == [.i64(1)])
        #expect(try instance.call("size") == [.i64(3)])
        #expect(try instance.call("grow", [.i64(0x1_0000_0001)]) == [.i64(-1)])   // past the maximum
        #expect(try instance.call("grow", [.i64(-1)]) == [.i64(-1)])
        #expect(try instance.call("size") == [.i64(3)])
        _ = try instance.call("store", [.i64(3 * 65_536 - 4), .i32(9)])
        #expect(try instance.call("load", [.i64(3 * 65_536 - 4)]) == [.i32(9)])
        Self.traps(instance, "load", [.i64(3 * 65_536 - 3)])
    }

    /// A memory larger than 4 GiB: the bytes past 2^32 are reachable, exactly up to the end.
    @Test func beyondFourGiB() throws {
        let instance = try Self.instance()
        // 65,537 pages: 4 GiB + 64 KiB, reserved without being touched.
        #expect(try instance.call("grow", [.i64(65_536)]) == [.i64(1)])
        let end: Int64 = 65_537 * 65_536
        _ = try instance.call("store", [.i64(end - 4), .i32(0x5566_7788)])
        #expect(try instance.call("load", [.i64(end - 4)]) == [.i32(0x5566_7788)])
        #expect(try instance.call("load_far", [.i64(end - 4 - 0x1_0000_0000)]) == [.i32(0x5566_7788)])
        #expect(try instance.memory(named: "mem").read(at: Int(end - 4), count: 4) == [0x88, 0x77, 0x66, 0x55])
        // The same low 32 bits in the first page hold nothing.
        #expect(try instance.call("load", [.i64((end - 4) & 0xFFFF_FFFF)]) == [.i32(0)])
        Self.traps(instance, "load", [.i64(end - 3)])
        Self.traps(instance, "load_far", [.i64(end - 0x1_0000_0000)])
    }

    @Test(arguments: MemoryStrategy.allCases)
    func sameResultsOnEveryStrategy(strategy: MemoryStrategy) throws {
        let engine = try Engine(Engine.Configuration(memoryStrategy: strategy))
        let instance = try Self.instance(engine)
        _ = try instance.call("store", [.i64(8), .i32(77)])
        #expect(try instance.call("load", [.i64(8)]) == [.i32(77)])
        Self.traps(instance, "load", [.i64(65_533)])
        Self.traps(instance, "load", [.i64(0x1_0000_0000)])
    }

    @Test func sixtyFourBitTables() throws {
        let (_, instance) = try CoreTest.instantiate("""
            (module
              (table $t (export "t") i64 2 funcref)
              (elem (table $t) (i64.const 1) func $seven)
              (func $seven (result i32) (i32.const 7))
              (func (export "call") (param i64) (result i32) (call_indirect $t (result i32) (local.get 0)))
              (func (export "size") (result i64) (table.size $t))
              (func (export "grow") (param i64) (result i64) (table.grow $t (ref.null func) (local.get 0))))
            """)
        #expect(try instance.call("call", [.i64(1)]) == [.i32(7)])
        #expect(try instance.table(named: "t").type.addressType == .i64)
        #expect { try instance.call("call", [.i64(0x1_0000_0001)]) } throws: { CoreTest.trapCode($0) == .undefinedElement }
        #expect(try instance.call("grow", [.i64(3)]) == [.i64(2)])
        #expect(try instance.call("size") == [.i64(5)])
        #expect(try instance.call("grow", [.i64(0x1_0000_0000)]) == [.i64(-1)])
    }

    @Test func validationEnforcesAddressTypes() {
        for wat in [
            "(module (memory i64 1) (func (drop (i32.load (i32.const 0)))))",         // i32 address
            "(module (memory 1) (func (drop (i32.load (i64.const 0)))))",            // i64 address
            "(module (memory 1) (func (drop (i32.load offset=0x100000000 (i32.const 0)))))",
            "(module (memory i64 1) (func (result i32) (memory.size)))",
            "(module (memory i64 1) (data (i32.const 0) \"x\"))",
            "(module (memory i64 0x1000000000001))",                                  // over 2^48 pages
            "(module (table i64 1 funcref) (func (drop (table.get 0 (i32.const 0)))))",
        ] {
            #expect(throws: WasmexError.self, "\(wat)") { try Module(engine: APIFixture.engine, text: wat) }
        }
    }
}
