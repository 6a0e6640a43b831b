import Testing
@testable import WasmFrontend

private func rejection(_ bytes: [UInt8], features: WasmFeatures = .default) -> WasmError? {
    do {
        _ = try WasmModule.parse(bytes, features: features)
        return nil
    } catch {
        return error
    }
}

@Test func truncatedAndForeignInputs() {
    #expect(rejection([])?.message == "unexpected end")
    #expect(rejection([0x00, 0x61, 0x73])?.message == "unexpected end")
    #expect(rejection([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00])?.message == "magic header not detected")
    #expect(rejection(ModuleBytes.header.prefix(4) + [0x02, 0x00, 0x00, 0x00])?.message == "unknown binary version")
}

@Test func hugeCountsFailFastWithoutAllocating() {
    // Type section claiming 2^32-1 entries with no bytes behind them.
    let types = ModuleBytes.header + ModuleBytes.section(1, [0xFF, 0xFF, 0xFF, 0xFF, 0x0F])
    #expect(rejection(types)?.message.contains("unexpected end") == true)
    // br_table with 2^32-1 targets.
    let brTable = ModuleBytes.function(code: [0x41, 0x00, 0x0E, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x0B])
    #expect(rejection(brTable)?.message.contains("unexpected end") == true)
    // Data segment claiming 4 GiB.
    let data = ModuleBytes.header + ModuleBytes.section(11, [0x01, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F])
    #expect(rejection(data)?.message.contains("unexpected end") == true)
}

@Test func localsAreCapped() {
    let tooMany = ModuleBytes.function(locals: [ModuleBytes.uleb(50_001) + [0x7F]], code: [0x0B])
    #expect(rejection(tooMany) == .malformed("too many locals", offset: 23))
    let split = ModuleBytes.function(locals: [ModuleBytes.uleb(30_000) + [0x7F], ModuleBytes.uleb(30_000) + [0x7E]],
                                     code: [0x0B])
    #expect(rejection(split)?.message == "too many locals")
    let ok = ModuleBytes.function(locals: [ModuleBytes.uleb(50_000) + [0x7F]], code: [0x0B])
    #expect(rejection(ok) == nil)
}

@Test func typeErrorsAreInvalid() throws {
    // (func (result i32) i64.const 0)
    let wrongResult = ModuleBytes.function(results: [0x7F], code: [0x42, 0x00, 0x0B])
    guard case .invalid(let message, let offset)? = rejection(wrongResult) else {
        Issue.record("expected an invalid module")
        return
    }
    #expect(message == "type mismatch")
    #expect(offset > 0)
    #expect(rejection(ModuleBytes.function(code: [0x20, 0x00, 0x1A, 0x0B]))?.message == "unknown local 0")
    #expect(rejection(ModuleBytes.function(code: [0x0C, 0x01, 0x0B]))?.message == "unknown label")
    #expect(rejection(ModuleBytes.function(code: [0x10, 0x05, 0x0B]))?.message == "unknown function 5")
    // Untyped select on references is invalid.
    let refSelect = ModuleBytes.function(code: [0xD0, 0x70, 0xD0, 0x70, 0x41, 0x01, 0x1B, 0x1A, 0x0B])
    #expect(rejection(refSelect)?.message == "type mismatch")
    // Unreachable code is stack-polymorphic.
    #expect(rejection(ModuleBytes.function(results: [0x7F], code: [0x00, 0x6A, 0x0B])) == nil)
}

@Test func moduleLevelRules() {
    let twoMemories = ModuleBytes.header + ModuleBytes.section(5, ModuleBytes.vector([[0x00, 0x01], [0x00, 0x01]]))
    #expect(rejection(twoMemories, features: .wasm2)?.message == "multiple memories")
    #expect(rejection(twoMemories) == nil)  // Wasm 3.0 multi-memory
    let bigMemory = ModuleBytes.header + ModuleBytes.section(5, ModuleBytes.vector([[0x00] + ModuleBytes.uleb(65_537)]))
    #expect(rejection(bigMemory)?.message == "memory size must be at most 65536 pages (4GiB)")
    let exports = ModuleBytes.section(7, ModuleBytes.vector([ModuleBytes.name("f") + [0x00, 0x00],
                                                             ModuleBytes.name("f") + [0x00, 0x00]]))
    #expect(rejection(ModuleBytes.function(code: [0x0B], extra: [exports]))?.message == "duplicate export name")
    // ref.func of a function not declared anywhere else.
    #expect(rejection(ModuleBytes.function(code: [0xD2, 0x00, 0x1A, 0x0B]))?.message == "undeclared function reference")
}

@Test func canonicallyEquivalentExportNamesAreDistinct() {
    // "é" precomposed (C3 A9) vs decomposed (65 CC 81): different byte strings, both allowed.
    let exports = ModuleBytes.section(7, ModuleBytes.vector([
        [0x02, 0xC3, 0xA9, 0x00, 0x00],
        [0x03, 0x65, 0xCC, 0x81, 0x00, 0x00],
    ]))
    #expect(rejection(ModuleBytes.function(code: [0x0B], extra: [exports])) == nil)
}

@Test func deepNestingDoesNotRecurse() {
    let depth = 200_000
    let blocks: [UInt8] = Array(repeating: [UInt8(0x02), 0x40], count: depth).flatMap { $0 }
    let code: [UInt8] = blocks + [UInt8](repeating: 0x0B, count: depth + 1)
    #expect(rejection(ModuleBytes.function(code: code)) == nil)
    // The same nesting left unclosed is an error, not a crash.
    let open: [UInt8] = blocks + [0x0B]
    #expect(rejection(ModuleBytes.function(code: open)) != nil)
}

@Test func everyPrefixOfAValidModuleIsRejectedCleanly() throws {
    let exports = ModuleBytes.section(7, ModuleBytes.vector([ModuleBytes.name("add") + [0x00, 0x00]]))
    let module = ModuleBytes.function(params: [0x7F, 0x7F], results: [0x7F],
                                      code: [0x20, 0x00, 0x20, 0x01, 0x6A, 0x0B], extra: [exports])
    _ = try WasmModule.parse(module)
    for length in 0..<module.count {
        let prefix = Array(module.prefix(length))
        // Cutting exactly at a section boundary leaves a well-formed (but incomplete) module.
        if let error = rejection(prefix) {
            #expect(!error.message.isEmpty)
        }
    }
}

@Test func randomBytesNeverCrash() {
    var rng = SplitMix64(seed: 0x5EED)
    var rejected = 0
    for _ in 0..<3_000 {
        let length = Int(rng.next() % 96)
        var bytes = ModuleBytes.header
        for _ in 0..<length { bytes.append(UInt8(truncatingIfNeeded: rng.next())) }
        if rejection(bytes) != nil { rejected += 1 }
    }
    #expect(rejected > 2_500)
}

@Test func mutatedValidModulesNeverCrash() {
    let module = ModuleBytes.function(params: [0x7F], results: [0x7F],
                                      code: [0x02, 0x7F, 0x20, 0x00, 0x41, 0x01, 0x6A, 0x0B, 0x0B])
    var rng = SplitMix64(seed: 42)
    for _ in 0..<5_000 {
        var bytes = module
        for _ in 0..<Int(1 + rng.next() % 3) {
            let at = Int(rng.next() % UInt64(bytes.count))
            bytes[at] = UInt8(truncatingIfNeeded: rng.next())
        }
        _ = rejection(bytes)
    }
}

/// A small deterministic generator for reproducible fuzzing.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
