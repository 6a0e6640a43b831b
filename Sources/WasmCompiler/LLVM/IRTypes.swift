import CLLVM
import WasmFrontend

/// The LLVM types generated code uses, created once per LLVM context.
///
/// Wasm values map to `i32`, `i64`, `float`, `double`; both reference types
/// are opaque pointers (`null` is the null reference). A Wasm function
/// `[params] -> [results]` becomes `R fn(ptr vmctx, ptr caller_vmctx, params...)`
/// where `R` is `void`, the single result type, or a literal struct of all
/// results (LLVM demotes large structs to a hidden sret pointer itself), called
/// with the module's convention: C, or `tailcc` in a module with tail calls
/// (``WasmCallingConvention``); floating-point and vector values beyond the
/// registers for them travel as integers (``SignatureLowering``).
struct IRTypes {
    let void: LLVMTypeRef
    let i1: LLVMTypeRef
    let i8: LLVMTypeRef
    let i32: LLVMTypeRef
    let i64: LLVMTypeRef
    let f32: LLVMTypeRef
    let f64: LLVMTypeRef
    let ptr: LLVMTypeRef

    init(_ context: LLVMContextRef) {
        void = LLVMVoidTypeInContext(context)
        i1 = LLVMInt1TypeInContext(context)
        i8 = LLVMInt8TypeInContext(context)
        i32 = LLVMInt32TypeInContext(context)
        i64 = LLVMInt64TypeInContext(context)
        f32 = LLVMFloatTypeInContext(context)
        f64 = LLVMDoubleTypeInContext(context)
        ptr = LLVMPointerTypeInContext(context, 0)
        self.context = context
    }

    private let context: LLVMContextRef

    /// The IR type of a Wasm value type (`v128` is rejected before lowering).
    func value(_ type: ValueType) -> LLVMTypeRef {
        switch type {
        case .i32: return i32
        case .i64: return i64
        case .f32: return f32
        case .f64: return f64
        case .v128: return LLVMVectorType(i64, 2)
        case .ref: return ptr
        }
    }

    /// A literal struct of `members`.
    func structure(_ members: [LLVMTypeRef]) -> LLVMTypeRef {
        var members: [LLVMTypeRef?] = members
        return members.withUnsafeMutableBufferPointer {
            LLVMStructTypeInContext(context, $0.baseAddress, UInt32($0.count), 0)
        }
    }

    /// The IR return type of a Wasm function of type `type` (``SignatureLowering``).
    func returnType(_ type: FunctionType) -> LLVMTypeRef {
        SignatureLowering(type).returnType(self)
    }

    /// The IR function type of a Wasm function of type `type` (``SignatureLowering``).
    func function(_ type: FunctionType) -> LLVMTypeRef {
        SignatureLowering(type).functionType(self)
    }

    /// A function type from explicit IR types.
    func function(returning result: LLVMTypeRef, _ parameters: [LLVMTypeRef]) -> LLVMTypeRef {
        var parameters: [LLVMTypeRef?] = parameters
        return parameters.withUnsafeMutableBufferPointer {
            LLVMFunctionType(result, $0.baseAddress, UInt32($0.count), 0)
        }
    }

    /// The zero value of `type` (used for locals and dead-code placeholders).
    func zero(_ type: ValueType) -> LLVMValueRef {
        LLVMConstNull(value(type))
    }
}
