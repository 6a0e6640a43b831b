import Testing
@testable import WasmFrontend

private func nameSection(_ subsections: [[UInt8]]) -> [UInt8] {
    ModuleBytes.section(0, ModuleBytes.name("name") + subsections.flatMap { $0 })
}

@Test func nameSectionIsDecoded() throws {
    let moduleName = ModuleBytes.section(0, ModuleBytes.name("demo"))
    let functionNames = ModuleBytes.section(1, ModuleBytes.vector([[0x00] + ModuleBytes.name("add")]))
    let localNames = ModuleBytes.section(2, ModuleBytes.vector([
        [0x00] + ModuleBytes.vector([[0x00] + ModuleBytes.name("lhs"), [0x01] + ModuleBytes.name("rhs")]),
    ]))
    let bytes = ModuleBytes.function(params: [0x7F, 0x7F], results: [0x7F],
                                     code: [0x20, 0x00, 0x20, 0x01, 0x6A, 0x0B])
        + nameSection([moduleName, functionNames, localNames])
    let module = try WasmModule.parse(bytes)
    #expect(module.names.moduleName == "demo")
    #expect(module.names.functionNames == [0: "add"])
    #expect(module.names.localNames[0] == [0: "lhs", 1: "rhs"])
    #expect(module.customSections.map(\.name) == ["name"])
}

@Test func malformedNameSectionIsIgnored() throws {
    // Function-names subsection whose size runs past the section.
    let broken = [UInt8(1), 0x7F, 0x01, 0x00]
    let bytes = ModuleBytes.function(code: [0x0B]) + nameSection([broken])
    let module = try WasmModule.parse(bytes)
    #expect(module.names == NameSection())
    // Invalid UTF-8 in a function name.
    let badUTF8 = ModuleBytes.section(1, ModuleBytes.vector([[0x00, 0x02, 0xC0, 0x80]]))
    let module2 = try WasmModule.parse(ModuleBytes.function(code: [0x0B]) + nameSection([badUTF8]))
    #expect(module2.names.functionNames.isEmpty)
}

@Test func customSectionPayloadIsARangeIntoTheBytes() throws {
    let bytes = ModuleBytes.header + ModuleBytes.section(0, ModuleBytes.name("meta") + [1, 2, 3])
    let module = try WasmModule.parse(bytes)
    #expect(module.customSections.count == 1)
    #expect(module.customSections[0].name == "meta")
    #expect(Array(module.slice(module.customSections[0].payload)) == [1, 2, 3])
}
