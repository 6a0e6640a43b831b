import Foundation
import Testing
import Wasmex

/// The SIMD benchmark kernel (`Fixtures/simd`): the `-msimd128` build really uses SIMD, and
/// both builds compute the same checksum on the JIT (no timing here; see `wasmex bench simd`).
@Suite("SIMD benchmark kernel")
struct SIMDKernelTests {
    /// The bytes of `Fixtures/simd/<name>`.
    private func kernel(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: SpecTestSupport.fixture("simd/" + name))))
    }

    /// `run(rounds)` of a freshly initialised instance of `bytes`.
    private func checksum(_ bytes: [UInt8], rounds: UInt32) throws -> UInt32 {
        let store = Store(engine: APIFixture.engine)
        let instance = try Instance(store: store, bytes: bytes)
        let initialize = try instance.typedFunction("init", UInt32.self, Void.self)
        let run = try instance.typedFunction("run", UInt32.self, UInt32.self)
        let seed: UInt32 = 0x5EED_1234
        try initialize(seed)
        return try run(rounds)
    }

    /// How many SIMD instructions (`0xFD`-prefixed or `v128.const`) the module's bodies hold.
    private func simdInstructionCount(_ module: Module) throws -> Int {
        var count = 0
        for body in module.wasm.bodies {
            var reader = InstructionReader(bytes: module.wasm.bytes, range: body.code)
            while let instruction = try reader.next() {
                switch instruction {
                case .v128Const, .i8x16Shuffle, .simd, .simdLane, .simdLoad, .simdLoadLane: count += 1
                default: break
                }
            }
        }
        return count
    }

    @Test func simdBuildUsesVectorInstructionsAndScalarBuildDoesNot() throws {
        let simd = try Module(engine: APIFixture.engine, bytes: kernel("kernel-simd.wasm"))
        let scalar = try Module(engine: APIFixture.engine, bytes: kernel("kernel-scalar.wasm"))
        #expect(try simdInstructionCount(simd) > 20)
        #expect(try simdInstructionCount(scalar) == 0)
        #expect(simd.exports.map(\.name).sorted() == ["init", "memory", "run"])
        #expect(scalar.exports.map(\.name).sorted() == ["init", "memory", "run"])
    }

    @Test func bothBuildsComputeTheSameChecksum() throws {
        let simd = try checksum(kernel("kernel-simd.wasm"), rounds: 3)
        let scalar = try checksum(kernel("kernel-scalar.wasm"), rounds: 3)
        #expect(simd == scalar)
        #expect(simd != 0)
        // Different round counts give different results, so the comparison is not vacuous.
        #expect(try checksum(kernel("kernel-scalar.wasm"), rounds: 2) != scalar)
    }
}
