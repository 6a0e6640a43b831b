import Testing
@testable import WasmFrontend

@Test func textModulesAreParsed() throws {
    let source = """
    (module
      (func $add (export "add") (param i32 i32) (result i32)
        local.get 0 local.get 1 i32.add)
      (memory 1)
      (data (i32.const 8) "hi"))
    """
    #expect(WasmText.looksLikeText(Array(source.utf8)))
    #expect(!WasmText.looksLikeText(ModuleBytes.header))
    let module = try WasmModule.parse(Array(source.utf8))
    #expect(module.exports == [Export(name: "add", kind: .function, index: 0)])
    #expect(module.functionType(ofFunction: 0) == FunctionType(parameters: [.i32, .i32], results: [.i32]))
    #expect(module.memories == [MemoryType(limits: Limits(min: 1))])
    #expect(module.data.count == 1)
    #expect(Array(module.slice(module.data[0].bytes)) == Array("hi".utf8))
}

@Test func badTextIsATextError() {
    #expect(throws: WasmError.self) { try WasmModule.parse(Array("(module (func (i32.bogus)))".utf8)) }
    do {
        _ = try WasmModule.parse(Array("(module (func (i32.bogus)))".utf8))
    } catch {
        guard case .text = error else {
            Issue.record("expected .text, got \(error)")
            return
        }
    }
}
