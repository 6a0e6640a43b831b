import CLLVM
import CWasmexRuntime
import Testing
import WasmFrontend
@testable import WasmCompiler

@Suite("JIT pipeline")
struct JITPipelineTests {
    /// Builds `i32 add3(i32)` by hand, runs it through optimisation, object
    /// emission and the JIT, and calls the machine code.
    @Test(arguments: OptimizationLevel.allCases)
    func handBuiltFunctionRuns(level: OptimizationLevel) throws {
        let machine = try TargetMachine(optimization: level)
        let ir = IRModule(name: "handbuilt", machine: machine)
        let type = ir.types.function(returning: ir.types.i32, [ir.types.i32])
        let function = LLVMAddFunction(ir.module, "add3", type)
        LLVMPositionBuilderAtEnd(ir.builder, LLVMAppendBasicBlockInContext(ir.context, function, "entry"))
        let sum = LLVMBuildAdd(ir.builder, LLVMGetParam(function, 0), LLVMConstInt(ir.types.i32, 3, 0), "")
        LLVMBuildRet(ir.builder, sum)
        let object = try ir.emitObject(machine: machine, options: CompilerOptions(optimization: level, verifyIR: true))
        #expect(object.starts(with: [0x7F, 0x45, 0x4C, 0x46]))  // ELF

        let jit = try JITSession()
        let loaded = try jit.load(object: object, name: "handbuilt", symbols: ["add3"])
        let address = try #require(loaded.address(of: "add3"))
        let add3 = unsafeBitCast(address, to: (@convention(c) (Int32) -> Int32).self)
        #expect(add3(39) == 42)
        #expect(add3(-3) == 0)
    }

    @Test func missingSymbolsAreTypedErrors() throws {
        let machine = try TargetMachine(optimization: .o0)
        let ir = IRModule(name: "empty", machine: machine)
        let object = try ir.emitObject(machine: machine, options: CompilerOptions(optimization: .o0))
        let jit = try JITSession()
        #expect(throws: CompileError.self) { try jit.load(object: object, name: "empty", symbols: ["nowhere"]) }
        #expect(throws: CompileError.self) { try jit.load(object: [1, 2, 3], name: "garbage", symbols: []) }
    }

    @Test func vectorSignaturesGetEntryTrampolines() throws {
        let wasm = try WasmModule.parse(text: "(module (func (export \"add\") (param v128 v128) (result v128) (i32x4.add (local.get 0) (local.get 1))))")
        let compiled = try ModuleCompiler.compile(wasm)
        // The entry trampoline, and the adapter `tailcc` callers reach the C-convention function through.
        #expect(compiled.requiredSymbols == ["wasm_f0", "wasm_entry_vv_v", "wasm_adapt_tail_vv_v"])
    }

    @Test func compiledModulesNameTheirSymbols() throws {
        let wasm = try WasmModule.parse(text: """
        (module
          (func $internal (result i32) i32.const 1)
          (func (export "f") (result i32) call $internal)
          (func $referenced) (elem declare func $referenced)
          (func (export "g") ref.func $referenced drop))
        """)
        let compiled = try ModuleCompiler.compile(wasm)
        #expect(compiled.escapingFunctions == [1, 2, 3])
        #expect(compiled.entrySignatures.count == 2)
        #expect(compiled.requiredSymbols.contains("wasm_entry__i"))
        #expect(compiled.requiredSymbols.contains("wasm_f1"))
        #expect(!compiled.requiredSymbols.contains("wasm_f0"))
    }
}
