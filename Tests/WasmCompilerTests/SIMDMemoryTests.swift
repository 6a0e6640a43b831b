import Testing
@testable import WasmCompiler
import WasmFrontend

/// SIMD loads and stores against a 64-byte fake linear memory, as emitted and after O2.
@Suite struct SIMDMemoryTests {
    private static let plain = MemArg(align: 0, offset: 0)
    private static let offset3 = MemArg(align: 0, offset: 3)
    private static let offset1 = MemArg(align: 0, offset: 1)

    /// Memory whose byte `i` is `i + 1`, except byte 0 (0x80) and byte 1 (0xFF).
    private static func pattern() -> [UInt8] {
        var memory = (0..<64).map { UInt8($0 + 1) }
        memory[0] = 0x80
        memory[1] = 0xFF
        return memory
    }

    private func run(_ v: SIMDVariant, _ instruction: Instruction, _ operands: [V128],
                     memory: inout [UInt8]) throws -> SIMDOutcome {
        try v.program.run(instruction, operands, memory: &memory)
    }

    private func load(_ v: SIMDVariant, _ op: SIMDLoadOp, _ memarg: MemArg = plain, at address: UInt32) throws -> SIMDOutcome {
        var memory = Self.pattern()
        return try run(v, .simdLoad(op, memarg), [.scalar(UInt64(address))], memory: &memory)
    }

    @Test(arguments: SIMDVariant.allCases)
    func plainLoadReadsLittleEndianBytes(_ v: SIMDVariant) throws {
        let vector = try #require(try load(v, .v128Load, at: 2).vector)
        #expect(vector.u8Lanes == (3...18).map { UInt8($0) })
        let shifted = try #require(try load(v, .v128Load, Self.offset3, at: 0).vector)
        #expect(shifted.u8Lanes == (4...19).map { UInt8($0) })
    }

    @Test(arguments: SIMDVariant.allCases)
    func extendingLoadsWidenEachLane(_ v: SIMDVariant) throws {
        #expect(try load(v, .v128Load8x8S, at: 0).vector?.i16Lanes == [-128, -1, 3, 4, 5, 6, 7, 8])
        #expect(try load(v, .v128Load8x8U, at: 0).vector?.u16Lanes == [0x80, 0xFF, 3, 4, 5, 6, 7, 8])
        #expect(try load(v, .v128Load16x4S, at: 0).vector?.i32Lanes == [Int32(Int16(bitPattern: 0xFF80)), 0x0403, 0x0605, 0x0807])
        #expect(try load(v, .v128Load16x4U, at: 0).vector?.u32Lanes == [0xFF80, 0x0403, 0x0605, 0x0807])
        #expect(try load(v, .v128Load32x2S, at: 0).vector?.i64Lanes == [Int64(Int32(bitPattern: 0x0403_FF80)), 0x0807_0605])
        #expect(try load(v, .v128Load32x2U, at: 1).vector?.i64Lanes == [0x0504_03FF, 0x0908_0706])
    }

    @Test(arguments: SIMDVariant.allCases)
    func splatAndZeroLoads(_ v: SIMDVariant) throws {
        #expect(try load(v, .v128Load8Splat, at: 1).vector?.u8Lanes == Array(repeating: 0xFF, count: 16))
        #expect(try load(v, .v128Load16Splat, at: 0).vector?.u16Lanes == Array(repeating: 0xFF80, count: 8))
        #expect(try load(v, .v128Load32Splat, Self.offset3, at: 0).vector?.u32Lanes == Array(repeating: 0x0706_0504, count: 4))
        #expect(try load(v, .v128Load64Splat, at: 56).vector?.i64Lanes == Array(repeating: 0x403F_3E3D_3C3B_3A39, count: 2))
        #expect(try load(v, .v128Load32Zero, at: 4).vector?.u32Lanes == [0x0807_0605, 0, 0, 0])
        #expect(try load(v, .v128Load64Zero, at: 8).vector?.i64Lanes == [0x100F_0E0D_0C0B_0A09, 0])
    }

    @Test(arguments: SIMDVariant.allCases)
    func accessesAreBoundsCheckedIncludingOffsetAndSize(_ v: SIMDVariant) throws {
        #expect(try load(v, .v128Load, at: 48).vector != nil)
        #expect(try load(v, .v128Load, at: 49) == .trap(.memoryOutOfBounds))
        #expect(try load(v, .v128Load, Self.offset3, at: 45).vector != nil)
        #expect(try load(v, .v128Load, Self.offset3, at: 46) == .trap(.memoryOutOfBounds))
        #expect(try load(v, .v128Load, at: 0xFFFF_FFFF) == .trap(.memoryOutOfBounds))
        #expect(try load(v, .v128Load8Splat, at: 63).vector != nil)
        #expect(try load(v, .v128Load8Splat, at: 64) == .trap(.memoryOutOfBounds))
        #expect(try load(v, .v128Load64Zero, at: 57) == .trap(.memoryOutOfBounds))
        var memory = Self.pattern()
        let store = try run(v, .simdLoad(.v128Store, Self.plain), [.scalar(49), .zero], memory: &memory)
        #expect(store == .trap(.memoryOutOfBounds))
        #expect(memory == Self.pattern(), "a trapping store must not write")
        let lane = try run(v, .simdLoadLane(.v128Store64Lane, Self.offset1, lane: 1), [.scalar(56), .zero], memory: &memory)
        #expect(lane == .trap(.memoryOutOfBounds))
    }

    @Test(arguments: SIMDVariant.allCases)
    func storesWriteLittleEndianBytes(_ v: SIMDVariant) throws {
        var memory = [UInt8](repeating: 0, count: 64)
        let value = V128(bytes: Array(200...215))
        _ = try run(v, .simdLoad(.v128Store, Self.offset3), [.scalar(5), value], memory: &memory)
        #expect(Array(memory[8..<24]) == Array(200...215))
        #expect(memory[7] == 0 && memory[24] == 0)
    }

    @Test(arguments: SIMDVariant.allCases)
    func laneLoadsAndStoresTouchOneLane(_ v: SIMDVariant) throws {
        var memory = Self.pattern()
        let base = V128.u8(9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9)
        let loaded8 = try run(v, .simdLoadLane(.v128Load8Lane, Self.offset1, lane: 15), [.scalar(0), base], memory: &memory)
        #expect(loaded8.vector?.u8Lanes == Array(repeating: 9, count: 15) + [0xFF])
        let loaded32 = try run(v, .simdLoadLane(.v128Load32Lane, Self.offset1, lane: 3), [.scalar(1), .zero], memory: &memory)
        #expect(loaded32.vector?.u32Lanes == [0, 0, 0, 0x0605_0403])
        let loaded64 = try run(v, .simdLoadLane(.v128Load64Lane, Self.offset1, lane: 0), [.scalar(55), base], memory: &memory)
        #expect(loaded64.vector?.i64Lanes == [0x403F_3E3D_3C3B_3A39, 0x0909_0909_0909_0909])

        var target = [UInt8](repeating: 0, count: 64)
        let source = V128.u16(0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666, 0x7777, 0xABCD)
        _ = try run(v, .simdLoadLane(.v128Store16Lane, Self.offset1, lane: 7), [.scalar(9), source], memory: &target)
        #expect(target[10] == 0xCD && target[11] == 0xAB)
        #expect(target.enumerated().allSatisfy { $0.offset == 10 || $0.offset == 11 || $0.element == 0 })
        _ = try run(v, .simdLoadLane(.v128Store8Lane, Self.offset1, lane: 0), [.scalar(62), source], memory: &target)
        #expect(target[63] == 0x11)
    }
}
