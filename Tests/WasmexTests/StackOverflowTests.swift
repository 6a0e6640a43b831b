import Foundation
import Testing
import Wasmex

/// A function whose frame is far bigger than the prologue's estimate (10,240
/// v128 values live across its recursive call, spilled: over 160 KiB per
/// frame, with one local) recursing deeply. Without stack probes its frame
/// skipped the thread's guard page and the process died of SIGSEGV; now the
/// probes fault on the guard page, the handler runs on the alternate signal
/// stack, and the call traps "call stack exhausted". Each case runs in a child
/// process, so a regression shows as a crash of the child, not of the tests.
struct StackOverflowTests {
    /// `f(n)`: loads 10,240 v128 values, recurses with n - 1, adds them all.
    static let wat: String = {
        let count = 10_240
        var lines = ["(module (memory 3)", "(func $f (export \"f\") (param $n i32) (result v128)",
                     "local.get $n i32.eqz if (result v128) v128.const i64x2 0 0 else"]
        for k in 0..<count { lines.append("i32.const 0 v128.load offset=\(16 * k)") }
        lines.append("local.get $n i32.const 1 i32.sub call $f")
        lines += Array(repeating: "i64x2.add", count: count)
        lines.append("end))")
        return lines.joined(separator: "\n")
    }()

    /// Compiles the module at O0 (every value spilled, and fast to compile),
    /// calls `f(depth)` and exits 0 when it trapped "call stack exhausted".
    static func callAndExit(depth: Int32) -> Never {
        do {
            let engine = try Engine(Engine.Configuration(optimization: .o0))
            let store = Store(engine: engine)
            let instance = try Instance(store: store, module: try Module(engine: engine, text: wat), imports: Imports())
            _ = try instance.call("f", [.i32(depth)])
            exit(2)
        } catch WasmexError.trap(let trap) where trap.code == .callStackExhausted {
            exit(0)
        } catch {
            print("unexpected: \(error)")
            exit(3)
        }
    }

    @Test func hugeFramesTrapOnTheMainThread() async {
        await #expect(processExitsWith: .success) {
            StackOverflowTests.callAndExit(depth: 100_000)
        }
    }

    /// On a 128 KiB thread the very first frame (over 160 KiB) is larger than
    /// the whole stack: only the probes and the handler can catch it.
    @Test func hugeFramesTrapOnASmallThread() async {
        await #expect(processExitsWith: .success) {
            let thread = Thread { StackOverflowTests.callAndExit(depth: 1_000) }
            thread.stackSize = 128 * 1024
            thread.start()
            while true { sleep(1) }
        }
    }

    @Test func hugeFramesTrapOnAConcurrencyThread() async {
        await #expect(processExitsWith: .success) {
            let task = Task.detached { StackOverflowTests.callAndExit(depth: 100_000) }
            _ = await task.value
        }
    }

    #if arch(x86_64)
    /// The big frame is allocated page by page: `sub $0x1000, %rsp` then
    /// `movq $0, (%rsp)` (LLVM's inline probe loop), never in one jump.
    @Test func bigFramesAreProbedPageByPage() throws {
        let engine = try Engine(Engine.Configuration(optimization: .o0))
        let object = try Module.compileArtifact(engine: engine, validated: try WasmModule.parse(text: Self.wat))
        let probe: [UInt8] = [0x48, 0x81, 0xEC, 0x00, 0x10, 0x00, 0x00, 0x48, 0xC7, 0x04, 0x24, 0x00, 0x00, 0x00, 0x00]
        let found = object.indices.dropLast(probe.count).contains { start in
            object[start] == probe[0] && Array(object[start..<start + probe.count]) == probe
        }
        #expect(found, "no page-by-page stack probe in the generated code")
    }
    #endif
}
