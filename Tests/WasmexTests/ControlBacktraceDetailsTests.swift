import Testing
import WasmFrontend
import Wasmex

/// `backtraceDetails`: each frame names the byte offset (in the module bytes,
/// Wasmtime's `module_offset`) of its executing instruction.
struct ControlBacktraceDetailsTests {
    /// The offset of the first instruction of defined function `defined`
    /// (0-based among defined functions) for which `matches` holds, found by
    /// decoding the body.
    static func offset(in module: Module, defined: Int, where matches: (Instruction) -> Bool) throws -> Int? {
        var reader = InstructionReader(bytes: module.wasm.bytes, range: module.wasm.bodies[defined].code)
        while true {
            let offset = reader.offset
            guard let instruction = try reader.next() else { return nil }
            if matches(instruction) { return offset }
        }
    }

    static func engine(_ optimization: OptimizationLevel, details: Bool = true,
                       memory: MemoryStrategy = .hostDefault) throws -> Engine {
        try Engine(Engine.Configuration(optimization: optimization, memoryStrategy: memory, backtraceDetails: details))
    }

    /// `outer(0)` of ``ControlBacktraceTests/wasm`` on `module`: the trap.
    static func divideTrap(_ module: Module) throws -> Trap? {
        let instance = try Instance(store: Store(engine: module.engine), module: module, imports: Imports())
        return TrapFrameFixture.trap { _ = try instance.call("outer", [.i32(0)]) }
    }

    /// In the hand-checked binary: `i32.div_s` at 0x31 in `inner`, `call $inner`
    /// at 0x37 in `middle`, `call $middle` at 0x41 in `outer`.
    @Test func unoptimizedFramesNameTheTrapAndTheCalls() throws {
        let module = try Module(engine: Self.engine(.o0), bytes: ControlBacktraceTests.wasm)
        let divide = try Self.offset(in: module, defined: 1) { $0 == .numeric(.i32DivS) }
        let callInner = try Self.offset(in: module, defined: 2) { $0 == .call(1) }
        let callMiddle = try Self.offset(in: module, defined: 3) { $0 == .call(2) }
        #expect([divide, callInner, callMiddle] == [0x31, 0x37, 0x41])
        let trap = try #require(try Self.divideTrap(module))
        #expect(trap.frames == [
            WasmFrame(functionIndex: 1, name: "inner", codeOffset: 0x31),
            WasmFrame(functionIndex: 2, name: "middle", codeOffset: 0x37),
            WasmFrame(functionIndex: 3, name: "outer", codeOffset: 0x41),
        ])
        #expect(trap.description.contains("wasm backtrace:\n    0: 0x31 - func 1 (inner)\n    1: 0x37 - func 2 (middle)"))
    }

    @Test func withoutDetailsThereAreNoOffsets() throws {
        let module = try Module(engine: Self.engine(.o0, details: false), bytes: ControlBacktraceTests.wasm)
        let trap = try #require(try Self.divideTrap(module))
        #expect(trap.frames.map(\.functionIndex) == [1, 2, 3])
        #expect(trap.frames.allSatisfy { $0.codeOffset == nil })
    }

    /// Optimised and inlined, the innermost frame still names `i32.div_s`.
    @Test func optimizedInnermostFrameNamesTheTrappingInstruction() throws {
        let module = try Module(engine: Self.engine(.o2), bytes: ControlBacktraceTests.wasm)
        let trap = try #require(try Self.divideTrap(module))
        #expect(trap.frames.first?.codeOffset == 0x31)
        #expect(trap.frames.last?.functionIndex == 3)
        #expect(trap.frames.allSatisfy { $0.codeOffset != nil })
    }

    /// An AOT object compiled with details gives the same offsets once loaded.
    @Test func serializedModuleKeepsTheOffsets() throws {
        let engine = try Self.engine(.o1)
        let compiled = try Module(engine: engine, bytes: ControlBacktraceTests.wasm)
        let expected = try #require(try Self.divideTrap(compiled)).frames
        #expect(expected.first?.codeOffset == 0x31)
        let loaded = try Module.deserialize(engine: engine, bytes: try compiled.serialize())
        #expect(try Self.divideTrap(loaded)?.frames == expected)
    }

    /// A host-error trap: the calling frame names its `call $host`.
    @Test func hostErrorFramesNameTheCalls() throws {
        let engine = try Self.engine(.o0)
        let module = try Module(engine: engine, text: TrapFrameFixture.wat)
        let store = Store(engine: engine)
        let instance = try Instance(store: store, module: module, imports: Imports(store: store, TrapFrameFixture.host()))
        let callHost = try Self.offset(in: module, defined: 0) { $0 == .call(0) }
        let callBoom = try Self.offset(in: module, defined: 1) { $0 == .call(1) }
        let callMiddle = try Self.offset(in: module, defined: 2) { $0 == .call(2) }
        let unreachable = try Self.offset(in: module, defined: 0) { $0 == .unreachable }
        let hostTrap = try #require(TrapFrameFixture.trap { _ = try instance.call("entry", [.i32(1)]) })
        #expect(hostTrap.code == .hostError)
        #expect(hostTrap.frames.map(\.codeOffset) == [callHost, callBoom, callMiddle])
        let plainTrap = try #require(TrapFrameFixture.trap { _ = try instance.call("entry", [.i32(0)]) })
        #expect(plainTrap.frames.map(\.codeOffset) == [unreachable, callBoom, callMiddle])
        #expect(unreachable != nil && callHost != nil)
    }

    /// Guard-page memories trap from a signal: the innermost frame is the
    /// faulting load itself (not a return address).
    @Test(arguments: MemoryStrategy.allCases)
    func outOfBoundsLoadNamesTheLoad(memory: MemoryStrategy) throws {
        let engine = try Self.engine(.o0, memory: memory)
        let wat = """
            (module (memory 1)
              (func $peek (param i32) (result i32) (i32.load (local.get 0)))
              (func (export "run") (param i32) (result i32) (call $peek (local.get 0))))
            """
        let module = try Module(engine: engine, text: wat)
        let load = try Self.offset(in: module, defined: 0) {
            if case .load = $0 { return true }
            return false
        }
        let call = try Self.offset(in: module, defined: 1) { $0 == .call(0) }
        let instance = try Instance(store: Store(engine: engine), module: module, imports: Imports())
        let trap = try #require(TrapFrameFixture.trap { _ = try instance.call("run", [.i32(70_000)]) })
        #expect(trap.code == .memoryOutOfBounds)
        #expect(trap.frames.map(\.codeOffset) == [load, call])
    }
}
