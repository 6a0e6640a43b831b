import CLLVM
@testable import WasmCompiler
import WasmFrontend

/// The `NumericLoweringContext` used by the tests: each generated function has the shape
/// `void f(i64* slots)`; operands come from `slots[0...1]`, the result goes to `slots[2]`
/// and a trap stores its code in `slots[3]` and returns at once.
final class NumericTestContext: NumericLoweringContext {
    let builder: LLVMBuilderRef
    let llvmContext: LLVMContextRef
    let llvmModule: LLVMModuleRef
    let function: LLVMValueRef
    let slots: LLVMValueRef

    init(builder: LLVMBuilderRef, context: LLVMContextRef, module: LLVMModuleRef, function: LLVMValueRef) {
        self.builder = builder
        self.llvmContext = context
        self.llvmModule = module
        self.function = function
        self.slots = LLVMGetParam(function, 0)
    }

    func emitTrap(if condition: LLVMValueRef, _ trap: TrapCode) {
        let trapBlock = LLVMAppendBasicBlockInContext(llvmContext, function, "trap")
        let continueBlock = LLVMAppendBasicBlockInContext(llvmContext, function, "continue")
        LLVMBuildCondBr(builder, condition, trapBlock, continueBlock)
        LLVMPositionBuilderAtEnd(builder, trapBlock)
        store(LLVMConstInt(LLVMInt64TypeInContext(llvmContext), UInt64(trap.rawValue), 0), slot: 3)
        LLVMBuildRetVoid(builder)
        LLVMPositionBuilderAtEnd(builder, continueBlock)
    }

    func slotAddress(_ index: UInt64) -> LLVMValueRef {
        let i64 = LLVMInt64TypeInContext(llvmContext)
        var indices: [LLVMValueRef?] = [LLVMConstInt(i64, index, 0)]
        return indices.withUnsafeMutableBufferPointer {
            LLVMBuildGEP2(builder, i64, slots, $0.baseAddress, 1, "")
        }
    }

    func store(_ value: LLVMValueRef, slot: UInt64) {
        LLVMBuildStore(builder, value, slotAddress(slot))
    }

    /// Converts the 64-bit pattern `bits` to the IR representation of `type`.
    func fromBits(_ bits: LLVMValueRef, as type: ValueType) -> LLVMValueRef {
        let i32 = LLVMInt32TypeInContext(llvmContext)
        switch type {
        case .i32: return LLVMBuildTrunc(builder, bits, i32, "")
        case .f32: return LLVMBuildBitCast(builder, LLVMBuildTrunc(builder, bits, i32, ""),
                                           LLVMFloatTypeInContext(llvmContext), "")
        case .f64: return LLVMBuildBitCast(builder, bits, LLVMDoubleTypeInContext(llvmContext), "")
        default: return bits
        }
    }

    /// Converts a value of `type` to its 64-bit pattern.
    func toBits(_ value: LLVMValueRef, of type: ValueType) -> LLVMValueRef {
        let i64 = LLVMInt64TypeInContext(llvmContext)
        switch type {
        case .i32: return LLVMBuildZExt(builder, value, i64, "")
        case .f32: return LLVMBuildZExt(builder, LLVMBuildBitCast(builder, value, LLVMInt32TypeInContext(llvmContext), ""), i64, "")
        case .f64: return LLVMBuildBitCast(builder, value, i64, "")
        default: return value
        }
    }

    /// The operand constant of `type` whose bit pattern is `bits`.
    func constant(_ bits: UInt64, as type: ValueType) -> LLVMValueRef {
        let i64 = LLVMInt64TypeInContext(llvmContext)
        return fromBits(LLVMConstInt(i64, bits, 0), as: type)
    }
}
