import Foundation
import Testing
import Wasmex

/// WebAssembly GC through the public API: structs, arrays, `i31` values and
/// casts made by Wasm and held, read and passed back by the host
/// (`Fixtures/gc/objects.wat`).
@Suite struct GCTests {
    static func module() throws -> Module {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/gc/objects.wasm")
        return try Module(engine: APIFixture.engine, bytes: [UInt8](try Data(contentsOf: url)))
    }

    static func instance(limits: StoreLimits? = nil) throws -> Instance {
        let store = limits.map { Store(engine: APIFixture.engine, limits: $0) } ?? Store(engine: APIFixture.engine)
        return try Instance(store: store, module: module())
    }

    static func object(_ values: [Value]) throws -> AnyRef {
        guard values.count == 1, case .anyRef(let reference?) = values[0] else {
            throw WasmexError.invalidOperation("expected one non-null anyref, got \(values)")
        }
        return reference
    }

    /// The code of the trap `body` ends with (nil, and an issue, when it returns).
    static func trapCode(_ body: () throws -> Void) -> TrapCode? {
        do {
            try body()
            Issue.record("expected a trap, the call returned")
        } catch {
            return CoreTest.trapCode(error)
        }
        return nil
    }

    @Test func aStructMadeByWasmIsReadAndPassedBackByTheHost() throws {
        let instance = try Self.instance()
        let point = try Self.object(try instance.call("make_point", [.i32(40), .i64(-2)]))
        #expect(point.kind == .struct)
        #expect(point.fieldCount == 2)
        #expect(try point.field(0) == .i32(40))
        #expect(try point.field(1) == .i64(-2))
        _ = try instance.call("set_x", [.anyRef(point), .i32(41)])
        #expect(try point.field(0) == .i32(41))
        #expect(try instance.call("point_x", [.anyRef(point)]) == [.i32(41)])
        #expect(throws: WasmexError.self) { try point.field(2) }
        #expect(throws: WasmexError.self) { try point.element(0) }
    }

    @Test func arraysOfPackedBytesReadSignedInWasmAndZeroExtendedByTheHost() throws {
        let instance = try Self.instance()
        let bytes = try Self.object(try instance.call("make_bytes", [.i32(-3), .i32(5)]))
        #expect(bytes.kind == .array)
        #expect(bytes.arrayCount == 5)
        #expect(try bytes.element(4) == .i32(253))
        #expect(try instance.call("byte_s", [.anyRef(bytes), .i32(4)]) == [.i32(-3)])
        #expect(Self.trapCode { _ = try instance.call("byte_s", [.anyRef(bytes), .i32(5)]) } == .arrayOutOfBounds)
        #expect(Self.trapCode { _ = try instance.call("byte_s", [.anyRef(nil), .i32(0)]) } == .nullArrayReference)
    }

    @Test func i31ValuesCrossTheBoundaryBothWays() throws {
        let instance = try Self.instance()
        #expect(try instance.call("i31_get_s", [.anyRef(.i31(-5))]) == [.i32(-5)])
        let made = try Self.object(try instance.call("make_i31", [.i32(0x4000_0001)]))
        #expect(made.kind == .i31)
        #expect(made.i31Value == -0x3fff_ffff)  // bit 30 is the sign of a 31-bit value
        #expect(made == .i31(0x4000_0001))
        #expect(Self.trapCode { _ = try instance.call("i31_get_s", [.anyRef(nil)]) } == .nullI31Reference)
    }

    @Test func externAndAnyConversionsKeepIdentity() throws {
        let instance = try Self.instance()
        let host = try #require(ExternRef(id: 7))
        let internalized = try Self.object(try instance.call("internalize", [.externRef(host)]))
        #expect(internalized.kind == .host)
        #expect(internalized.hostValue == host)
        #expect(try instance.call("externalize", [.anyRef(internalized)]) == [.externRef(host)])

        let point = try Self.object(try instance.call("make_point", [.i32(1), .i64(2)]))
        let external = try instance.call("externalize", [.anyRef(point)])
        guard case .externRef(let wrapped?) = external.first else {
            Issue.record("expected a non-null externref, got \(external)")
            return
        }
        #expect(wrapped.anyRef == point)
        let back = try Self.object(try instance.call("internalize", [.externRef(wrapped)]))
        #expect(back == point)
        #expect(try back.field(0) == .i32(1))
    }

    @Test func castsAndArgumentTypesFollowTheDeclaredTypes() throws {
        let instance = try Self.instance()
        let point = try Self.object(try instance.call("make_point", [.i32(1), .i64(2)]))
        let other = try Self.object(try instance.call("make_other"))
        #expect(try instance.call("is_point", [.anyRef(point)]) == [.i32(1)])
        #expect(try instance.call("is_point", [.anyRef(other)]) == [.i32(0)])
        #expect(try instance.call("is_point", [.anyRef(.i31(3))]) == [.i32(0)])
        #expect(Self.trapCode { _ = try instance.call("as_point", [.anyRef(other)]) } == .castFailure)
        // The host is held to the parameter types before any Wasm runs.
        #expect(throws: WasmexError.self) { _ = try instance.call("point_x", [.anyRef(other)]) }
        #expect(throws: WasmexError.self) { _ = try instance.call("point_x", [.anyRef(.i31(1))]) }
        #expect(Self.trapCode { _ = try instance.call("point_x", [.anyRef(nil)]) } == .nullStructureReference)
    }

    @Test func objectsHeldByTheHostOrAGlobalSurviveCollections() throws {
        let instance = try Self.instance()
        let held = try Self.object(try instance.call("make_point", [.i32(11), .i64(12)]))
        let kept = try Self.object(try instance.call("make_bytes", [.i32(9), .i32(3)]))
        _ = try instance.call("keep", [.anyRef(kept)])
        // 64 MiB of garbage: the heap collects many times meanwhile.
        _ = try instance.call("churn", [.i32(64 * 1024)])
        instance.store.collectGarbage()
        let statistics = instance.store.garbageCollectionStatistics
        #expect(statistics.collections > 1)
        #expect(statistics.allocatedBytes > 64 << 20)
        #expect(statistics.heapBytes < 32 << 20)
        #expect(try held.field(0) == .i32(11))
        let again = try Self.object(try instance.call("kept"))
        #expect(again == kept)
        #expect(try again.element(2) == .i32(9))
    }

    @Test func theStoreLimitBoundsTheHeap() throws {
        let instance = try Self.instance(limits: StoreLimits(gcHeapSize: 8 << 20))
        // Garbage is collected to stay under the limit...
        _ = try instance.call("churn", [.i32(32 * 1024)])
        // ...but what is live must fit.
        #expect(Self.trapCode { _ = try instance.call("make_bytes", [.i32(0), .i32(16 << 20)]) } == .allocationFailure)
        #expect(Self.trapCode { _ = try instance.call("make_bytes", [.i32(0), .i32(-1)]) } == .allocationFailure)
        // The store still works afterwards.
        #expect(try instance.call("point_x", [.anyRef(try Self.object(try instance.call("make_point", [.i32(5), .i64(0)])))]) == [.i32(5)])
    }

    /// The object size limit counts each reference at 4 bytes: an array of
    /// 2^29 + 1 references (more than 4 GiB as 8-byte pointers, not as
    /// 4-byte references) is made, one of 2^30 is refused, as in Wasmtime.
    @Test func theObjectSizeLimitCountsReferencesAtFourBytes() throws {
        let wat = """
        (module
          (type $refs (array (mut anyref)))
          (func (export "count") (param i32) (result i32)
            (array.len (array.new_default $refs (local.get 0)))))
        """
        let instance = try Instance(store: Store(engine: APIFixture.engine), module: Module(engine: APIFixture.engine, text: wat))
        #expect(try instance.call("count", [.i32((1 << 29) + 1)]) == [.i32((1 << 29) + 1)])
        #expect(Self.trapCode { _ = try instance.call("count", [.i32(1 << 30)]) } == .allocationFailure)
    }

    @Test func anObjectOfOneStoreIsRefusedByAnother() throws {
        let first = try Self.instance()
        let second = try Self.instance()
        let point = try Self.object(try first.call("make_point", [.i32(1), .i64(2)]))
        do {
            _ = try second.call("point_x", [.anyRef(point)])
            Issue.record("another store's object was accepted")
        } catch {
            guard case .storeMismatch = error else {
                Issue.record("expected storeMismatch, got \(error)")
                return
            }
        }
    }
}
