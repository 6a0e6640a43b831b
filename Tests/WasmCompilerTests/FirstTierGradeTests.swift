import Foundation
import Testing
@testable import WasmCompiler
import WasmFrontend

/// Which first-tier functions get registers (``FirstTierGrade``): small ones
/// that loop, call themselves or are called from a loop, within the module's budget.
struct FirstTierGradeTests {
    /// A loop of `count` additions: about 2 bytes of code per `i32.add` and `local.get`.
    static func bigLoop(_ count: Int) -> String {
        "(func $big (param i32) (result i32) (loop $l " + String(repeating: "(local.set 0 (i32.add (local.get 0) (i32.const 1))) ", count: count)
            + "(br_if $l (i32.lt_u (local.get 0) (i32.const 100)))) (local.get 0))"
    }

    static let wat = """
        (module
          (import "env" "host" (func $host))
          (func $loops (param i32) (result i32)             ;; defined 0
            (loop $l (local.set 0 (i32.sub (local.get 0) (i32.const 1))) (br_if $l (local.get 0)))
            (local.get 0))
          (func $recurses (param i32) (result i32)          ;; defined 1
            (if (result i32) (local.get 0)
              (then (call $recurses (i32.sub (local.get 0) (i32.const 1))))
              (else (i32.const 0))))
          (func $straight (param i32) (result i32)          ;; defined 2
            (call $host) (i32.mul (local.get 0) (call $loops (local.get 0))))
          (func $helper (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))  ;; defined 3
          (func $caller (param i32) (result i32)            ;; defined 4: calls $helper in a loop
            (loop $l (local.set 0 (call $helper (local.get 0))) (br_if $l (i32.lt_u (local.get 0) (i32.const 9))))
            (local.get 0))
          \(bigLoop(1_000))                                 ;; defined 5: over 4 KB
        )
        """

    @Test func smallLoopingOrRecursiveFunctionsGetRegisters() throws {
        let module = try WasmModule.parse(text: Self.wat)
        let analysis = try ModuleAnalysis(module)
        #expect(analysis.shapes[5].codeSize > 4 * 1024)
        let limit = try #require(FirstTierGrade.maximumRegistersSize)
        #expect(limit == 4 * 1024 || getenv("WASMEX_FIRST_TIER_REGISTERS_SIZE") != nil)
        let split = FirstTierGrade.split([0, 1, 2, 3, 4, 5], analysis: analysis, options: CompilerOptions())
        #expect(split.registers == [0, 1, 3, 4])
        #expect(split.stackSlots == [2, 5])
        #expect(FirstTierGrade.registers.options(from: CompilerOptions()).lightPasses)
        #expect(FirstTierGrade.registers.options(from: CompilerOptions()).optimization == .o1)
        #expect(!FirstTierGrade.stackSlots.options(from: CompilerOptions()).lightPasses)
    }

    /// With backtrace details every function keeps O0's stack-slot code.
    @Test func backtraceDetailsKeepStackSlots() throws {
        let module = try WasmModule.parse(text: Self.wat)
        let analysis = try ModuleAnalysis(module)
        var options = CompilerOptions()
        options.backtraceDetails = true
        let split = FirstTierGrade.split([0, 1, 2, 3, 4, 5], analysis: analysis, options: options)
        #expect(split.registers.isEmpty)
        #expect(split.stackSlots == [0, 1, 2, 3, 4, 5])
    }

    /// The module's budget: functions get registers, first come first
    /// served, while their code fits in what is left of it.
    @Test func registersUseUpTheModuleBudget() throws {
        let module = try WasmModule.parse(text: Self.wat)
        let analysis = try ModuleAnalysis(module)
        let loops = analysis.shapes[0].codeSize
        let recurses = analysis.shapes[1].codeSize
        var budget: Int? = loops + recurses - 1
        let first = FirstTierGrade.split([0, 1, 2], analysis: analysis, options: CompilerOptions(), budget: &budget)
        #expect(first.registers == [0])
        #expect(first.stackSlots == [1, 2])
        #expect(budget == recurses - 1)
        var unlimited: Int? = nil
        #expect(FirstTierGrade.split([0, 1, 5], analysis: analysis, options: CompilerOptions(), budget: &unlimited).registers == [0, 1])
        #expect(unlimited == nil)
        var none: Int? = 0
        #expect(FirstTierGrade.split([0, 1], analysis: analysis, options: CompilerOptions(), budget: &none).registers.isEmpty)
    }

    /// A first tier compiled whole puts its registers functions in partitions
    /// of their own, after the stack-slot ones; the first partition always
    /// defines the tier table, even with no function of its own.
    @Test func wholeFirstTierCompilesRegistersPartitionsApart() throws {
        let module = try WasmModule.parse(text: Self.wat)
        var options = CompilerOptions()
        options.optimization = .o0
        options.tier = .first
        let compiled = try ModuleCompiler.compile(module, options: options)
        #expect(compiled.extraObjects.count == 1, "one stack-slot partition and one registers partition")
        #expect(compiled.hasTierTable)
        let loopsOnly = try WasmModule.parse(text: "(module (func (export \"f\") (loop $l (br $l))))")
        let alone = try ModuleCompiler.compile(loopsOnly, options: options)
        #expect(alone.extraObjects.count == 1)
        #expect(alone.hasTierTable)
    }

    /// Kernels: small leaves that loop or call themselves, and nothing else
    /// (no host, no helper, no table), and only where registers are graded.
    @Test func kernelsAreSmallLeavesThatLoopOrRecurse() throws {
        let module = try WasmModule.parse(text: Self.wat)
        let analysis = try ModuleAnalysis(module)
        let limit = try #require(FirstTierGrade.kernelMaximumSize)
        #expect(limit == 256 || getenv("WASMEX_FIRST_TIER_KERNEL_SIZE") != nil)
        let kernels = (0..<6).filter { FirstTierGrade.isKernel($0, analysis: analysis, options: CompilerOptions()) }
        #expect(kernels == [0, 1], "$loops and $recurses; $straight calls the host, $caller a helper, $big is too big")
        var noRegisters = CompilerOptions()
        noRegisters.firstTierRegistersMaximumCodeSize = nil
        #expect(!FirstTierGrade.isKernel(0, analysis: analysis, options: noRegisters))
        var details = CompilerOptions()
        details.backtraceDetails = true
        #expect(!FirstTierGrade.isKernel(1, analysis: analysis, options: details))
        let indirect = try WasmModule.parse(text: """
            (module (type $t (func)) (table 1 funcref)
              (func (loop $l (call_indirect (type $t) (i32.const 0)) (br $l))))
            """)
        #expect(!FirstTierGrade.isKernel(0, analysis: try ModuleAnalysis(indirect), options: CompilerOptions()))
    }
}
