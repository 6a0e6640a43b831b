import Foundation
import Testing
import Wasmex

/// Fixtures and helpers for the API tests.
enum APIFixture {
    /// One engine for all API tests (creating a JIT per test is slow).
    static let engine: Engine = {
        do {
            return try Engine()
        } catch {
            fatalError("cannot create the API test engine: \(error)")
        }
    }()

    /// The bytes of `Fixtures/wasmex/<name>`.
    static func bytes(_ name: String) throws -> [UInt8] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = root.appendingPathComponent("Fixtures/wasmex/\(name)")
        return [UInt8](try Data(contentsOf: url))
    }

    /// A new store and an instance of fixture `name`.
    static func instance(_ name: String, imports: (Store) throws -> Imports = { _ in Imports() }) throws -> Instance {
        let store = Store(engine: engine)
        return try Instance(store: store, bytes: bytes(name), imports: imports(store))
    }

    /// Whether `wat` compiles with the test engine (to enable tests of features still being built).
    static func compiles(_ wat: String) -> Bool {
        (try? Module(engine: engine, text: wat)) != nil
    }

    /// The `WasmexError` inside `error`, recording an issue when it is another error.
    static func wasmexError(_ error: any Error, sourceLocation: SourceLocation = #_sourceLocation) -> WasmexError? {
        guard let error = error as? WasmexError else {
            Issue.record("expected a WasmexError, got \(error)", sourceLocation: sourceLocation)
            return nil
        }
        return error
    }
}

/// Records arguments passed to a host function from any thread (an `IO.inspect` stand-in).
final class ArgumentRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [[Value]] = []

    func record(_ values: [Value]) {
        lock.lock()
        recorded.append(values)
        lock.unlock()
    }

    var values: [[Value]] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }
}
