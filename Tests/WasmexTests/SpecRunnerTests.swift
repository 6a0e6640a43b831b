import Foundation
import Testing
import WasmFrontend
@testable import WasmexSpec

/// A scripted engine: answers invocations from a table and records what it was asked.
private final class FakeEngine: SpecEngine {
    var answers: [String: Result<[SpecValue], SpecEngineError>] = [:]
    var instantiateError: SpecEngineError?
    private(set) var instances = 0
    private(set) var registered: [String: SpecInstanceHandle] = [:]

    func instantiate(_ module: WasmModule, bytes: [UInt8]) throws(SpecEngineError) -> SpecInstanceHandle {
        if let instantiateError { throw instantiateError }
        instances += 1
        return SpecInstanceHandle(id: instances)
    }

    func invoke(_ instance: SpecInstanceHandle, function name: String, arguments: [SpecValue]) throws(SpecEngineError) -> [SpecValue] {
        guard let answer = answers[name] else { throw .failure("unknown export \(name)") }
        return try answer.get()
    }

    func global(_ instance: SpecInstanceHandle, named name: String) throws(SpecEngineError) -> SpecValue {
        guard let answer = answers[name] else { throw .failure("unknown export \(name)") }
        return try answer.get().first ?? .i32(0)
    }

    func register(_ instance: SpecInstanceHandle, as moduleName: String) throws(SpecEngineError) {
        registered[moduleName] = instance
    }
}

/// The command semantics of ``SpecScriptRunner`` with and without an engine.
@Suite struct SpecRunnerTests {
    /// The empty module: valid.
    static let emptyModule: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]
    /// Wrong version: malformed ("unknown binary version").
    static let badVersion: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x02, 0x00, 0x00, 0x00]
    /// `(func (result i32))` with an empty body: invalid ("type mismatch").
    static let missingResult: [UInt8] = emptyModule + [
        0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7F,  // type section: [] -> [i32]
        0x03, 0x02, 0x01, 0x00,                    // function section: one function of type 0
        0x0A, 0x04, 0x01, 0x02, 0x00, 0x0B,        // code section: no locals, `end`
    ]

    /// Writes the three modules into a scratch directory and returns their sources.
    private func writeModules(_ directory: String) throws -> (valid: SpecModuleSource, malformed: SpecModuleSource, invalid: SpecModuleSource) {
        func write(_ name: String, _ bytes: [UInt8]) throws -> SpecModuleSource {
            let path = directory + "/" + name
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            return SpecModuleSource(path: path, format: .binary)
        }
        return (try write("valid.wasm", Self.emptyModule), try write("malformed.wasm", Self.badVersion),
                try write("invalid.wasm", Self.missingResult))
    }

    private func script(_ commands: [SpecCommand]) -> SpecScript {
        SpecScript(sourcePath: "t.wast", commands: commands.enumerated().map { SpecCommandEntry(line: $0.offset + 1, command: $0.element) })
    }

    @Test func withoutEngineOnlyTheFrontEndIsJudged() throws {
        let directory = try SpecTestSupport.makeScratch()
        defer { SpecTestSupport.removeScratch(directory) }
        let modules = try writeModules(directory)
        let call = SpecAction.invoke(module: nil, field: "f", arguments: [])
        var runner = SpecScriptRunner(file: "t.wast", engine: nil)
        let result = runner.run(script([
            .module(modules.valid, name: "M"),
            .assertReturn(call, expected: []),
            .assertTrap(call, message: "unreachable"),
            .register(as: "m", module: "M"),
            .assertMalformed(modules.malformed, message: "unknown binary version"),
            .assertInvalid(modules.invalid, message: "no such wording"),
            .assertUnlinkable(modules.valid, message: "unknown import"),
            .assertInvalid(modules.valid, message: "type mismatch"),
            .module(modules.invalid, name: nil),
        ]))
        #expect(result.passed == 3)
        #expect(result.skipped == 4)
        #expect(result.failed == 2)
        #expect(result.failures.map(\.line) == [8, 9])
        #expect(result.messageMismatches.map(\.line) == [6])
        #expect(result.skipReasons[SpecScriptRunner.noEngineReason] == 4)
    }

    @Test func withEngineResultsAndTrapsAreChecked() throws {
        let directory = try SpecTestSupport.makeScratch()
        defer { SpecTestSupport.removeScratch(directory) }
        let modules = try writeModules(directory)
        let engine = FakeEngine()
        engine.answers = [
            "five": .success([.i32(5)]),
            "nan": .success([.f32(0x7FC0_0000)]),
            "boom": .failure(.trap("integer divide by zero")),
            "simd": .failure(.unsupported("v128 not compiled yet")),
        ]
        func call(_ name: String) -> SpecAction { .invoke(module: nil, field: name, arguments: []) }
        var runner = SpecScriptRunner(file: "t.wast", engine: engine)
        let result = runner.run(script([
            .module(modules.valid, name: "M"),
            .assertReturn(call("five"), expected: [.exact(.i32(5))]),          // pass
            .assertReturn(call("five"), expected: [.exact(.i32(6))]),          // fail: wrong value
            .assertReturn(call("nan"), expected: [.f32NaN(.canonical)]),       // pass
            .assertTrap(call("boom"), message: "integer divide by zero"),      // pass
            .assertTrap(call("boom"), message: "integer overflow"),            // pass, mismatch
            .assertTrap(call("five"), message: "unreachable"),                 // fail: no trap
            .assertReturn(call("simd"), expected: []),                         // skip
            .register(as: "m", module: "M"),                                   // pass
            .action(.invoke(module: "Nope", field: "five", arguments: [])),    // fail: unknown module
            .assertReturn(.get(module: "M", field: "five"), expected: [.exact(.i32(5))]), // pass
        ]))
        #expect(result.passed == 7)
        #expect(result.failed == 3)
        #expect(result.skipped == 1)
        #expect(result.failures.map(\.line) == [3, 7, 10])
        #expect(result.messageMismatches.map(\.line) == [6])
        #expect(engine.registered["m"] == SpecInstanceHandle(id: 1))
    }

    /// `module definition` validates only; each `module instance` instantiates it anew
    /// and becomes the current module; `assert_exception` passes only on an exception.
    @Test func definitionsInstancesAndExceptions() throws {
        let directory = try SpecTestSupport.makeScratch()
        defer { SpecTestSupport.removeScratch(directory) }
        let modules = try writeModules(directory)
        let engine = FakeEngine()
        engine.answers = [
            "five": .success([.i32(5)]),
            "throws": .failure(.exception("tag 0 [i32 1]")),
            "traps": .failure(.trap("unreachable")),
        ]
        func call(_ name: String, in module: String? = nil) -> SpecAction { .invoke(module: module, field: name, arguments: []) }
        var runner = SpecScriptRunner(file: "t.wast", engine: engine)
        let result = runner.run(script([
            .moduleDefinition(modules.valid, name: "M"),                       // pass, not instantiated
            .moduleInstance(instance: "I1", module: "M"),                      // pass: instance 1
            .moduleInstance(instance: "I2", module: "M"),                      // pass: instance 2
            .register(as: "first", module: "I1"),                              // pass
            .assertReturn(call("five"), expected: [.exact(.i32(5))]),          // pass (current: I2)
            .moduleInstance(instance: nil, module: "Nope"),                    // fail: unknown definition
            .moduleDefinition(modules.invalid, name: "Bad"),                   // fail: invalid
            .moduleInstance(instance: "B", module: "Bad"),                     // fail: definition failed
            .assertException(call("throws", in: "I2")),                        // pass
            .assertException(call("traps", in: "I2")),                         // fail: a trap is not an exception
            .assertException(call("five", in: "I2")),                          // fail: returned
            .unsupported(command: "assert_return", reason: "values of type anyref are not supported (GC)"), // skip
            .moduleInstance(instance: nil, module: nil),                       // fail: the last definition failed
        ]))
        #expect(engine.instances == 2)
        #expect(engine.registered["first"] == SpecInstanceHandle(id: 1))
        #expect(result.passed == 6)
        #expect(result.failures.map(\.line) == [6, 7, 8, 10, 11, 13])
        #expect(result.skipped == 1)
        #expect(result.skipReasons["values of type anyref are not supported (GC)"] == 1)
        #expect(!result.failures.contains { $0.reason.contains("unknown command") })
    }

    @Test func instantiationErrorsAreMatchedByKind() throws {
        let directory = try SpecTestSupport.makeScratch()
        defer { SpecTestSupport.removeScratch(directory) }
        let modules = try writeModules(directory)
        let engine = FakeEngine()
        engine.instantiateError = .unlinkable("unknown import")
        var runner = SpecScriptRunner(file: "t.wast", engine: engine)
        let result = runner.run(script([
            .assertUnlinkable(modules.valid, message: "unknown import"),       // pass
            .assertUninstantiable(modules.valid, message: "unreachable"),      // fail: wrong kind
            .module(modules.valid, name: nil),                                 // fail: link error
            .assertReturn(.invoke(module: nil, field: "f", arguments: []), expected: []), // fail: module failed
        ]))
        #expect(result.passed == 1)
        #expect(result.failed == 3)
        #expect(result.failures.last?.reason.contains("line 3") == true)
    }

    @Test func unreadableAndUnconvertibleFilesFailWithoutCrashing() throws {
        var runner = SpecScriptRunner(file: "t.wast", engine: nil)
        let missing = SpecModuleSource(path: "/nonexistent/module.wasm", format: .binary)
        let result = runner.run(script([.module(missing, name: nil), .assertMalformed(missing, message: "x")]))
        #expect(result.failed == 2)

        guard let tools = SpecTestSupport.wasmTools else { return }
        let directory = try SpecTestSupport.makeScratch()
        defer { SpecTestSupport.removeScratch(directory) }
        let broken = directory + "/broken.wast"
        try Data("(module (func $f (".utf8).write(to: URL(fileURLWithPath: broken))
        let fileResult = SpecRunner(tools: tools, engineProvider: nil).runFile(broken)
        #expect(fileResult.failed == 1)
        #expect(fileResult.failures.first?.reason.contains("json-from-wast") == true)
    }

    @Test func collectsScriptsRecursivelyAndSorted() throws {
        let directory = try SpecTestSupport.makeScratch()
        defer { SpecTestSupport.removeScratch(directory) }
        try FileManager.default.createDirectory(atPath: directory + "/sub", withIntermediateDirectories: true)
        for name in ["b.wast", "a.wast", "sub/c.wast", "notes.txt"] {
            try Data().write(to: URL(fileURLWithPath: directory + "/" + name))
        }
        let all = try SpecRunner.collectScripts([directory])
        #expect(all.map { $0.replacingOccurrences(of: directory + "/", with: "") } == ["a.wast", "b.wast", "sub/c.wast"])
        #expect(try SpecRunner.collectScripts([directory], filter: "sub/").count == 1)
        #expect(throws: SpecRunnerError.badPath(directory + "/missing")) {
            try SpecRunner.collectScripts([directory + "/missing"])
        }
    }
}
