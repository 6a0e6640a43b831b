import Foundation
import Testing
import Wasmex

/// The compiler tells LLVM the range a memory's length lies in (declared
/// minimum to maximum), so checks of accesses below the minimum fold away.
/// Accesses at and past the length must still trap exactly, and accesses
/// made valid by `memory.grow`, or by an imported memory bigger than its
/// import declares, must not.
@Suite struct MemoryLengthRangeTests {
    static let wat = """
        (module
          (memory (export "mem") 1 3)
          (func (export "lastWord") (result i32) (i32.load (i32.const 65532)))
          (func (export "pastEnd") (result i32) (i32.load (i32.const 65536)))
          (func (export "thirdPage") (result i32) (i32.load (i32.const 131072)))
          (func (export "at") (param i32) (result i32) (i32.load (local.get 0)))
          (func (export "grow") (result i32) (memory.grow (i32.const 1)))
          (func (export "size") (result i32) (memory.size)))
        """

    /// Eager O0 and O2, tiered with every function optimised on its first
    /// call, and AOT: each folds (or keeps) the checks on its own.
    static func engines() throws -> [(String, Engine)] {
        var hot = Engine.Configuration()
        hot.hotnessThreshold = 1
        hot.compilesHotFunctionsInline = true
        return [("eager O0", try Engine(Engine.Configuration(optimization: .o0, compilation: .eager))),
                ("eager O2", try Engine(Engine.Configuration(optimization: .o2, compilation: .eager))),
                ("hot at once", try Engine(hot))]
    }

    static func expectOutOfBounds(_ instance: Instance, _ name: String, _ arguments: [Value] = [], _ label: String) {
        do {
            let results = try instance.call(name, arguments)
            Issue.record("\(name) returned \(results) (\(label))")
        } catch {
            #expect(error.trap?.code == .memoryOutOfBounds, "\(name): \(error) (\(label))")
        }
    }

    @Test func accessesPastTheLengthTrapAndGrowthMakesThemValid() throws {
        for (label, engine) in try Self.engines() {
            for aot in [false, true] {
                var module = try Module(engine: engine, text: Self.wat)
                if aot { module = try Module.deserialize(engine: engine, bytes: module.serialize()) }
                let tag = "\(label)\(aot ? ", AOT" : "")"
                let instance = try Instance(store: Store(engine: engine), module: module)
                #expect(try instance.call("lastWord") == [.i32(0)], "\(tag)")
                Self.expectOutOfBounds(instance, "pastEnd", [], tag)
                Self.expectOutOfBounds(instance, "at", [.i32(65_533)], tag)
                #expect(try instance.call("grow") == [.i32(1)], "\(tag)")
                #expect(try instance.call("pastEnd") == [.i32(0)], "\(tag)")
                Self.expectOutOfBounds(instance, "thirdPage", [], tag)
                #expect(try instance.call("grow") == [.i32(2)], "\(tag)")
                #expect(try instance.call("thirdPage") == [.i32(0)], "\(tag)")
                #expect(try instance.call("grow") == [.i32(-1)], "\(tag): the maximum is 3 pages")
                #expect(try instance.call("size") == [.i32(3)], "\(tag)")
                Self.expectOutOfBounds(instance, "at", [.i32(196_605)], tag)
            }
        }
    }

    /// An imported memory may be bigger than the minimum its import declares.
    @Test func importedMemoriesMayBeBiggerThanDeclared() throws {
        let wat = """
            (module
              (import "env" "mem" (memory 1 4))
              (func (export "secondPage") (result i32) (i32.load (i32.const 65536)))
              (func (export "fifthPage") (result i32) (i32.load (i32.const 262144))))
            """
        for (label, engine) in try Self.engines() {
            let store = Store(engine: engine)
            let memory = try Memory(store: store, type: MemoryType(limits: Limits(min: 2, max: 4)))
            try memory.write([7, 0, 0, 0], at: 65_536)
            var imports = Imports()
            imports.define(module: "env", name: "mem", .memory(memory))
            let instance = try Instance(store: store, module: Module(engine: engine, text: wat), imports: imports)
            #expect(try instance.call("secondPage") == [.i32(7)], "\(label)")
            Self.expectOutOfBounds(instance, "fifthPage", [], label)
        }
    }

    /// A 64-bit memory: the same, with its own address arithmetic.
    @Test func sixtyFourBitMemories() throws {
        let wat = """
            (module
              (memory i64 1)
              (func (export "pastEnd") (result i32) (i32.load (i64.const 65536)))
              (func (export "grow") (result i64) (memory.grow (i64.const 1))))
            """
        for (label, engine) in try Self.engines() {
            let instance = try Instance(store: Store(engine: engine), module: Module(engine: engine, text: wat))
            Self.expectOutOfBounds(instance, "pastEnd", [], label)
            #expect(try instance.call("grow") == [.i64(1)], "\(label)")
            #expect(try instance.call("pastEnd") == [.i32(0)], "\(label)")
        }
    }
}
