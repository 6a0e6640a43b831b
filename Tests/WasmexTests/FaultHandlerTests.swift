import Foundation
import Testing
import Wasmex

#if os(Linux)
import Glibc
#endif

/// The fault handler turns only faults of generated code in a guard region
/// into Wasm traps, and stays installed when it forwards a signal. Each case
/// runs in a child process (a Swift Testing exit test): the point of some of
/// them is that the process dies from the signal.
struct FaultHandlerTests {
    /// A host function that writes into its caller's guard region (one page past
    /// the end of its guard-page memory) while Wasm calls it must crash the
    /// process with SIGSEGV: host code is not Wasm, and reporting its fault as
    /// an out-of-bounds trap would unwind through Swift frames.
    @Test func aHostFaultInAGuardRegionIsNotATrap() async {
        await #expect(processExitsWith: .signal(SIGSEGV)) {
            let engine = try Engine(Engine.Configuration(memoryStrategy: .guardPages))
            let store = Store(engine: engine)
            let module = try Module(engine: engine, text: """
                (module (import "env" "poke" (func $poke)) (memory (export "memory") 1)
                  (func (export "run") (call $poke)))
                """)
            var imports = Imports()
            imports.define(module: "env", name: "poke", .function(try Function(store: store, type: FunctionType()) { caller, _ in
                caller.memory?.withUnsafeMutableBytes { buffer in
                    guard let base = buffer.baseAddress else { return }
                    // Inside the 8 GiB reservation, past the accessible pages.
                    (base + buffer.count + 4096).storeBytes(of: 0x5A, as: UInt8.self)
                }
                return []
            }))
            let instance = try Instance(store: store, module: module, imports: imports)
            // Reaching the next line means the fault was swallowed or became a trap.
            _ = try? instance.call("run")
            exit(3)
        }
    }

    /// A SIGSEGV sent to the process (not a fault) while SIGSEGV is ignored is
    /// dropped, and the handler is still there for the next Wasm fault. Before,
    /// forwarding reinstated the default action and the next out-of-bounds
    /// access killed the process.
    @Test func theHandlerStaysInstalledAfterForwardingASignal() async {
        await #expect(processExitsWith: .success) {
            signal(SIGSEGV, SIG_IGN)
            let engine = try Engine(Engine.Configuration(memoryStrategy: .guardPages))
            let store = Store(engine: engine)
            // Creating the guarded memory installs the handler over SIG_IGN.
            let module = try Module(engine: engine, text: """
                (module (memory 1) (func (export "load") (param i32) (result i32) (i32.load (local.get 0))))
                """)
            let instance = try Instance(store: store, module: module, imports: Imports())
            for _ in 0..<3 {
                raise(SIGSEGV)
                do {
                    _ = try instance.call("load", [.i32(0x10000)])
                    exit(4)
                } catch WasmexError.trap(let trap) where trap.code == .memoryOutOfBounds {
                    continue
                } catch {
                    exit(5)
                }
            }
            exit(0)
        }
    }

    /// A fault of generated code outside any guard region (a null host
    /// pointer is not reachable from Wasm, so use a wild host read) stays a
    /// crash; and a Wasm out-of-bounds access in the same process still traps
    /// first, so the handler knows the generated code.
    @Test func wasmFaultsTrapAndOtherFaultsCrash() async {
        await #expect(processExitsWith: .signal(SIGSEGV)) {
            let engine = try Engine(Engine.Configuration(memoryStrategy: .guardPages))
            let store = Store(engine: engine)
            let module = try Module(engine: engine, text: """
                (module (import "env" "wild" (func $wild)) (memory 1)
                  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
                  (func (export "wild") (call $wild)))
                """)
            var imports = Imports()
            imports.define(module: "env", name: "wild", .function(try Function(store: store, type: FunctionType()) { _, _ in
                let wild = UnsafeMutablePointer<UInt8>(bitPattern: 0x10)
                wild?.pointee = 1
                return []
            }))
            let instance = try Instance(store: store, module: module, imports: imports)
            do {
                _ = try instance.call("load", [.i32(0x10000)])
                exit(4)
            } catch WasmexError.trap(let trap) where trap.code == .memoryOutOfBounds {
                // expected: now crash from host code
            }
            _ = try? instance.call("wild")
            exit(3)
        }
    }
}
