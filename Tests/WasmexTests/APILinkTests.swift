import Testing
import Wasmex

/// Links: modules instantiated in the same store to satisfy imports by module name.
@Suite("API: links")
struct APILinkTests {
    @Test func sumRangeWithUtilsFromBytes() throws {
        let store = Store(engine: APIFixture.engine)
        let links: Links = ["utils": .bytes(try APIFixture.bytes("utils.wasm"))]
        let instance = try Instance(store: store, bytes: APIFixture.bytes("calculator.wasm"), links: links)
        #expect(try instance.call("sum_range", [.i32(1), .i32(5)]) == [.i32(15)])
    }

    @Test func sumRangeWithUtilsFromAPrecompiledModule() throws {
        let store = Store(engine: APIFixture.engine)
        let utils = try Module(store: store, bytes: APIFixture.bytes("utils.wasm"))
        let instance = try Instance(store: store, bytes: APIFixture.bytes("calculator.wasm"), links: ["utils": .module(utils)])
        #expect(try instance.call("sum_range", [.i32(1), .i32(5)]) == [.i32(15)])
    }

    @Test func nestedMainCalculatorUtilsChain() throws {
        let store = Store(engine: APIFixture.engine)
        let links: Links = [
            "calculator": .bytes(try APIFixture.bytes("calculator.wasm"), links: ["utils": .bytes(try APIFixture.bytes("utils.wasm"))]),
        ]
        let instance = try Instance(store: store, bytes: APIFixture.bytes("main.wasm"), links: links)
        #expect(try instance.call("sum_range", [.i32(1), .i32(5)]) == [.i32(15)])
        #expect(try instance.call("sum_range", [.i32(1), .i32(100)]) == [.i32(5050)])
    }

    @Test func missingLinkIsALinkError() throws {
        let store = Store(engine: APIFixture.engine)
        // main → calculator, but calculator's own "utils" link is missing.
        let links: Links = ["calculator": .bytes(try APIFixture.bytes("calculator.wasm"))]
        do {
            _ = try Instance(store: store, bytes: APIFixture.bytes("main.wasm"), links: links)
            Issue.record("a missing link was accepted")
        } catch {
            guard case .link(let message)? = APIFixture.wasmexError(error) else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(message.contains("missing link \"utils\""))
        }
        do {
            _ = try Instance(store: store, bytes: APIFixture.bytes("calculator.wasm"))
            Issue.record("an unresolved import was accepted")
        } catch {
            guard case .link? = APIFixture.wasmexError(error) else {
                Issue.record("unexpected error \(error)")
                return
            }
        }
    }

    @Test func linkCycleIsALinkError() throws {
        let store = Store(engine: APIFixture.engine)
        let a = Array("""
        (module (import "b" "g" (func (result i32))) (func (export "f") (result i32) (i32.const 1)))
        """.utf8)
        let b = Array("""
        (module (import "a" "f" (func (result i32))) (func (export "g") (result i32) (i32.const 2)))
        """.utf8)
        // a → b → a → b: the name "b" reappears on its own path.
        let links: Links = ["b": .bytes(b, links: ["a": .bytes(a, links: ["b": .bytes(b)])])]
        do {
            _ = try Instance(store: store, bytes: a, links: links)
            Issue.record("a link cycle was accepted")
        } catch {
            guard case .link(let message)? = APIFixture.wasmexError(error) else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(message.contains("link cycle"))
        }
    }

    @Test func linksWorkThroughTheActor() async throws {
        let links: Links = [
            "calculator": .bytes(try APIFixture.bytes("calculator.wasm"), links: ["utils": .bytes(try APIFixture.bytes("utils.wasm"))]),
        ]
        let instance = try await WasmexInstance(bytes: APIFixture.bytes("main.wasm"), engine: APIFixture.engine, links: links)
        #expect(try await instance.call("sum_range", [.i32(1), .i32(5)]) == [.i32(15)])
    }
}
