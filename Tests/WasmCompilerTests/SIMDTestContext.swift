import CLLVM
@testable import WasmCompiler
import WasmFrontend

/// The `SIMDLoweringContext` used by the SIMD tests. Each generated function has the shape
/// `void f(ptr slots, ptr memory)`: operand `i` is read from the 16 bytes at
/// `slots + 16 * i`, the result is written at `slots + resultOffset`, and a trap stores
/// its code at `slots + trapOffset` and returns at once. `memory` is a fake linear memory
/// of `memorySize` bytes, bounds-checked like the real one.
final class SIMDTestContext: SIMDLoweringContext {
    static let resultOffset: UInt64 = 48
    static let trapOffset: UInt64 = 64
    static let slotBytes = 72
    static let memorySize: UInt64 = 64

    let builder: LLVMBuilderRef
    let llvmContext: LLVMContextRef
    let llvmModule: LLVMModuleRef
    let function: LLVMValueRef
    let slots: LLVMValueRef
    let memory: LLVMValueRef
    /// How many memory accesses lowering reported through `tagLinearMemoryAccess`.
    private(set) var taggedAccesses = 0

    init(builder: LLVMBuilderRef, context: LLVMContextRef, module: LLVMModuleRef, function: LLVMValueRef) {
        self.builder = builder
        self.llvmContext = context
        self.llvmModule = module
        self.function = function
        self.slots = LLVMGetParam(function, 0)
        self.memory = LLVMGetParam(function, 1)
    }

    var i64: LLVMTypeRef { LLVMInt64TypeInContext(llvmContext) }

    func emitTrap(if condition: LLVMValueRef, _ trap: TrapCode) {
        let trapBlock = LLVMAppendBasicBlockInContext(llvmContext, function, "trap")
        let continueBlock = LLVMAppendBasicBlockInContext(llvmContext, function, "continue")
        LLVMBuildCondBr(builder, condition, trapBlock, continueBlock)
        LLVMPositionBuilderAtEnd(builder, trapBlock)
        LLVMBuildStore(builder, LLVMConstInt(LLVMInt32TypeInContext(llvmContext), UInt64(trap.rawValue), 0),
                       byteAddress(slots, LLVMConstInt(i64, Self.trapOffset, 0)))
        LLVMBuildRetVoid(builder)
        LLVMPositionBuilderAtEnd(builder, continueBlock)
    }

    func checkedAddress(_ address: LLVMValueRef, _ memarg: MemArg, accessSize: Int) -> LLVMValueRef {
        let effective = LLVMBuildAdd(builder, LLVMBuildZExt(builder, address, i64, ""),
                                     LLVMConstInt(i64, memarg.offset, 0), "")!
        let end = LLVMBuildAdd(builder, effective, LLVMConstInt(i64, UInt64(accessSize), 0), "")
        emitTrap(if: LLVMBuildICmp(builder, LLVMIntUGT, end, LLVMConstInt(i64, Self.memorySize, 0), ""),
                 .memoryOutOfBounds)
        return byteAddress(memory, effective)
    }

    func tagLinearMemoryAccess(_ access: LLVMValueRef) {
        taggedAccesses += 1
    }

    /// `base + offset` (bytes).
    func byteAddress(_ base: LLVMValueRef, _ offset: LLVMValueRef) -> LLVMValueRef {
        var indices: [LLVMValueRef?] = [offset]
        return indices.withUnsafeMutableBufferPointer {
            LLVMBuildGEP2(builder, LLVMInt8TypeInContext(llvmContext), base, $0.baseAddress, 1, "")
        }
    }

    /// Loads operand `index`, of Wasm type `type`, from its slot.
    func loadOperand(_ index: Int, as type: ValueType) -> LLVMValueRef {
        let irType: LLVMTypeRef = switch type {
        case .i32: LLVMInt32TypeInContext(llvmContext)
        case .i64: i64
        case .f32: LLVMFloatTypeInContext(llvmContext)
        case .f64: LLVMDoubleTypeInContext(llvmContext)
        default: LLVMVectorType(i64, 2)
        }
        let pointer = byteAddress(slots, LLVMConstInt(i64, UInt64(16 * index), 0))
        let load = LLVMBuildLoad2(builder, irType, pointer, "")!
        LLVMSetAlignment(load, 1)
        return load
    }

    /// Stores `value` (any type of at most 16 bytes) as the result.
    func storeResult(_ value: LLVMValueRef) {
        let store = LLVMBuildStore(builder, value, byteAddress(slots, LLVMConstInt(i64, Self.resultOffset, 0)))
        LLVMSetAlignment(store, 1)
    }
}
