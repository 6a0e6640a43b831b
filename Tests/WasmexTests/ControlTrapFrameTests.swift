import Testing
import Wasmex

/// A text module whose `env.host` import fails in several ways, for trap frames.
enum TrapFrameFixture {
    /// `entry(mode)` → `middle` → `boom`: mode 0 hits `unreachable` in `boom`;
    /// otherwise `boom` calls the host with `mode`. `leaf` traps at once.
    /// Function indices: 0 the import, 1 boom, 2 middle, 3 entry, 4 leaf.
    static let wat = """
        (module
          (import "env" "host" (func $host (param i32) (result i32)))
          (func $boom (param $mode i32) (result i32)
            (if (i32.eqz (local.get $mode)) (then unreachable))
            (call $host (local.get $mode)))
          (func $middle (param $mode i32) (result i32)
            (i32.add (call $boom (local.get $mode)) (i32.const 1)))
          (func $entry (export "entry") (param $mode i32) (result i32)
            (i32.mul (call $middle (local.get $mode)) (i32.const 2)))
          (func $leaf (export "leaf") unreachable))
        """

    /// The frames of `entry` down to `boom`, innermost first.
    static let entryFrames = [
        WasmFrame(functionIndex: 1, name: "boom"),
        WasmFrame(functionIndex: 2, name: "middle"),
        WasmFrame(functionIndex: 3, name: "entry"),
    ]

    struct Boom: Error, Equatable {}

    /// Traps seen inside the host function (written and read on the calling thread).
    final class TrapLog: @unchecked Sendable {
        var traps: [Trap] = []
    }

    /// Unoptimised, so no call is inlined and every frame is there.
    static let engine: Engine = {
        do {
            return try Engine(Engine.Configuration(optimization: .o0))
        } catch {
            fatalError("cannot create the trap-frame test engine: \(error)")
        }
    }()

    /// What the host import does for `mode`: 1 throws ``Boom``; 2 calls
    /// `leaf` (which traps), hands the inner trap to `inner`, and lets it
    /// through; 3 returns the wrong results; anything else returns `mode`.
    static func host(inner: @escaping @Sendable (Trap) -> Void = { _ in }) -> HostImports {
        ["env": ["host": HostFunction(parameters: [.i32], results: [.i32]) { caller, arguments in
            switch arguments.first {
            case .i32(1)?: throw Boom()
            case .i32(2)?:
                do {
                    _ = try caller.call("leaf")
                } catch WasmexError.trap(let trap) {
                    inner(trap)
                    throw WasmexError.trap(trap)
                }
                return [.i32(0)]
            case .i32(3)?: return []
            default: return arguments
            }
        }]]
    }

    static func instance(inner: @escaping @Sendable (Trap) -> Void = { _ in }) throws -> Instance {
        let store = Store(engine: engine)
        return try Instance(store: store, bytes: Array(wat.utf8), imports: Imports(store: store, host(inner: inner)))
    }

    /// The trap `body` throws, or nil (recording an issue).
    static func trap(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) -> Trap? {
        do {
            try body()
            Issue.record("expected a trap", sourceLocation: sourceLocation)
        } catch WasmexError.trap(let trap) {
            return trap
        } catch {
            Issue.record("expected a trap, got \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }
}

/// Frames travel with the trap error: text modules, host errors, re-entrant
/// calls, the actor, interruption, fuel and stack exhaustion.
struct ControlTrapFrameTests {
    @Test func textModuleTrapHasNamedFrames() throws {
        let instance = try TrapFrameFixture.instance()
        #expect(try instance.call("entry", [.i32(5)]) == [.i32(12)])
        let trap = try #require(TrapFrameFixture.trap { _ = try instance.call("entry", [.i32(0)]) })
        #expect(trap.code == .unreachable)
        #expect(trap.cause == nil)
        #expect(trap.frames == TrapFrameFixture.entryFrames)
    }

    @Test func hostErrorTrapCarriesTheCallingFramesAndTheError() throws {
        let instance = try TrapFrameFixture.instance()
        let trap = try #require(TrapFrameFixture.trap { _ = try instance.call("entry", [.i32(1)]) })
        #expect(trap.code == .hostError)
        #expect(trap.cause as? TrapFrameFixture.Boom == TrapFrameFixture.Boom())
        #expect(trap.frames == TrapFrameFixture.entryFrames)
        #expect(trap.message == "host function error: Boom()")
        #expect(WasmexError.trap(trap).hostError is TrapFrameFixture.Boom)
        guard case .trap(.hostError) = WasmexError.trap(trap) else {
            Issue.record("a trap code does not match its trap")
            return
        }
        #expect(try instance.call("entry", [.i32(4)]) == [.i32(10)])
    }

    @Test func wrongHostResultsTrapWithTheMismatch() throws {
        let instance = try TrapFrameFixture.instance()
        let trap = try #require(TrapFrameFixture.trap { _ = try instance.call("entry", [.i32(3)]) })
        #expect(trap.code == .hostError)
        guard case .hostResultMismatch? = trap.cause as? WasmexError else {
            Issue.record("expected a result mismatch, got \(String(describing: trap.cause))")
            return
        }
        #expect(trap.frames == TrapFrameFixture.entryFrames)
    }

    /// host → Wasm → trap: the inner call's error has the inner frames only;
    /// let through, the outer error lists the whole Wasm stack.
    @Test func reentrantTrapHasItsOwnFrames() throws {
        let innerTraps = TrapFrameFixture.TrapLog()
        let instance = try TrapFrameFixture.instance { innerTraps.traps.append($0) }
        let outer = try #require(TrapFrameFixture.trap { _ = try instance.call("entry", [.i32(2)]) })
        let leaf = WasmFrame(functionIndex: 4, name: "leaf")
        #expect(innerTraps.traps == [Trap(.unreachable, frames: [leaf])])
        #expect(outer.code == .unreachable)
        #expect(outer.frames == [leaf] + TrapFrameFixture.entryFrames)
    }

    @Test func framesComeThroughTheActor() async throws {
        let instance = try await WasmexInstance(bytes: Array(TrapFrameFixture.wat.utf8), engine: TrapFrameFixture.engine,
                                                imports: TrapFrameFixture.host())
        for mode: Int32 in [0, 1] {
            do {
                _ = try await instance.call("entry", [.i32(mode)])
                Issue.record("entry(\(mode)) returned")
            } catch WasmexError.trap(let trap) {
                #expect(trap.code == (mode == 0 ? .unreachable : .hostError))
                #expect(trap.frames == TrapFrameFixture.entryFrames)
            }
        }
        #expect(try await instance.call("entry", [.i32(4)]) == [.i32(10)])
    }

    @Test func interruptedTrapHasFrames() throws {
        let instance = try ControlFixture.instance(engine: TrapFrameFixture.engine)
        let trap = try #require(TrapFrameFixture.trap { _ = try instance.call("spin", [], timeout: .milliseconds(50)) })
        #expect(trap.code == .interrupted)
        #expect(trap.frames.map(\.functionIndex) == [2])
    }

    @Test func outOfFuelTrapHasFrames() throws {
        let instance = try ControlFixture.instance(engine: ControlFixture.fuelEngine)
        try instance.store.setFuel(20)
        let trap = try #require(TrapFrameFixture.trap { _ = try instance.call("count", [.i32(1_000)]) })
        #expect(trap.code == .outOfFuel)
        #expect(trap.frames.map(\.functionIndex) == [1])
    }

    @Test func stackExhaustionKeepsTheInnermostFrames() throws {
        let instance = try ControlFixture.instance(engine: ControlFixture.smallStackEngine)
        let trap = try #require(TrapFrameFixture.trap { _ = try instance.call("recurse", [.i32(1_000_000)]) })
        #expect(trap.code == .callStackExhausted)
        #expect(!trap.frames.isEmpty)
        #expect(trap.frames.allSatisfy { $0 == WasmFrame(functionIndex: 3, name: "recurse") })
    }

    /// Traps raised outside generated code have no frames.
    @Test func instantiationTrapHasNoFrames() throws {
        let store = Store(engine: TrapFrameFixture.engine)
        let wat = "(module (memory 1) (data (i32.const 65535) \"ab\"))"
        let trap = try #require(TrapFrameFixture.trap { _ = try Instance(store: store, bytes: Array(wat.utf8)) })
        #expect(trap.code == .memoryOutOfBounds)
        #expect(trap.frames.isEmpty)
    }
}
