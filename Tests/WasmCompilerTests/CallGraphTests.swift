import Testing
@testable import WasmCompiler
import WasmFrontend

/// Which functions check the epoch at entry: those on a cycle of direct
/// calls, and those whose calls could run more than a bounded amount of code
/// (fan-out, unseen targets) before a check.
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
    /// Forty functions that each call the next twice: the cost doubles per
    /// level until it would pass the limit; that level checks at entry, costs
    /// its callers nothing, and the doubling starts again above it.
    @Test func fanOutPastTheLimitChecksAtEntry() throws {
        let depth = 40
        var text = "(module\n"
        for level in 0..<depth { text += "(func $f\(level) (call $f\(level + 1)) (call $f\(level + 1)))\n" }
        text += "(func $f\(depth)))"
        let (_, shapes) = try shapes(text)
        let graph = CallGraph(shapes: shapes, escaping: [], importedFunctionCount: 0)
        #expect(graph.needsEntryCheck[depth] == false)
        #expect(graph.needsEntryCheck[depth - 1] == false)
        for level in 0..<depth {
            if graph.needsEntryCheck[level] {
                #expect(graph.cost[level] == 0)
            } else {
                // What the level costs: its own code and its two calls, each worth what the next level costs.
                #expect(graph.cost[level] == shapes[level].codeSize + 2 * graph.cost[level + 1])
                #expect(graph.cost[level] <= CallGraph.costLimit)
            }
        }
        // Only the levels where the cost would pass the limit check: a few, never two in a row.
        let checked = (0..<depth).filter { graph.needsEntryCheck[$0] }
        #expect(checked.count >= 2 && checked.count < depth / 2)
        for level in checked {
            #expect(shapes[level].codeSize + 2 * graph.cost[level + 1] > CallGraph.costLimit)
            #expect(!graph.needsEntryCheck[level + 1])
        }
    }

    /// A call to an unseen target (through a table, or an import) counts as
    /// an escaping function's limit: a function that is not escaping may make
    /// one, an exported function that makes two — or calls a function that
    /// makes one — checks at entry.
    @Test func unseenTargetsCountAsTheEscapingLimit() throws {
        let (module, shapes) = try shapes("""
            (module
              (import "env" "host" (func $host))
              (type $v (func))
              (table 1 funcref)
              (func $oneIndirect (call_indirect (type $v) (i32.const 0)))                   ;; 0: not escaping
              (func $twoIndirect (export "two")
                (call_indirect (type $v) (i32.const 0)) (call_indirect (type $v) (i32.const 0)))  ;; 1
              (func $callsHost (call $host))                                                ;; 2: not escaping
              (func $wrapsBoth (export "w") (call $oneIndirect)))                           ;; 3: escaping, over the limit
            """)
        let graph = CallGraph(shapes: shapes, escaping: ModuleCompiler.initiallyEscaping(module), importedFunctionCount: 1)
        #expect(graph.needsEntryCheck == [false, true, false, true])
        #expect(graph.cost[0] == shapes[0].codeSize + CallGraph.escapingCostLimit)
        #expect(graph.cost[2] == shapes[2].codeSize + CallGraph.escapingCostLimit)
    }
}
