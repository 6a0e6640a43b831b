import Testing
@testable import WasmCompiler
import WasmFrontend

/// The orders tiering works in: which bodies are compiled ahead of their
/// first calls (and in what order), and which callees a hot function takes
/// along into its optimised object.
struct TieringOrderTests {
    static let wat = """
        (module
          (import "env" "host" (func $host))
          (table 1 funcref)
          (elem (i32.const 0) $viaTable)
          (func $start (call $init))                         ;; 1 (defined 0)
          (func $init)                                       ;; 2
          (func $main (export "main") (call $helper) (call $host) (call $printf))  ;; 3
          (func $helper (call $leaf))                        ;; 4
          (func $leaf)                                       ;; 5
          (func $printf (call $leaf))                        ;; 6
          (func $viaTable (call $tableLeaf))                 ;; 7
          (func $tableLeaf)                                  ;; 8
          (func $dead (call $leaf))                          ;; 9: nothing reaches it
          (start $start))
        """

    @Test func aheadOfTimeOrderIsBreadthFirstFromStartThenExportsThenTables() throws {
        let module = try WasmModule.parse(text: Self.wat)
        let analysis = try ModuleAnalysis(module)
        // Defined indices: start 0, init 1, main 2, helper 3, leaf 4, printf 5, viaTable 6, tableLeaf 7, dead 8.
        #expect(LazyCompiler.aheadOfTimeOrder(module, analysis: analysis) == [0, 1, 2, 3, 5, 4, 6, 7])
    }

    @Test func hotFunctionsCopyOnlyWarmCallees() throws {
        let module = try WasmModule.parse(text: Self.wat)
        let analysis = try ModuleAnalysis(module)
        // main (defined 2) calls helper (3) and printf (5); both call leaf (4).
        #expect(HotFunctionCompiler.inlineCandidates(of: 2, analysis: analysis) == [3, 5, 4])
        // printf ran once, so it and what only it would bring stay out.
        let warm: Set<Int> = [3, 4]
        #expect(HotFunctionCompiler.inlineCandidates(of: 2, analysis: analysis, isWarm: { warm.contains($0) }) == [3, 4])
        #expect(HotFunctionCompiler.inlineCandidates(of: 2, analysis: analysis, isWarm: { _ in false }) == [])
    }

    /// Which hot functions get a quick stage before their optimised code:
    /// by their own code and the callee copies the optimised compile would
    /// take in; over the large-function size, only the quick stage.
    @Test func quickStageByTheCodeAnOptimizedCompileTakesIn() throws {
        let large = HotFunctionCompiler.largeFunctionSize
        #expect(HotFunctionCompiler.stages(forCodeSize: 2_047, minimumQuickSize: 2_048) == [.optimized])
        #expect(HotFunctionCompiler.stages(forCodeSize: 2_048, minimumQuickSize: 2_048) == [.quick, .optimized])
        #expect(HotFunctionCompiler.stages(forCodeSize: 1_000, withCopies: 1_048, minimumQuickSize: 2_048) == [.quick, .optimized])
        #expect(HotFunctionCompiler.stages(forCodeSize: large, minimumQuickSize: 2_048) == [.quick, .optimized])
        #expect(HotFunctionCompiler.stages(forCodeSize: large + 1, minimumQuickSize: 2_048) == [.quick])
        #expect(HotFunctionCompiler.stages(forCodeSize: large + 1, minimumQuickSize: nil) == [.quick])
        #expect(HotFunctionCompiler.stages(forCodeSize: 10_000, minimumQuickSize: nil) == [.optimized])

        // main's copies are helper, printf and leaf (all warm without counters):
        // their code counts toward the threshold, so a threshold just above
        // main's own size sends it to the quick stage only with them.
        let module = try WasmModule.parse(text: Self.wat)
        let analysis = try ModuleAnalysis(module)
        let own = analysis.shapes[2].codeSize
        let copied = [3, 5, 4].reduce(0) { $0 + analysis.shapes[$1].codeSize }
        #expect(copied > 0)
        let options = CompilerOptions()
        #expect(HotFunctionCompiler.stages(of: 2, analysis: analysis, options: options, hotness: nil,
                                           minimumQuickSize: own + copied) == [.quick, .optimized])
        #expect(HotFunctionCompiler.stages(of: 2, analysis: analysis, options: options, hotness: { _ in 0 },
                                           minimumQuickSize: own + copied) == [.optimized])
    }
}
