import CLLVM
import WasmFrontend

/// How the Wasm calling convention (``WasmCallingConvention``) carries each parameter and
/// result of a Wasm function type in LLVM IR.
///
/// A floating-point or vector value travels in its own IR type (`float`, `double`,
/// `<2 x i64>`) only while it gets a floating-point/vector register; past that it travels
/// as its bit pattern in integers (`f32` → `i32`, `f64` → `i64`, `v128` → two `i64`).
/// Everything that ends up on the stack or in a general-purpose register is then an
/// integer, and LLVM's `tailcc` lowering of the rest is not relied on:
///
/// - **Parameters.** On x86-64, LLVM 19 miscounts the stack-argument area of a `tailcc`
///   call that puts a `<2 x i64>` and then a `float` on the stack (nine vector parameters
///   and a float): the callee pops 24 bytes, the caller re-adjusts `rsp` by 40, and the
///   caller returns to a wrong address — a guest crashing the host (fuzz seed 155979,
///   `Tests/Fuzz/regressions/params-tailcc-v128-then-f32-stack-seed155979.wast`). The first
///   eight floating-point/vector parameters get XMM0–XMM7 (AArch64: V0–V7); the rest
///   are lowered.
/// - **Results.** LLVM 19 on x86-64 returns the first few `float`/`double` results in XMM
///   registers (two under the C convention, three under `tailcc` as observed) and vectors
///   in XMM0–XMM3; a further `float`/`double` result goes through x87's `st0`/`st1`, and
///   loading a signalling NaN there quiets it (fuzz seed 155415,
///   `Tests/Fuzz/regressions/results-tailcc-fourth-float-result-snan-seed155415.wast`).
///   So an `f32`/`f64` result stays a float only while fewer than two floating-point/vector
///   results precede it, a `v128` only while fewer than four do.
///
/// Signatures of the common kind (up to eight float/vector parameters, one result, or two
/// float/vector results) lower to exactly the IR they had before; only the unusual ones pay
/// a `movd`/`movq` per value. A single result is always carried as itself.
///
/// The lowering is part of the ABI of a funcref record's code pointer (Wasm functions,
/// exit trampolines, entry trampolines' calls, OSR entries), so it is the same everywhere
/// and AOT objects record it by their format version (8).
struct SignatureLowering {
    /// How one value is carried.
    enum Passing: Equatable {
        /// In its own IR type.
        case value
        /// As integer bit patterns (`f32` → `i32`, `f64` → `i64`, `v128` → two `i64`).
        case bits
    }

    /// Floating-point/vector argument registers of the Wasm convention on every supported
    /// target (x86-64: XMM0–XMM7, AArch64: V0–V7).
    static let floatParameterRegisters = 8
    /// Registers that return `f32`/`f64` results on x86-64 under every convention (XMM0, XMM1).
    static let floatResultRegisters = 2
    /// Registers that return vector results on x86-64 (XMM0–XMM3).
    static let vectorResultRegisters = 4

    let type: FunctionType
    let parameters: [Passing]
    let results: [Passing]

    init(_ type: FunctionType) {
        self.type = type
        var registers = 0
        parameters = type.parameters.map { parameter in
            guard parameter.isFloatOrVector else { return .value }
            guard registers < Self.floatParameterRegisters else { return .bits }
            registers += 1
            return .value
        }
        registers = 0
        results = type.results.map { result in
            let limit: Int
            switch result {
            case .f32, .f64: limit = Self.floatResultRegisters
            case .v128: limit = Self.vectorResultRegisters
            case .i32, .i64, .ref: return .value
            }
            guard registers < limit else { return .bits }
            registers += 1
            return .value
        }
    }

    /// How many IR values carry one value (a `v128` carried as bits is two).
    static func partCount(_ type: ValueType, _ passing: Passing) -> Int {
        if passing == .bits, case .v128 = type { return 2 }
        return 1
    }

    /// The IR types that carry one value.
    static func parts(_ type: ValueType, _ passing: Passing, _ types: IRTypes) -> [LLVMTypeRef] {
        guard passing == .bits else { return [types.value(type)] }
        switch type {
        case .f32: return [types.i32]
        case .f64: return [types.i64]
        case .v128: return [types.i64, types.i64]
        case .i32, .i64, .ref: return [types.value(type)]
        }
    }

    /// The IR types of the results, in order (a `v128` carried as bits is two).
    func resultParts(_ types: IRTypes) -> [LLVMTypeRef] {
        zip(type.results, results).flatMap { Self.parts($0, $1, types) }
    }

    /// The IR return type: `void`, the single carried type, or a literal struct of them all
    /// (LLVM demotes a struct too large for the return registers to a hidden sret pointer).
    func returnType(_ types: IRTypes) -> LLVMTypeRef {
        let parts = resultParts(types)
        switch parts.count {
        case 0: return types.void
        case 1: return parts[0]
        default: return types.structure(parts)
        }
    }

    /// The IR function type: `R fn(ptr vmctx, ptr caller_vmctx, parameters...)`.
    func functionType(_ types: IRTypes) -> LLVMTypeRef {
        let carried = zip(type.parameters, parameters).flatMap { Self.parts($0, $1, types) }
        return types.function(returning: returnType(types), [types.ptr, types.ptr] + carried)
    }

    // MARK: Converting values

    /// The IR values that carry Wasm `value` of `type`.
    static func carry(_ value: LLVMValueRef, _ type: ValueType, _ passing: Passing,
                      _ builder: LLVMBuilderRef, _ types: IRTypes) -> [LLVMValueRef] {
        guard passing == .bits else { return [value] }
        switch type {
        case .f32: return [LLVMBuildBitCast(builder, value, types.i32, "")]
        case .f64: return [LLVMBuildBitCast(builder, value, types.i64, "")]
        case .v128:
            return (0..<2).map { LLVMBuildExtractElement(builder, value, LLVMConstInt(types.i32, UInt64($0), 0), "") }
        case .i32, .i64, .ref: return [value]
        }
    }

    /// The Wasm value of `type` that `parts` carry.
    static func restore(_ parts: ArraySlice<LLVMValueRef>, _ type: ValueType, _ passing: Passing,
                        _ builder: LLVMBuilderRef, _ types: IRTypes) -> LLVMValueRef {
        let first = parts[parts.startIndex]
        guard passing == .bits else { return first }
        switch type {
        case .f32, .f64: return LLVMBuildBitCast(builder, first, types.value(type), "")
        case .v128:
            var vector: LLVMValueRef = LLVMGetUndef(types.value(.v128))
            for (lane, part) in parts.enumerated() {
                vector = LLVMBuildInsertElement(builder, vector, part, LLVMConstInt(types.i32, UInt64(lane), 0), "")
            }
            return vector
        case .i32, .i64, .ref: return first
        }
    }

    /// Splits a flat list of carried values back into Wasm values.
    private static func restoreAll(_ carried: [LLVMValueRef], _ valueTypes: [ValueType], _ passing: [Passing],
                                   _ builder: LLVMBuilderRef, _ types: IRTypes) -> [LLVMValueRef] {
        var position = 0
        return zip(valueTypes, passing).map { valueType, how in
            let count = partCount(valueType, how)
            defer { position += count }
            return restore(carried[position..<position + count], valueType, how, builder, types)
        }
    }

    /// The call arguments after the two context pointers, for Wasm `arguments`.
    func arguments(_ arguments: [LLVMValueRef], _ builder: LLVMBuilderRef, _ types: IRTypes) -> [LLVMValueRef] {
        zip(arguments, zip(type.parameters, parameters)).flatMap { Self.carry($0, $1.0, $1.1, builder, types) }
    }

    /// The Wasm parameter values of `function` (a function of this signature).
    func parameterValues(of function: LLVMValueRef, _ builder: LLVMBuilderRef, _ types: IRTypes) -> [LLVMValueRef] {
        let carried = (2..<LLVMCountParams(function)).map { LLVMGetParam(function, $0)! }
        return Self.restoreAll(carried, type.parameters, parameters, builder, types)
    }

    /// The Wasm results of `call` (a call of a function of this signature).
    func resultValues(of call: LLVMValueRef, _ builder: LLVMBuilderRef, _ types: IRTypes) -> [LLVMValueRef] {
        let count = zip(type.results, results).reduce(0) { $0 + Self.partCount($1.0, $1.1) }
        let carried = count == 1 ? [call] : (0..<count).map { LLVMBuildExtractValue(builder, call, UInt32($0), "")! }
        return Self.restoreAll(carried, type.results, results, builder, types)
    }

    /// Returns Wasm `values` (this signature's results) from the current function.
    func buildReturn(_ values: [LLVMValueRef], _ builder: LLVMBuilderRef, _ types: IRTypes) {
        let carried = zip(values, zip(type.results, results)).flatMap { Self.carry($0, $1.0, $1.1, builder, types) }
        switch carried.count {
        case 0: LLVMBuildRetVoid(builder)
        case 1: LLVMBuildRet(builder, carried[0])
        default:
            var aggregate: LLVMValueRef = LLVMGetUndef(returnType(types))
            for (i, value) in carried.enumerated() {
                aggregate = LLVMBuildInsertValue(builder, aggregate, value, UInt32(i), "")
            }
            LLVMBuildRet(builder, aggregate)
        }
    }

    /// Whether the results come back in registers on every supported target, so a
    /// `musttail` call returning them can be lowered. On x86-64 `tailcc` returns up to
    /// three integer or pointer values (RAX, RDX, RCX); the floating-point/vector results
    /// carried as themselves always have registers (see above); AArch64 has eight of each.
    var returnsInRegisters: Bool {
        zip(type.results, results).reduce(0) { count, result in
            result.0.isFloatOrVector && result.1 == .value ? count : count + Self.partCount(result.0, result.1)
        } <= 3
    }
}

extension ValueType {
    /// Whether values of this type travel in floating-point/vector registers.
    var isFloatOrVector: Bool {
        switch self {
        case .f32, .f64, .v128: return true
        case .i32, .i64, .ref: return false
        }
    }
}
