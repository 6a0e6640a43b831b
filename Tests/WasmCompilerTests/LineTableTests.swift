import Testing
import WasmFrontend
@testable import WasmCompiler

/// The `.debug_line` reader behind trap backtrace details.
struct LineTableTests {
    /// `i32.div_s` at a known offset; `f` is escaping so the JIT resolves it.
    static let text = "(module (func (export \"f\") (param i32) (result i32) (i32.div_s (i32.const 7) (local.get 0))))"

    static func divideOffset(_ wasm: WasmModule) throws -> Int? {
        var reader = InstructionReader(bytes: wasm.bytes, range: wasm.bodies[0].code)
        while true {
            let offset = reader.offset
            guard let instruction = try reader.next() else { return nil }
            if instruction == .numeric(.i32DivS) { return offset }
        }
    }

    /// Section-relative rows of an object's `.debug_line`, relocations applied.
    static func rows(_ object: [UInt8]) -> [DWARFLineProgram.Row] {
        guard let elf = ELFObject(object), let section = elf.sectionIndex(named: ".debug_line") else { return [] }
        let symbols = elf.symbols()
        let relocations = elf.relocations(for: section)
        let contents = elf.contents(of: section)
        return DWARFLineProgram.rows(contents) { operand, _ in
            guard let relocation = relocations[UInt64(operand - contents.startIndex)],
                  symbols.indices.contains(relocation.symbol) else { return nil }
            let symbol = symbols[relocation.symbol]
            return DWARFLineProgram.Address(section: symbol.section, offset: symbol.value &+ UInt64(bitPattern: relocation.addend))
        }
    }

    @Test(arguments: [OptimizationLevel.o0, .o2])
    func detailsPutEveryOperatorOffsetInTheLineTable(level: OptimizationLevel) throws {
        let wasm = try WasmModule.parse(text: Self.text)
        let compiled = try ModuleCompiler.compile(wasm, options: CompilerOptions(optimization: level, verifyIR: true,
                                                                                backtraceDetails: true))
        let divide = try #require(try Self.divideOffset(wasm))
        let lines = Self.rows(compiled.objectBytes).map { Int($0.line) }
        #expect(lines.contains(divide))
        #expect(lines.allSatisfy { $0 == 0 || wasm.bodies[0].code.contains($0) })
        let jit = try JITSession()
        let loaded = try jit.load(object: compiled.objectBytes, name: "lines", symbols: compiled.requiredSymbols)
        #expect(!loaded.lines.isEmpty)
        #expect(loaded.lines.wasmOffset(at: 0) == nil)
    }

    @Test func withoutDetailsThereIsNoLineTable() throws {
        let wasm = try WasmModule.parse(text: Self.text)
        let compiled = try ModuleCompiler.compile(wasm, options: CompilerOptions(optimization: .o0))
        #expect(Self.rows(compiled.objectBytes).isEmpty)
        #expect(LineTable.build(object: compiled.objectBytes, addresses: ["wasm_f0": 0x1000]).isEmpty)
    }

    /// Truncated or corrupted objects give fewer rows, never a crash.
    @Test func damagedObjectsAreHarmless() throws {
        let wasm = try WasmModule.parse(text: Self.text)
        let object = try ModuleCompiler.compile(wasm, options: CompilerOptions(optimization: .o0, backtraceDetails: true))
            .objectBytes
        let addresses = ["wasm_f0": UInt64(0x10000)]
        for length in stride(from: 0, to: object.count, by: max(1, object.count / 97)) {
            _ = LineTable.build(object: Array(object.prefix(length)), addresses: addresses)
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var damaged = object
            for _ in 0..<8 { damaged[Int.random(in: 0..<damaged.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator) }
            _ = LineTable.build(object: damaged, addresses: addresses)
        }
        #expect(ELFObject([0x7F, 0x45, 0x4C, 0x46]) == nil)
    }
}
