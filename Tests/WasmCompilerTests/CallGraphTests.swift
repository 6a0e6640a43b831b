import Testing
@testable import WasmCompiler
import WasmFrontend

/// Which functions check the epoch at entry: exactly those on a call cycle,
/// counting indirect calls and imports as reaching every escaping function.
struct CallGraphTests {
    @Test func cyclesAreFoundAndAcyclicNodesAreNot() {
        // 0 → 1 → 2 → 1 (cycle {1, 2}); 3 → 3 (self loop); 4 → 0 (acyclic); 5 alone.
        let marks = CallGraph.onCycles([[1], [2], [1], [3], [0], []])
        #expect(marks == [false, true, true, true, false, false])
    }

    @Test func deepChainsDoNotOverflow() {
        let count = 200_000
        var edges = (0..<count).map { [$0 + 1] }
        edges[count - 1] = [0]
        #expect(CallGraph.onCycles(edges).allSatisfy { $0 })
        edges[count - 1] = []
        #expect(CallGraph.onCycles(edges).allSatisfy { !$0 })
    }

    private func shapes(_ wat: String) throws -> (WasmModule, [FunctionShape]) {
        let module = try WasmModule.parse(text: wat)
        return (module, try module.bodies.map { try FunctionShape($0, in: module.bytes) })
    }

    @Test func indirectCallsAndImportsReachEscapingFunctions() throws {
        let (module, shapes) = try shapes("""
            (module
              (import "env" "host" (func $host))
              (type $v (func))
              (table 1 funcref)
              (elem (i32.const 0) $viaTable)
              (func $leaf)                                         ;; 1: acyclic
              (func $viaTable (call_indirect (type $v) (i32.const 0)))  ;; 2: reaches itself through the table
              (func $exported (export "e") (call $host))           ;; 3: host may call back into it
              (func $caller (call $leaf) (call $leaf))             ;; 4: acyclic
              (func $recursive (call $recursive)))                 ;; 5: self recursion
            """)
        #expect(shapes[1].callsIndirectly)
        let escaping = ModuleCompiler.initiallyEscaping(module)
        let graph = CallGraph(shapes: shapes, escaping: escaping, importedFunctionCount: 1)
        #expect(graph.needsEntryCheck == [false, true, true, false, true])
    }

    /// 20,000 exported functions that each call indirectly: every one is on a
    /// cycle through the table. With an edge from each caller to each escaping
    /// function this graph had 400 million edges; through the virtual
    /// "any escaping function" node it has 40,000.
    @Test func manyEscapingIndirectCallersStayLinear() throws {
        let count = 20_000
        var text = "(module (type $v (func)) (table 1 funcref)\n"
        for index in 0..<count {
            text += "(func (export \"f\(index)\") (call_indirect (type $v) (i32.const 0)))\n"
        }
        text += "(func $plain))"
        let (module, shapes) = try shapes(text)
        let graph = CallGraph(shapes: shapes, escaping: ModuleCompiler.initiallyEscaping(module), importedFunctionCount: 0)
        #expect(graph.needsEntryCheck.count == count + 1)
        #expect(graph.needsEntryCheck.prefix(count).allSatisfy { $0 })
        #expect(graph.needsEntryCheck.last == false)
    }
}
