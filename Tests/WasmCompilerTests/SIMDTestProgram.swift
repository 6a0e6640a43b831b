import CLLVM
@testable import WasmCompiler
import WasmFrontend

/// What running one lowered SIMD instruction produced.
enum SIMDOutcome: Equatable, CustomStringConvertible {
    /// The result: a vector, or a scalar in the low bits (zero-extended); `.zero` for stores.
    case value(V128)
    case trap(TrapCode)

    var description: String {
        switch self {
        case .value(let v): "value(hi: 0x\(String(v.hi, radix: 16)), lo: 0x\(String(v.lo, radix: 16)))"
        case .trap(let code): "trap(\(code))"
        }
    }

    /// The vector result, or nil after a trap.
    var vector: V128? {
        if case .value(let v) = self { v } else { nil }
    }
}

struct SIMDHarnessError: Error, CustomStringConvertible {
    let description: String
}

/// A JIT-compiled module with one function per SIMD instruction under test.
final class SIMDTestProgram: @unchecked Sendable {
    private typealias Entry = @convention(c) (UnsafeMutableRawPointer, UnsafeMutableRawPointer) -> Void

    private let jit: LLVMOrcLLJITRef
    private let entries: [Instruction: Entry]
    /// The module's textual IR before optimisation.
    let irText: String
    /// Linear-memory accesses the lowering reported for tagging, over all functions.
    let taggedAccesses: Int

    /// Builds, verifies, optionally optimises (`passes`, e.g. `"default<O2>"`) and JITs the functions.
    init(_ instructions: [Instruction], passes: String?) throws {
        LLVMInitializeX86TargetInfo()
        LLVMInitializeX86Target()
        LLVMInitializeX86TargetMC()
        LLVMInitializeX86AsmPrinter()

        let threadSafeContext = LLVMOrcCreateNewThreadSafeContext()
        defer { LLVMOrcDisposeThreadSafeContext(threadSafeContext) }
        guard let context = LLVMOrcThreadSafeContextGetContext(threadSafeContext),
              let module = LLVMModuleCreateWithNameInContext("simd_tests", context),
              let builder = LLVMCreateBuilderInContext(context)
        else { throw SIMDHarnessError(description: "cannot create an LLVM module") }
        defer { LLVMDisposeBuilder(builder) }

        let pointer = LLVMPointerTypeInContext(context, 0)
        var parameters: [LLVMTypeRef?] = [pointer, pointer]
        let functionType = parameters.withUnsafeMutableBufferPointer {
            LLVMFunctionType(LLVMVoidTypeInContext(context), $0.baseAddress, 2, 0)
        }
        var names: [Instruction: String] = [:]
        var tagged = 0
        for (index, instruction) in instructions.enumerated() {
            let name = "simd_\(index)"
            names[instruction] = name
            let function = LLVMAddFunction(module, name, functionType)!
            LLVMPositionBuilderAtEnd(builder, LLVMAppendBasicBlockInContext(context, function, "entry"))
            let emitter = SIMDTestContext(builder: builder, context: context, module: module, function: function)
            let operands = Self.operandTypes(instruction).enumerated().map { emitter.loadOperand($0.offset, as: $0.element) }
            if let result = SIMDLowering.emit(instruction, operands, in: emitter) {
                emitter.storeResult(result)
            }
            LLVMBuildRetVoid(builder)
            tagged += emitter.taggedAccesses
        }
        taggedAccesses = tagged

        var message: UnsafeMutablePointer<CChar>?
        if LLVMVerifyModule(module, LLVMReturnStatusAction, &message) != 0 {
            let text = message.map { String(cString: $0) } ?? "unknown"
            LLVMDisposeMessage(message)
            LLVMDisposeModule(module)
            throw SIMDHarnessError(description: "module does not verify: \(text)")
        }
        LLVMDisposeMessage(message)
        let printed = LLVMPrintModuleToString(module)!
        irText = String(cString: printed)
        LLVMDisposeMessage(printed)

        if let passes {
            let options = LLVMCreatePassBuilderOptions()
            defer { LLVMDisposePassBuilderOptions(options) }
            try Self.check(LLVMRunPasses(module, passes, nil, options), "running \(passes)")
        }

        var createdJIT: LLVMOrcLLJITRef?
        try Self.check(LLVMOrcCreateLLJIT(&createdJIT, nil), "creating LLJIT")
        guard let createdJIT else { throw SIMDHarnessError(description: "LLJIT is null") }
        jit = createdJIT
        let threadSafeModule = LLVMOrcCreateNewThreadSafeModule(module, threadSafeContext)
        try Self.check(LLVMOrcLLJITAddLLVMIRModule(jit, LLVMOrcLLJITGetMainJITDylib(jit), threadSafeModule),
                       "adding the module")

        var found: [Instruction: Entry] = [:]
        for (instruction, name) in names {
            var address: LLVMOrcExecutorAddress = 0
            try Self.check(LLVMOrcLLJITLookup(jit, &address, name), "looking up \(name)")
            guard let raw = UnsafeRawPointer(bitPattern: UInt(address)) else {
                throw SIMDHarnessError(description: "\(name) has address 0")
            }
            found[instruction] = unsafeBitCast(raw, to: Entry.self)
        }
        entries = found
    }

    deinit { LLVMOrcDisposeLLJIT(jit) }

    /// The Wasm types of `instruction`'s operands, in push order.
    static func operandTypes(_ instruction: Instruction) -> [ValueType] {
        switch instruction {
        case .simd(let op): op.signature.parameters
        case .simdLane(let op, _): op.signature.parameters
        case .simdLoad(let op, _): op.isStore ? [.i32, .v128] : [.i32]
        case .simdLoadLane: [.i32, .v128]
        case .i8x16Shuffle: [.v128, .v128]
        default: []
        }
    }

    /// Runs `instruction` on `operands` (scalars in the low bits) with `memory` as linear memory.
    func run(_ instruction: Instruction, _ operands: [V128], memory: inout [UInt8]) throws -> SIMDOutcome {
        guard let entry = entries[instruction] else {
            throw SIMDHarnessError(description: "\(instruction) is not in the test program")
        }
        guard operands.count <= 3, memory.count == Int(SIMDTestContext.memorySize) else {
            throw SIMDHarnessError(description: "bad operand count or memory size")
        }
        var slots = [UInt8](repeating: 0, count: SIMDTestContext.slotBytes)
        for (index, operand) in operands.enumerated() {
            for (byteIndex, byte) in operand.bytes.enumerated() { slots[16 * index + byteIndex] = byte }
        }
        slots.withUnsafeMutableBytes { slotBytes in
            memory.withUnsafeMutableBytes { memoryBytes in
                entry(slotBytes.baseAddress!, memoryBytes.baseAddress!)
            }
        }
        let trap = Int(SIMDTestContext.trapOffset)
        let code = UInt32(slots[trap]) | UInt32(slots[trap + 1]) << 8 | UInt32(slots[trap + 2]) << 16
            | UInt32(slots[trap + 3]) << 24
        if code != 0 {
            guard let trapCode = TrapCode(rawValue: code) else {
                throw SIMDHarnessError(description: "unknown trap code \(code)")
            }
            return .trap(trapCode)
        }
        let result = Int(SIMDTestContext.resultOffset)
        return .value(V128(bytes: Array(slots[result..<(result + 16)])))
    }

    private static func check(_ error: LLVMErrorRef?, _ what: String) throws {
        guard let error else { return }
        let message = LLVMGetErrorMessage(error)!
        let text = String(cString: message)
        LLVMDisposeErrorMessage(message)
        throw SIMDHarnessError(description: "\(what): \(text)")
    }
}

/// The shared programs: every SIMD operator, lane access and memory form the tests use,
/// once as emitted and once after LLVM's O2 pipeline.
enum SIMDPrograms {
    /// Shuffle masks the tests use.
    static let reverseAndInterleave = V128(bytes: [31, 0, 30, 1, 29, 2, 28, 3, 16, 15, 17, 14, 18, 13, 19, 12])
    static let broadcastSecond = V128(bytes: Array(repeating: 16, count: 16))

    static var instructions: [Instruction] {
        var all: [Instruction] = SIMDOp.allCases.map { .simd($0) }
        for op in SIMDLaneOp.allCases {
            for lane in Set([0, 1, op.laneCount - 1]) { all.append(.simdLane(op, lane)) }
        }
        for op in SIMDLoadOp.allCases {
            all.append(.simdLoad(op, MemArg(align: 0, offset: 0)))
            all.append(.simdLoad(op, MemArg(align: 0, offset: 3)))
        }
        for op in SIMDLaneMemOp.allCases {
            for lane in Set([0, op.laneCount - 1]) {
                all.append(.simdLoadLane(op, MemArg(align: 0, offset: 1), lane: lane))
            }
        }
        all.append(.i8x16Shuffle(reverseAndInterleave))
        all.append(.i8x16Shuffle(broadcastSecond))
        all.append(.v128Const(V128(lo: 0x0123_4567_89AB_CDEF, hi: 0xFEDC_BA98_7654_3210)))
        return all
    }

    static let plain = Result { try SIMDTestProgram(instructions, passes: nil) }
    static let optimized = Result { try SIMDTestProgram(instructions, passes: "default<O2>") }
}

/// Whether tests run the lowered IR as emitted or after optimisation.
enum SIMDVariant: String, CaseIterable, CustomStringConvertible, Sendable {
    case plain, optimized
    var description: String { rawValue }

    var program: SIMDTestProgram {
        get throws { try (self == .plain ? SIMDPrograms.plain : SIMDPrograms.optimized).get() }
    }

    /// Runs `instruction` on `operands` with a zeroed 64-byte memory; returns the result vector.
    func run(_ instruction: Instruction, _ operands: V128...) throws -> V128 {
        var memory = [UInt8](repeating: 0, count: Int(SIMDTestContext.memorySize))
        let outcome = try program.run(instruction, operands, memory: &memory)
        guard let vector = outcome.vector else {
            throw SIMDHarnessError(description: "\(instruction) trapped: \(outcome)")
        }
        return vector
    }

    /// Runs `op` on `operands`; returns the result vector.
    func run(_ op: SIMDOp, _ operands: V128...) throws -> V128 {
        var memory = [UInt8](repeating: 0, count: Int(SIMDTestContext.memorySize))
        let outcome = try program.run(.simd(op), operands, memory: &memory)
        guard let vector = outcome.vector else {
            throw SIMDHarnessError(description: "\(op) trapped: \(outcome)")
        }
        return vector
    }
}
