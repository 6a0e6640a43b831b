import CLLVM

/// The IR-building helpers shared by the SIMD lowering families: vector types per lane
/// shape, casts between the `<2 x i64>` carrier and a lane view, constant vectors,
/// splats, shuffles and widening, all at the context's insertion point.
/// A thin value wrapper like `NumericBuilder`, which it reuses for intrinsic calls and
/// constrained floating point.
struct SIMDBuilder<Context: SIMDLoweringContext> {
    let context: Context
    let numeric: NumericBuilder<Context>

    init(_ context: Context) {
        self.context = context
        self.numeric = NumericBuilder(context)
    }

    var builder: LLVMBuilderRef { context.builder }

    // MARK: Types

    var i32Type: LLVMTypeRef { LLVMInt32TypeInContext(context.llvmContext) }
    var i64Type: LLVMTypeRef { LLVMInt64TypeInContext(context.llvmContext) }

    /// The integer type of `bits` bits.
    func integerType(bits: UInt32) -> LLVMTypeRef {
        LLVMIntTypeInContext(context.llvmContext, bits)
    }

    /// The lane type of `shape` (`i8`, …, `float`, `double`).
    func laneType(_ shape: LaneShape) -> LLVMTypeRef {
        switch shape {
        case .f32x4: LLVMFloatTypeInContext(context.llvmContext)
        case .f64x2: LLVMDoubleTypeInContext(context.llvmContext)
        default: integerType(bits: shape.laneBits)
        }
    }

    /// `<laneCount x laneType>` for `shape`.
    func vectorType(_ shape: LaneShape) -> LLVMTypeRef {
        LLVMVectorType(laneType(shape), UInt32(shape.laneCount))
    }

    /// `<count x iBITS>`; the intermediate shapes of widening operators (e.g. `<8 x i32>`).
    func vectorType(bits: UInt32, count: Int) -> LLVMTypeRef {
        LLVMVectorType(integerType(bits: bits), UInt32(count))
    }

    /// `<2 x i64>`, the carrier type of every Wasm `v128` value.
    var v128Type: LLVMTypeRef { LLVMVectorType(i64Type, 2) }

    // MARK: Casts

    /// Views a 128-bit vector as `shape` (a bitcast; no instruction if already that type).
    func view(_ value: LLVMValueRef, as shape: LaneShape) -> LLVMValueRef {
        bitcast(value, to: vectorType(shape))
    }

    /// Returns a 128-bit vector in the `v128` carrier type `<2 x i64>`.
    func v128(_ value: LLVMValueRef) -> LLVMValueRef {
        bitcast(value, to: v128Type)
    }

    /// A bitcast between 128-bit vector types. A constant vector is re-encoded
    /// as a plain constant vector of `type` (same bits, NaN payloads included)
    /// rather than left as a `bitcast` constant expression, which LLVM 19's IR
    /// constant folder does not fold: operations on such expressions then stay
    /// unfolded until the code generator, and without an IR pipeline (`O0`)
    /// its DAG combiner can loop forever on them (fuzz seed 1560: `i32x4.lt_s`
    /// of two `v128.const`, `f64x2.abs`, `i32x4.trunc_sat_f32x4_u`,
    /// `f64x2.promote_low_f32x4` never finished compiling at O0;
    /// `Tests/Fuzz/regressions/simd-o0-constant-bitcast-seed1560.wast`).
    /// Folded here, the IR builder folds the operations on it as well.
    private func bitcast(_ value: LLVMValueRef, to type: LLVMTypeRef) -> LLVMValueRef {
        if LLVMTypeOf(value) != type, LLVMIsConstant(value) != 0, let bits = Self.constantBits(value) {
            return constant(bits: bits, of: type) ?? LLVMBuildBitCast(builder, value, type, "")
        }
        return LLVMBuildBitCast(builder, value, type, "")
    }

    /// The lanes of a constant 128-bit vector as 16 little-endian bytes; nil
    /// unless every lane is an integer or floating-point constant.
    private static func constantBits(_ value: LLVMValueRef) -> [UInt8]? {
        let type = LLVMTypeOf(value)
        guard LLVMGetTypeKind(type) == LLVMVectorTypeKind else { return nil }
        let count = Int(LLVMGetVectorSize(type))
        guard let laneType = LLVMGetElementType(type), let laneBits = scalarBits(laneType), laneBits * count == 128
        else { return nil }
        var bytes: [UInt8] = []
        for index in 0..<count {
            guard var lane = LLVMGetAggregateElement(value, UInt32(index)) else { return nil }
            if LLVMIsAConstantFP(lane) != nil {
                lane = LLVMConstBitCast(lane, LLVMIntTypeInContext(LLVMGetTypeContext(type), UInt32(laneBits)))
            }
            guard LLVMIsAConstantInt(lane) != nil else { return nil }
            let pattern = LLVMConstIntGetZExtValue(lane)
            for byte in 0..<(laneBits / 8) { bytes.append(UInt8(truncatingIfNeeded: pattern >> (8 * byte))) }
        }
        return bytes
    }

    /// The constant vector of `type` whose bytes are `bits`; nil for lane types
    /// other than integers of whole bytes, `float` and `double`.
    private func constant(bits: [UInt8], of type: LLVMTypeRef) -> LLVMValueRef? {
        guard LLVMGetTypeKind(type) == LLVMVectorTypeKind else { return nil }
        let count = Int(LLVMGetVectorSize(type))
        guard let laneType = LLVMGetElementType(type), let laneBits = Self.scalarBits(laneType), laneBits * count == bits.count * 8 else { return nil }
        let laneBytes = laneBits / 8
        let isInteger = LLVMGetTypeKind(laneType) == LLVMIntegerTypeKind
        let lanes = (0..<count).map { index -> LLVMValueRef in
            var pattern: UInt64 = 0
            for byte in 0..<laneBytes { pattern |= UInt64(bits[index * laneBytes + byte]) << (8 * byte) }
            let integer = LLVMConstInt(isInteger ? laneType : integerType(bits: UInt32(laneBits)), pattern, 0)!
            // A scalar integer-to-float bitcast folds to the exact ConstantFP.
            return isInteger ? integer : LLVMConstBitCast(integer, laneType)
        }
        return constantVector(lanes)
    }

    /// The width of an integer lane type of whole bytes (at most 64 bits), `float` or `double`.
    private static func scalarBits(_ type: LLVMTypeRef) -> Int? {
        switch LLVMGetTypeKind(type) {
        case LLVMIntegerTypeKind:
            let width = Int(LLVMGetIntTypeWidth(type))
            return width % 8 == 0 && width <= 64 ? width : nil
        case LLVMFloatTypeKind: return 32
        case LLVMDoubleTypeKind: return 64
        default: return nil
        }
    }

    // MARK: Constants

    /// The `i32` constant `value`.
    func i32(_ value: UInt32) -> LLVMValueRef {
        LLVMConstInt(i32Type, UInt64(value), 0)
    }

    /// A constant vector of `count` integer lanes of `bits` bits, each `bitPattern` (truncated).
    func splatConstant(_ bitPattern: UInt64, bits: UInt32, count: Int) -> LLVMValueRef {
        constantVector(Array(repeating: LLVMConstInt(integerType(bits: bits), bitPattern, 0), count: count))
    }

    /// A constant vector of `shape`'s integer lanes, each `bitPattern` (truncated to the lane).
    func splatConstant(_ bitPattern: UInt64, _ shape: LaneShape) -> LLVMValueRef {
        splatConstant(bitPattern, bits: shape.laneBits, count: shape.laneCount)
    }

    /// The constant vector of `elements`.
    func constantVector(_ elements: [LLVMValueRef]) -> LLVMValueRef {
        var elements: [LLVMValueRef?] = elements
        return elements.withUnsafeMutableBufferPointer {
            LLVMConstVector($0.baseAddress, UInt32($0.count))
        }
    }

    /// The all-zero value of `type`.
    func zero(_ type: LLVMTypeRef) -> LLVMValueRef { LLVMConstNull(type) }

    // MARK: Lane movement

    /// `shufflevector a, b, mask`; indices `0..<n` pick from `a`, `n..<2n` from `b`.
    /// Without `b`, only `a` is read (the second operand is poison).
    func shuffle(_ a: LLVMValueRef, _ b: LLVMValueRef? = nil, mask: [Int]) -> LLVMValueRef {
        let second = b ?? LLVMGetPoison(LLVMTypeOf(a))
        let maskVector = constantVector(mask.map { i32(UInt32(truncatingIfNeeded: $0)) })
        return LLVMBuildShuffleVector(builder, a, second, maskVector, "")
    }

    /// A vector of `count` copies of `scalar` (insertelement + broadcast shuffle).
    func splat(_ scalar: LLVMValueRef, count: Int) -> LLVMValueRef {
        let vectorType = LLVMVectorType(LLVMTypeOf(scalar), UInt32(count))
        let single: LLVMValueRef = LLVMBuildInsertElement(builder, LLVMGetPoison(vectorType), scalar, i32(0), "")
        return shuffle(single, mask: Array(repeating: 0, count: count))
    }

    /// The low or high half of a vector of `count` lanes, as a vector of `count / 2` lanes.
    func half(_ vector: LLVMValueRef, count: Int, high: Bool) -> LLVMValueRef {
        let start = high ? count / 2 : 0
        return shuffle(vector, mask: Array(start..<(start + count / 2)))
    }

    /// Lanes `0, 2, 4, …` (`odd: false`) or `1, 3, 5, …` of a vector of `count` lanes.
    func alternateLanes(_ vector: LLVMValueRef, count: Int, odd: Bool) -> LLVMValueRef {
        shuffle(vector, mask: Array(stride(from: odd ? 1 : 0, to: count, by: 2)))
    }

    /// `a`'s lanes followed by `b`'s (both of `count` lanes).
    func concatenate(_ a: LLVMValueRef, _ b: LLVMValueRef, count: Int) -> LLVMValueRef {
        shuffle(a, b, mask: Array(0..<(2 * count)))
    }

    /// Sign- or zero-extends each integer lane of `vector` (`count` lanes) to `bits` bits.
    func extend(_ vector: LLVMValueRef, count: Int, toBits bits: UInt32, _ signedness: Signedness) -> LLVMValueRef {
        let type = vectorType(bits: bits, count: count)
        return signedness == .signed
            ? LLVMBuildSExt(builder, vector, type, "")
            : LLVMBuildZExt(builder, vector, type, "")
    }

    /// Widens a vector of `i1` lanes to Wasm's lane masks: all ones (true) or zero, in `shape`.
    func laneMask(_ bits: LLVMValueRef, _ shape: LaneShape) -> LLVMValueRef {
        v128(LLVMBuildSExt(builder, bits, vectorType(shape.integerShape), ""))
    }

    // MARK: Target

    /// Whether the module is compiled for x86 (`IRModule` sets the triple before any IR
    /// is emitted). A few operators have an x86 instruction that LLVM 19 does not select
    /// from their generic IR; their lowering says which and why.
    var targetIsX86: Bool {
        guard let triple = LLVMGetTarget(context.llvmModule) else { return false }
        let text = String(cString: triple)
        return text.hasPrefix("x86_64") || text.hasPrefix("i386") || text.hasPrefix("i686")
    }

    // MARK: Calls

    /// Calls intrinsic `name` overloaded on `types` with `args`.
    func intrinsic(_ name: String, types: [LLVMTypeRef], _ args: [LLVMValueRef]) -> LLVMValueRef {
        callIntrinsic(name, types: types, args: args, builder: builder,
                      module: context.llvmModule, context: context.llvmContext)
    }
}
