import Testing
import Wasmex

/// `Value` is `Sendable`: results leave task groups, references included.
struct ParitySendableTests {
    /// Compiles only for `Sendable` types.
    private func sendable<T: Sendable>(_: T.Type) -> Bool { true }

    static let wat = #"""
        (module
          (func $sum (export "sum") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
          (func (export "mixed") (param i32) (result i64 f64 v128 externref)
            (i64.extend_i32_s (local.get 0))
            (f64.convert_i32_s (local.get 0))
            (i32x4.splat (local.get 0))
            (ref.null extern))
          (func (export "echo") (param externref) (result externref) (local.get 0))
          (func (export "sum_ref") (result funcref) (ref.func $sum)))
        """#

    @Test func valueAndReferencesAreSendable() {
        #expect(sendable(Value.self))
        #expect(sendable([Value].self))
        #expect(sendable(Function.self))
        #expect(sendable(ExternRef.self))
    }

    @Test func taskGroupReturnsValuesFromConcurrentActorCalls() async throws {
        let instances = try await [
            WasmexInstance(bytes: Array(Self.wat.utf8), engine: APIFixture.engine),
            WasmexInstance(bytes: Array(Self.wat.utf8), engine: APIFixture.engine),
        ]
        let results = try await withThrowingTaskGroup(of: (Int32, [Value]).self) { group in
            for i in Int32(0)..<24 {
                let instance = instances[Int(i) % instances.count]
                group.addTask { (i, try await instance.call("sum", [.i32(i), .i32(i * 100)])) }
            }
            var collected: [Int32: [Value]] = [:]
            for try await (i, values) in group { collected[i] = values }
            return collected
        }
        #expect(results.count == 24)
        for i in Int32(0)..<24 { #expect(results[i] == [.i32(i * 101)]) }
    }

    @Test func taskGroupOfValueArrays() async throws {
        let instance = try await WasmexInstance(bytes: Array(Self.wat.utf8), engine: APIFixture.engine)
        let all = try await withThrowingTaskGroup(of: [Value].self) { group in
            for i in Int32(1)...8 { group.addTask { try await instance.call("mixed", [.i32(i)]) } }
            var all: [[Value]] = []
            for try await values in group { all.append(values) }
            return all
        }
        let expected = (Int32(1)...8).map { i -> [Value] in
            [.i64(Int64(i)), .f64(Double(i)), .v128(Self.splat(i)), .externRef(nil)]
        }
        #expect(Set(all.map(\.description)) == Set(expected.map(\.description)))
        #expect(all.count == 8)
        for values in all { #expect(expected.contains(values)) }
    }

    @Test func externAndFunctionReferencesLeaveTheirTasks() async throws {
        let engine = APIFixture.engine
        let results = try await withThrowingTaskGroup(of: [Value].self) { group in
            for id in UInt64(1)...4 {
                group.addTask {
                    // The store lives in this task; its handles leave with the result.
                    let instance = try Instance(store: Store(engine: engine), bytes: Array(Self.wat.utf8))
                    let echoed = try instance.call("echo", [.externRef(ExternRef(id: id))])
                    return echoed + (try instance.call("sum_ref"))
                }
            }
            var results: [[Value]] = []
            for try await values in group { results.append(values) }
            return results
        }
        #expect(results.count == 4)
        let ids = results.compactMap { values -> UInt64? in
            guard case .externRef(let reference?)? = values.first else { return nil }
            return reference.id
        }
        #expect(ids.sorted() == [1, 2, 3, 4])
        for values in results {
            guard case .funcRef(let function?)? = values.last else {
                Issue.record("no function reference in \(values)")
                continue
            }
            // The task that used the store has ended: this thread is now its only user.
            #expect(function.type == FunctionType(parameters: [.i32, .i32], results: [.i32]))
            #expect(try function.call([.i32(40), .i32(2)]) == [.i32(42)])
        }
    }

    private static func splat(_ value: Int32) -> V128 {
        var bytes: [UInt8] = []
        for _ in 0..<4 { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        return V128(bytes: bytes)
    }
}
