import Foundation
import Testing
import Wasmex

/// The process-wide cap on guard-page reservations. The cap is process-wide,
/// so the test runs in a child process (lowering it here would fail tests
/// running in parallel).
struct GuardReservationTests {
    @Test func theCapRefusesNewGuardedMemoriesWithAClearError() async {
        await #expect(processExitsWith: .success) {
            let engine = try Engine(Engine.Configuration(memoryStrategy: .guardPages))
            let module = try Module(engine: engine, text: "(module (memory (export \"memory\") 1))")
            func instantiate() throws(WasmexError) -> Store {
                let store = Store(engine: engine)
                _ = try Instance(store: store, module: module, imports: Imports())
                return store
            }
            let perMemory = GuardReservations.bytesPerMemory
            guard perMemory >= 8 << 30 else { exit(10) }
            GuardReservations.cap = GuardReservations.reservedBytes + 2 * perMemory
            var first: Store? = try instantiate()
            let second = try instantiate()
            guard GuardReservations.reservedBytes >= 2 * perMemory else { exit(11) }
            do {
                _ = try instantiate()
                exit(12)
            } catch WasmexError.resourceExhausted(let message) {
                guard message.contains("GuardReservations.cap"), message.contains("16 GiB") else {
                    print("unexpected message: \(message)")
                    exit(13)
                }
            } catch {
                exit(14)
            }
            // Dropping a memory gives its reservation back.
            first = nil
            _ = try instantiate()
            // Memories with explicit checks do not count.
            let explicit = try Engine(Engine.Configuration(memoryStrategy: .explicitChecks))
            let store = Store(engine: explicit)
            _ = try Instance(store: store, module: try Module(engine: explicit, text: "(module (memory 1))"), imports: Imports())
            withExtendedLifetime((first, second, store)) {}
            exit(0)
        }
    }
}
