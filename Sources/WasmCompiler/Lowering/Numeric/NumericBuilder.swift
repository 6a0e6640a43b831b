import CLLVM

/// The IR-building helpers shared by the numeric lowering families: LLVM types for the
/// Wasm value types, constants, intrinsic calls and traps, all at the context's
/// insertion point. A thin value wrapper; it keeps no state of its own.
struct NumericBuilder<Context: NumericLoweringContext> {
    let context: Context

    init(_ context: Context) {
        self.context = context
    }

    var builder: LLVMBuilderRef { context.builder }

    // MARK: Types

    var i1Type: LLVMTypeRef { LLVMInt1TypeInContext(context.llvmContext) }
    var i32Type: LLVMTypeRef { LLVMInt32TypeInContext(context.llvmContext) }
    var i64Type: LLVMTypeRef { LLVMInt64TypeInContext(context.llvmContext) }

    /// `i32` or `i64`.
    func type(_ width: IntegerWidth) -> LLVMTypeRef {
        width == .i32 ? i32Type : i64Type
    }

    /// `float` or `double`.
    func type(_ width: FloatWidth) -> LLVMTypeRef {
        width == .f32 ? LLVMFloatTypeInContext(context.llvmContext)
                      : LLVMDoubleTypeInContext(context.llvmContext)
    }

    /// The integer type of `bits` bits (used by `extendN_s`).
    func integerType(bits: UInt32) -> LLVMTypeRef {
        LLVMIntTypeInContext(context.llvmContext, bits)
    }

    // MARK: Constants

    /// The integer constant `value` (its bit pattern, truncated to the type's width).
    func constant(_ value: UInt64, _ width: IntegerWidth) -> LLVMValueRef {
        LLVMConstInt(type(width), value, 0)
    }

    /// The float constant `value`; callers pass values exactly representable in `width`.
    func constant(_ value: Double, _ width: FloatWidth) -> LLVMValueRef {
        LLVMConstReal(type(width), value)
    }

    /// The most negative value of `width` (`INT_MIN`), as a bit pattern.
    func signedMinimum(_ width: IntegerWidth) -> LLVMValueRef {
        constant(width == .i32 ? 0x8000_0000 : 0x8000_0000_0000_0000, width)
    }

    /// All bits set (`-1`).
    func allOnes(_ width: IntegerWidth) -> LLVMValueRef {
        LLVMConstAllOnes(type(width))
    }

    // MARK: Helpers

    /// Widens an `i1` to the Wasm boolean (`i32` 0 or 1).
    func boolean(_ bit: LLVMValueRef) -> LLVMValueRef {
        LLVMBuildZExt(builder, bit, i32Type, "")
    }

    /// Calls intrinsic `name` overloaded on `types`.
    func intrinsic(_ name: String, types: [LLVMTypeRef], _ args: LLVMValueRef...) -> LLVMValueRef {
        callIntrinsic(name, types: types, args: args, builder: builder,
                      module: context.llvmModule, context: context.llvmContext)
    }

    /// Traps with `code` when `condition` holds. A condition the builder folded to the
    /// constant `false` emits nothing, so checks against constant operands vanish here
    /// instead of leaving dead trap blocks for the optimiser.
    func trap(if condition: LLVMValueRef, _ code: TrapCode) {
        if LLVMIsAConstantInt(condition) != nil, LLVMConstIntGetZExtValue(condition) == 0 {
            return
        }
        context.emitTrap(if: condition, code)
    }

    /// `a || b` on `i1` values.
    func or(_ a: LLVMValueRef, _ b: LLVMValueRef) -> LLVMValueRef {
        LLVMBuildOr(builder, a, b, "")
    }

    /// `a && b` on `i1` values.
    func and(_ a: LLVMValueRef, _ b: LLVMValueRef) -> LLVMValueRef {
        LLVMBuildAnd(builder, a, b, "")
    }

    /// `lhs <predicate> rhs` on integers.
    func icmp(_ predicate: LLVMIntPredicate, _ lhs: LLVMValueRef, _ rhs: LLVMValueRef) -> LLVMValueRef {
        LLVMBuildICmp(builder, predicate, lhs, rhs, "")
    }

    /// `lhs <predicate> rhs` on floats.
    func fcmp(_ predicate: LLVMRealPredicate, _ lhs: LLVMValueRef, _ rhs: LLVMValueRef) -> LLVMValueRef {
        LLVMBuildFCmp(builder, predicate, lhs, rhs, "")
    }

    /// `condition ? a : b`.
    func select(_ condition: LLVMValueRef, _ a: LLVMValueRef, _ b: LLVMValueRef) -> LLVMValueRef {
        LLVMBuildSelect(builder, condition, a, b, "")
    }
}
