import Testing
import Wasmex

/// `v128` values through the public API: exported functions, globals and host imports
/// (Wasmex's `v128_v128` test and its neighbours).
@Suite("API: v128 values")
struct SIMDAPITests {
    /// Lanes 0...3 = 1, 2, 3, 4 as i32x4.
    static let oneTwoThreeFour = V128(lo: 0x0000_0002_0000_0001, hi: 0x0000_0004_0000_0003)

    static let wat = """
    (module
      (import "host" "mirror" (func $mirror (param v128) (result v128)))
      (global $g (export "g") (mut v128) (v128.const i32x4 10 20 30 40))
      ;; i32x4.add of its argument and [1 2 3 4]
      (func (export "v128_v128") (param v128) (result v128)
        (i32x4.add (local.get 0) (v128.const i32x4 1 2 3 4)))
      ;; reverses the sixteen bytes
      (func (export "reverse") (param v128) (result v128)
        (i8x16.shuffle 15 14 13 12 11 10 9 8 7 6 5 4 3 2 1 0 (local.get 0) (local.get 0)))
      (func (export "get_g") (result v128) (global.get $g))
      (func (export "double_g")
        (global.set $g (i32x4.add (global.get $g) (global.get $g))))
      ;; host round trip, then a lane op on the result so the value really came back as v128
      (func (export "via_host") (param v128) (result i32)
        (i32x4.extract_lane 3 (call $mirror (local.get 0))))
      (func (export "via_host_v128") (param v128) (result v128)
        (call $mirror (local.get 0)))
    )
    """

    /// Instantiates the test module with `mirror` as the host import.
    private func instantiate(mirror: HostFunction) throws -> Instance {
        let store = Store(engine: APIFixture.engine)
        let imports = try Imports(store: store, ["host": ["mirror": mirror]])
        return try Instance(store: store, bytes: Array(Self.wat.utf8), imports: imports)
    }

    /// A host import that swaps the vector's halves and adds 1 to every i64 lane.
    private static let swapHalves = HostFunction(parameters: [.v128], results: [.v128]) { _, arguments in
        guard case .v128(let vector)? = arguments.first else { return [] }
        return [.v128(V128(lo: vector.hi &+ 1, hi: vector.lo &+ 1))]
    }

    @Test func exportedFunctionTakesAndReturnsV128() throws {
        let instance = try instantiate(mirror: Self.swapHalves)
        let result = try instance.call("v128_v128", [.v128(Self.oneTwoThreeFour)])
        // [1 2 3 4] + [1 2 3 4] = [2 4 6 8]
        #expect(result == [.v128(V128(lo: 0x0000_0004_0000_0002, hi: 0x0000_0008_0000_0006))])

        let bytes = V128(bytes: Array(0..<16))
        let reversed = try instance.call("reverse", [.v128(bytes)])
        #expect(reversed == [.v128(V128(bytes: Array((0..<16).reversed())))])
    }

    @Test func typedFunctionCarriesV128() throws {
        let instance = try instantiate(mirror: Self.swapHalves)
        let add = try instance.typedFunction("v128_v128", V128.self, V128.self)
        let result = try add(V128(lo: 0, hi: 0))
        #expect(result == Self.oneTwoThreeFour)
    }

    @Test func v128ArgumentTypeIsChecked() throws {
        let instance = try instantiate(mirror: Self.swapHalves)
        #expect(throws: WasmexError.self) { _ = try instance.call("v128_v128", [.i64(1)]) }
        #expect(throws: WasmexError.self) { _ = try instance.call("v128_v128", []) }
    }

    @Test func v128GlobalReadAndWrite() throws {
        let instance = try instantiate(mirror: Self.swapHalves)
        let initial = V128(lo: 0x0000_0014_0000_000A, hi: 0x0000_0028_0000_001E)  // [10 20 30 40]
        #expect(try instance.globalValue("g") == .v128(initial))

        let global = try instance.global(named: "g")
        #expect(global.type == GlobalType(valueType: .v128, isMutable: true))
        try global.set(.v128(Self.oneTwoThreeFour))
        // Wasm sees the host's write in both halves.
        #expect(try instance.call("get_g") == [.v128(Self.oneTwoThreeFour)])
        // The host sees Wasm's write in both halves.
        _ = try instance.call("double_g")
        #expect(global.get() == .v128(V128(lo: 0x0000_0004_0000_0002, hi: 0x0000_0008_0000_0006)))
        // A value of the wrong type is refused and leaves the global unchanged.
        #expect(throws: WasmexError.self) { try global.set(.i32(1)) }
        #expect(global.get() == .v128(V128(lo: 0x0000_0004_0000_0002, hi: 0x0000_0008_0000_0006)))
    }

    @Test func hostImportTakesAndReturnsV128() throws {
        let instance = try instantiate(mirror: Self.swapHalves)
        let input = V128(lo: 0x1111_1111_2222_2222, hi: 0x3333_3333_4444_4444)
        let result = try instance.call("via_host_v128", [.v128(input)])
        #expect(result == [.v128(V128(lo: 0x3333_3333_4444_4445, hi: 0x1111_1111_2222_2223))])
        // Lane 3 (bits 96...127) of the host's result is the high half of input.lo, + 0.
        #expect(try instance.call("via_host", [.v128(input)]) == [.i32(0x1111_1111)])
    }

    @Test func typedHostImportTakesAndReturnsV128() throws {
        let recorder = ArgumentRecorder()
        let typed = HostFunction.typed { (_: Caller, vector: V128) -> V128 in
            recorder.record([.v128(vector)])
            return V128(lo: ~vector.lo, hi: ~vector.hi)
        }
        let instance = try instantiate(mirror: typed)
        let input = V128(lo: 0x0123_4567_89AB_CDEF, hi: 0xFEDC_BA98_7654_3210)
        let result = try instance.call("via_host_v128", [.v128(input)])
        #expect(result == [.v128(V128(lo: ~input.lo, hi: ~input.hi))])
        #expect(recorder.values == [[.v128(input)]])
    }

    @Test func hostImportReturningTheWrongTypeFailsTheCall() throws {
        let wrong = HostFunction(parameters: [.v128], results: [.v128]) { _, _ in [.i32(0)] }
        let instance = try instantiate(mirror: wrong)
        #expect(throws: WasmexError.self) { _ = try instance.call("via_host_v128", [.v128(Self.oneTwoThreeFour)]) }
        // The instance stays usable after the failed call.
        #expect(try instance.call("v128_v128", [.v128(V128(lo: 0, hi: 0))]) == [.v128(Self.oneTwoThreeFour)])
    }
}
