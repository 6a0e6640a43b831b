import Testing
import WasmFrontend
@testable import WasmexSpec

/// JSON decoding of `json-from-wast` output, value patterns and report formatting.
@Suite struct SpecScriptTests {
    private func decode(_ commands: String) throws -> SpecScript {
        let json = "{\"source_filename\":\"t.wast\",\"commands\":[\(commands)]}"
        return try SpecScript.decode(json: Array(json.utf8), moduleDirectory: "/m", sourcePath: "t.wast")
    }

    @Test func decodesModuleRegisterAndAssertions() throws {
        let script = try decode("""
            {"type":"module","line":1,"name":"M","filename":"t.0.wasm","module_type":"binary"},
            {"type":"register","line":2,"name":"M","as":"m"},
            {"type":"assert_malformed","line":3,"filename":"t.1.wat","module_type":"text","text":"unexpected token"},
            {"type":"assert_trap","line":4,"action":{"type":"invoke","module":"M","field":"f","args":[]},"text":"unreachable"},
            {"type":"assert_return","line":5,"action":{"type":"get","field":"g"},"expected":[{"type":"i64","value":"-1"}]},
            {"type":"something_new","line":6}
            """)
        #expect(script.commands.map(\.line) == [1, 2, 3, 4, 5, 6])
        #expect(script.commands[0].command == .module(SpecModuleSource(path: "/m/t.0.wasm", format: .binary), name: "M"))
        #expect(script.commands[1].command == .register(as: "m", module: "M"))
        #expect(script.commands[2].command == .assertMalformed(SpecModuleSource(path: "/m/t.1.wat", format: .text), message: "unexpected token"))
        #expect(script.commands[3].command == .assertTrap(.invoke(module: "M", field: "f", arguments: []), message: "unreachable"))
        #expect(script.commands[4].command == .assertReturn(.get(module: nil, field: "g"), expected: [.exact(.i64(.max))]))
        #expect(script.commands[5].command == .unknown(type: "something_new"))
    }

    /// The Wasm 3.0 script commands and reference results.
    @Test func decodesDefinitionsInstancesExceptionsAndNullReferences() throws {
        let script = try decode("""
            {"type":"module_definition","line":1,"name":"M","filename":"t.0.wasm","module_type":"binary"},
            {"type":"module_instance","line":2,"instance":"I","module":"M"},
            {"type":"module_instance","line":3},
            {"type":"assert_exception","line":4,"action":{"type":"invoke","field":"throw","args":[]}},
            {"type":"assert_return","line":5,"action":{"type":"invoke","field":"n","args":[]},
             "expected":[{"type":"refnull"},{"type":"nullfuncref"},{"type":"nullexternref"}]},
            {"type":"assert_return","line":6,"action":{"type":"invoke","field":"a","args":[]},"expected":[{"type":"anyref"}]},
            {"type":"assert_return","line":7,"action":{"type":"invoke","field":"e","args":[{"type":"exnref","value":"null"}]},"expected":[]},
            {"type":"assert_malformed_custom","line":8,"filename":"t.1.wat","module_type":"text","text":"malformed annotation"}
            """)
        #expect(script.commands[7].command == .unsupported(command: "assert_malformed_custom",
                                                           reason: "custom sections and annotations are not interpreted"))
        #expect(script.commands[0].command == .moduleDefinition(SpecModuleSource(path: "/m/t.0.wasm", format: .binary), name: "M"))
        #expect(script.commands[1].command == .moduleInstance(instance: "I", module: "M"))
        #expect(script.commands[2].command == .moduleInstance(instance: nil, module: nil))
        #expect(script.commands[3].command == .assertException(.invoke(module: nil, field: "throw", arguments: [])))
        #expect(script.commands[4].command == .assertReturn(.invoke(module: nil, field: "n", arguments: []),
                                                            expected: [.anyNullRef, .exact(.funcRef(nil)), .exact(.externRef(nil))]))
        // GC values and null exception references (WebAssembly 3.0 complete).
        #expect(script.commands[5].command == .assertReturn(.invoke(module: nil, field: "a", arguments: []),
                                                            expected: [.anyGCRef([.host, .i31, .struct, .array])]))
        #expect(script.commands[6].command == .assertReturn(.invoke(module: nil, field: "e", arguments: [.nullExnRef]),
                                                            expected: []))
        #expect(SpecExpectedValue.anyGCRef([.i31, .struct, .array]).matches(.anyRef(.struct)))
        #expect(!SpecExpectedValue.anyGCRef([.i31, .struct, .array]).matches(.anyRef(.host(1))))
        #expect(!SpecExpectedValue.anyGCRef([.struct]).matches(.anyRef(nil)))
        #expect(SpecExpectedValue.anyNullRef.matches(.anyRef(nil)))
        #expect(SpecExpectedValue.anyNullRef.matches(.nullExnRef))
        #expect(SpecExpectedValue.anyNullRef.matches(.funcRef(nil)))
        #expect(SpecExpectedValue.anyNullRef.matches(.externRef(nil)))
        #expect(!SpecExpectedValue.anyNullRef.matches(.funcRef(1)))
        #expect(!SpecExpectedValue.anyNullRef.matches(.i32(0)))
    }

    @Test func parsesNumbersAsBitPatterns() throws {
        let script = try decode("""
            {"type":"action","line":1,"action":{"type":"invoke","field":"f","args":[
              {"type":"i32","value":"4294967295"},{"type":"i32","value":"-2147483648"},
              {"type":"i64","value":"-9223372036854775808"},{"type":"f32","value":"2143289344"},
              {"type":"f64","value":"9221120237041090560"},{"type":"externref","value":"7"},
              {"type":"funcref","value":"null"},{"type":"externref","value":"null"}]}}
            """)
        guard case .action(.invoke(_, _, let args)) = script.commands[0].command else {
            Issue.record("not an invoke action")
            return
        }
        #expect(args == [.i32(0xFFFF_FFFF), .i32(0x8000_0000), .i64(0x8000_0000_0000_0000),
                         .f32(0x7FC0_0000), .f64(0x7FF8_0000_0000_0000), .externRef(7), .funcRef(nil), .externRef(nil)])
    }

    @Test func rejectsOutOfRangeNumbers() {
        #expect(throws: SpecRunnerError.self) {
            try decode(#"{"type":"action","line":9,"action":{"type":"invoke","field":"f","args":[{"type":"i32","value":"4294967296"}]}}"#)
        }
        #expect(throws: SpecRunnerError.self) {
            try decode(#"{"type":"action","line":9,"action":{"type":"invoke","field":"f","args":[{"type":"f32","value":"nan:canonical"}]}}"#)
        }
        #expect(throws: SpecRunnerError.self) { try decode("{\"type\":\"module\"") }
    }

    @Test func v128LanesPackLittleEndian() throws {
        let script = try decode("""
            {"type":"assert_return","line":1,"action":{"type":"invoke","field":"f","args":[
              {"type":"v128","lane_type":"i8","value":["-128","1","2","3","4","5","6","7","8","9","10","11","12","13","14","255"]}]},
             "expected":[{"type":"v128","lane_type":"f32","value":["nan:canonical","1065353216","0","nan:arithmetic"]},
                         {"type":"v128","lane_type":"i64","value":["1","-1"]}]}
            """)
        guard case .assertReturn(.invoke(_, _, let args), let expected) = script.commands[0].command else {
            Issue.record("not an assert_return")
            return
        }
        #expect(args == [.v128(V128(bytes: [0x80, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 255]))])
        #expect(expected[1] == .exact(.v128(V128(lo: 1, hi: .max))))
        let nanVector = V128(lo: UInt64(0x3F80_0000) << 32 | 0xFFC0_0000, hi: UInt64(0x7FC0_0001) << 32)
        #expect(expected[0].matches(.v128(nanVector)))
        let notNaN = V128(lo: UInt64(0x3F80_0000) << 32 | 0x3F80_0000, hi: UInt64(0x7FC0_0001) << 32)
        #expect(!expected[0].matches(.v128(notNaN)))
    }

    @Test func nanPatternsFollowTheSpec() {
        #expect(SpecNaNKind.canonical.matches(f32: 0x7FC0_0000))
        #expect(SpecNaNKind.canonical.matches(f32: 0xFFC0_0000))
        #expect(!SpecNaNKind.canonical.matches(f32: 0x7FC0_0001))
        #expect(SpecNaNKind.arithmetic.matches(f32: 0x7FC0_0001))
        #expect(!SpecNaNKind.arithmetic.matches(f32: 0x7F80_0001))
        #expect(!SpecNaNKind.arithmetic.matches(f32: 0x7F80_0000))
        #expect(SpecNaNKind.canonical.matches(f64: 0xFFF8_0000_0000_0000))
        #expect(!SpecNaNKind.canonical.matches(f64: 0x7FF8_0000_0000_0001))
        #expect(SpecNaNKind.arithmetic.matches(f64: 0x7FFF_FFFF_FFFF_FFFF))
        #expect(!SpecNaNKind.arithmetic.matches(f64: 0x7FF0_0000_0000_0001))
        #expect(SpecExpectedValue.f32NaN(.canonical).matches(.f32(0x7FC0_0000)))
        #expect(!SpecExpectedValue.f32NaN(.canonical).matches(.f64(0x7FF8_0000_0000_0000)))
        #expect(!SpecExpectedValue.exact(.f32(0x8000_0000)).matches(.f32(0)))
        #expect(SpecExpectedValue.anyFuncRef.matches(.funcRef(3)))
        #expect(!SpecExpectedValue.anyFuncRef.matches(.funcRef(nil)))
    }

    @Test func jsonSummaryHasTheDocumentedShape() {
        var first = SpecFileResult(file: "dir/a \"quoted\".wast")
        first.passed = 3
        first.recordFailure(line: 4, command: "module", reason: "bad")
        first.recordSkip("no engine")
        let report = SpecReport(files: [first])
        #expect(SpecReportFormatter.json(report)
            == #"{"files":[{"file":"dir/a \"quoted\".wast","passed":3,"failed":1,"skipped":1}],"passed":3,"failed":1,"skipped":1}"#)
        let table = SpecTableWriter.table(report)
        #expect(table.contains("a \"quoted\".wast"))
        #expect(table.split(separator: "\n").last?.hasPrefix("TOTAL") == true)
        #expect(SpecReportFormatter.failures(report, limit: 5) == "dir/a \"quoted\".wast:4: module: bad")
    }

    @Test func spectestHostModuleMatchesTheReferenceInterpreter() {
        let spectest = SpecHostModule.spectest
        #expect(spectest.name == "spectest")
        #expect(spectest.export(named: "global_i32")?.entity == .global(GlobalType(valueType: .i32, isMutable: false), .i32(666)))
        #expect(spectest.export(named: "global_f64")?.entity == .global(GlobalType(valueType: .f64, isMutable: false), .f64(Double(666.6).bitPattern)))
        #expect(spectest.export(named: "table")?.entity == .table(TableType(elementType: .funcRef, limits: Limits(min: 10, max: 20))))
        #expect(spectest.export(named: "memory")?.entity == .memory(MemoryType(limits: Limits(min: 1, max: 2))))
        #expect(spectest.export(named: "print_i32_f32")?.entity == .function(FunctionType(parameters: [.i32, .f32])))
    }
}
