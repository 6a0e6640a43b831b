import CLLVM
import WasmFrontend

/// What SIMD lowering needs from the function being emitted. FunctionEmitter will conform.
protocol SIMDLoweringContext: NumericLoweringContext {
    /// Bounds-checks `[zext(address) + offset, +size)` against linear memory `memarg.memory`
    /// (trapping "out of bounds memory access") and returns a pointer to it.
    func checkedAddress(_ address: LLVMValueRef, _ memarg: MemArg, accessSize: Int) -> LLVMValueRef

    /// Called with every load and store SIMD lowering emits into linear memory, so the
    /// context can attach its alias metadata (e.g. the linear-memory TBAA tag). The
    /// default does nothing, which is correct but lets LLVM assume the access may alias
    /// anything.
    func tagLinearMemoryAccess(_ access: LLVMValueRef)
}

extension SIMDLoweringContext {
    func tagLinearMemoryAccess(_ access: LLVMValueRef) {}
}

/// Lowers Wasm's `0xFD`-prefixed operators (fixed-width SIMD and relaxed SIMD) to LLVM
/// vector IR.
///
/// A `v128` is `<2 x i64>` in IR; each operator bitcasts to the lane shape it works in
/// and returns `<2 x i64>` again (see `LaneShape`). Lane order is little-endian like the
/// host, so lane `i` of a vector is element `i` of the IR vector. No fast-math flags are
/// ever set; float arithmetic uses constrained intrinsics like scalar lowering, so
/// signalling NaNs are quieted as Wasm requires. Relaxed operators take one documented
/// deterministic choice each (see `SIMDOp.loweringKind`).
enum SIMDLowering {
    /// Lowers one SIMD instruction; `operands` are popped in Wasm order (first pushed first).
    /// Returns the pushed result, or nil when the instruction pushes nothing (stores).
    ///
    /// `operands` must match ``operandCount(_:)`` and the operator's signature, which
    /// validation guarantees; passing a non-SIMD instruction is a bug in the caller.
    static func emit(
        _ instruction: Instruction, _ operands: [LLVMValueRef], in context: some SIMDLoweringContext
    ) -> LLVMValueRef? {
        precondition(operands.count == operandCount(instruction),
                     "\(instruction) takes \(operandCount(instruction)) operand(s), got \(operands.count)")
        let ir = SIMDBuilder(context)
        switch instruction {
        case .v128Const(let value):
            return ir.constant(value)
        case .i8x16Shuffle(let lanes):
            return ir.shuffleBytes(operands[0], operands[1], lanes: lanes)
        case .simd(let op):
            return ir.lower(op.loweringKind, operands)
        case .simdLane(let op, let lane):
            return op.isReplace
                ? ir.replaceLane(op, Int(lane), operands[0], operands[1])
                : ir.extractLane(op, Int(lane), operands[0])
        case .simdLoad(let op, let memarg):
            if op.isStore {
                ir.storeVector(operands[1], at: operands[0], memarg)
                return nil
            }
            return ir.load(op, at: operands[0], memarg)
        case .simdLoadLane(let op, let memarg, let lane):
            if op.isStore {
                ir.storeLane(op, Int(lane), of: operands[1], at: operands[0], memarg)
                return nil
            }
            return ir.loadLane(op, Int(lane), into: operands[1], at: operands[0], memarg)
        default:
            preconditionFailure("\(instruction) is not a SIMD instruction")
        }
    }

    /// How many operands `instruction` pops (from the front end's signatures); 0 for
    /// instructions that are not SIMD.
    static func operandCount(_ instruction: Instruction) -> Int {
        switch instruction {
        case .v128Const: 0
        case .i8x16Shuffle: 2
        case .simd(let op): op.signature.parameters.count
        case .simdLane(let op, _): op.signature.parameters.count
        case .simdLoad(let op, _): op.isStore ? 2 : 1
        case .simdLoadLane: 2
        default: 0
        }
    }

    /// Whether `instruction` is one ``emit(_:_:in:)`` lowers.
    static func handles(_ instruction: Instruction) -> Bool {
        switch instruction {
        case .v128Const, .i8x16Shuffle, .simd, .simdLane, .simdLoad, .simdLoadLane: true
        default: false
        }
    }
}

extension SIMDBuilder {
    /// Lowers an operator without immediates by family.
    func lower(_ kind: SIMDLoweringKind, _ operands: [LLVMValueRef]) -> LLVMValueRef {
        switch kind {
        case .splat(let shape): splat(operands[0], shape)
        case .swizzle: swizzle(operands[0], operands[1])
        case .integerUnary(let shape, let op): integerUnary(op, shape, operands[0])
        case .integerBinary(let shape, let op): integerBinary(op, shape, operands[0], operands[1])
        case .integerCompare(let shape, let op): integerCompare(op, shape, operands[0], operands[1])
        case .shift(let shape, let op): shift(op, shape, operands[0], by: operands[1])
        case .floatUnary(let shape, let op): floatUnary(op, shape, operands[0])
        case .floatBinary(let shape, let op): floatBinary(op, shape, operands[0], operands[1])
        case .floatTernary(let shape, let op): floatTernary(op, shape, operands[0], operands[1], operands[2])
        case .floatCompare(let shape, let op): floatCompare(op, shape, operands[0], operands[1])
        case .bitwise(let op): bitwise(op, operands)
        case .test(let op): test(op, operands[0])
        case .conversion(let op): conversion(op, operands)
        case .widening(let op): widening(op, operands)
        }
    }
}
