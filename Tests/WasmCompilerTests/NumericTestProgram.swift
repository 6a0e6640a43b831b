import CLLVM
@testable import WasmCompiler
import WasmFrontend

/// What running one lowered operator produced.
enum NumericOutcome: Equatable, CustomStringConvertible {
    /// The result's bit pattern (i32/f32 zero-extended to 64 bits).
    case value(UInt64)
    case trap(TrapCode)

    var description: String {
        switch self {
        case .value(let bits): "value(0x\(String(bits, radix: 16)))"
        case .trap(let code): "trap(\(code))"
        }
    }

    /// The value, or nil after a trap.
    var bits: UInt64? {
        if case .value(let bits) = self { bits } else { nil }
    }
}

/// A failure while building or JIT-compiling the test program.
struct NumericHarnessError: Error, CustomStringConvertible {
    let description: String
}

/// One function of a test program: `op` applied to its operands, each either read at run
/// time from the argument slots or, where `constants` holds a bit pattern for it, the IR
/// constant with that pattern (which lets the optimiser fold it); then each unary operator
/// in `then` applied to the result in turn.
struct NumericTestFunction: Sendable {
    let name: String
    let op: NumericOp
    var constants: [UInt64?] = []
    var then: [NumericOp] = []
}

/// A JIT-compiled module holding one function per `NumericTestFunction`.
final class NumericTestProgram: @unchecked Sendable {
    private typealias Entry = @convention(c) (UnsafeMutablePointer<UInt64>) -> Void

    private let jit: LLVMOrcLLJITRef
    private let entries: [String: Entry]
    /// The module's textual IR before optimisation (for inspection by tests).
    let irText: String

    /// Builds, verifies, optionally optimises (`passes`, e.g. `"default<O2>"`) and JITs the functions.
    init(_ functions: [NumericTestFunction], passes: String?) throws {
        LLVMInitializeX86TargetInfo()
        LLVMInitializeX86Target()
        LLVMInitializeX86TargetMC()
        LLVMInitializeX86AsmPrinter()

        let threadSafeContext = LLVMOrcCreateNewThreadSafeContext()
        defer { LLVMOrcDisposeThreadSafeContext(threadSafeContext) }
        let context = LLVMOrcThreadSafeContextGetContext(threadSafeContext)!
        let module = LLVMModuleCreateWithNameInContext("numeric_tests", context)!
        let builder = LLVMCreateBuilderInContext(context)!
        defer { LLVMDisposeBuilder(builder) }

        let pointer = LLVMPointerTypeInContext(context, 0)
        var parameters: [LLVMTypeRef?] = [pointer]
        let functionType = parameters.withUnsafeMutableBufferPointer {
            LLVMFunctionType(LLVMVoidTypeInContext(context), $0.baseAddress, 1, 0)
        }
        for spec in functions {
            let function = LLVMAddFunction(module, spec.name, functionType)!
            LLVMPositionBuilderAtEnd(builder, LLVMAppendBasicBlockInContext(context, function, "entry"))
            let emitter = NumericTestContext(builder: builder, context: context, module: module, function: function)
            let signature = spec.op.signature
            let i64 = LLVMInt64TypeInContext(context)
            var operands: [LLVMValueRef] = []
            for (index, type) in signature.parameters.enumerated() {
                if index < spec.constants.count, let constant = spec.constants[index] {
                    operands.append(emitter.constant(constant, as: type))
                } else {
                    let bits = LLVMBuildLoad2(builder, i64, emitter.slotAddress(UInt64(index)), "")!
                    operands.append(emitter.fromBits(bits, as: type))
                }
            }
            var result = NumericLowering.emit(spec.op, operands, in: emitter)
            var resultType = signature.result
            for next in spec.then {
                result = NumericLowering.emit(next, [result], in: emitter)
                resultType = next.signature.result
            }
            emitter.store(emitter.toBits(result, of: resultType), slot: 2)
            LLVMBuildRetVoid(builder)
        }

        var message: UnsafeMutablePointer<CChar>?
        if LLVMVerifyModule(module, LLVMReturnStatusAction, &message) != 0 {
            let text = message.map { String(cString: $0) } ?? "unknown"
            LLVMDisposeMessage(message)
            LLVMDisposeModule(module)
            throw NumericHarnessError(description: "module does not verify: \(text)")
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
        guard let createdJIT else { throw NumericHarnessError(description: "LLJIT is null") }
        jit = createdJIT
        let threadSafeModule = LLVMOrcCreateNewThreadSafeModule(module, threadSafeContext)
        try Self.check(LLVMOrcLLJITAddLLVMIRModule(jit, LLVMOrcLLJITGetMainJITDylib(jit), threadSafeModule),
                       "adding the module")

        var found: [String: Entry] = [:]
        for spec in functions {
            var address: LLVMOrcExecutorAddress = 0
            try Self.check(LLVMOrcLLJITLookup(jit, &address, spec.name), "looking up \(spec.name)")
            guard let raw = UnsafeRawPointer(bitPattern: UInt(address)) else {
                throw NumericHarnessError(description: "\(spec.name) has address 0")
            }
            found[spec.name] = unsafeBitCast(raw, to: Entry.self)
        }
        entries = found
    }

    deinit {
        LLVMOrcDisposeLLJIT(jit)
    }

    /// Runs function `name` on the operand bit patterns `operands`.
    func run(_ name: String, _ operands: [UInt64] = []) -> NumericOutcome? {
        guard let entry = entries[name], operands.count <= 2 else { return nil }
        var slots: [UInt64] = [0, 0, 0, 0]
        for (index, operand) in operands.enumerated() { slots[index] = operand }
        slots.withUnsafeMutableBufferPointer { entry($0.baseAddress!) }
        if slots[3] != 0 {
            guard let code = TrapCode(rawValue: UInt32(truncatingIfNeeded: slots[3])) else { return nil }
            return .trap(code)
        }
        return .value(slots[2])
    }

    private static func check(_ error: LLVMErrorRef?, _ what: String) throws {
        guard let error else { return }
        let message = LLVMGetErrorMessage(error)!
        let text = String(cString: message)
        LLVMDisposeErrorMessage(message)
        throw NumericHarnessError(description: "\(what): \(text)")
    }
}

/// The shared programs: every numeric operator on run-time operands, once as emitted
/// and once after LLVM's O2 pipeline.
enum NumericPrograms {
    static func functionName(_ op: NumericOp) -> String { "op_\(op)" }

    static let allOperators = NumericOp.allCases.map {
        NumericTestFunction(name: functionName($0), op: $0)
    }

    static let plain = Result { try NumericTestProgram(allOperators, passes: nil) }
    static let optimized = Result { try NumericTestProgram(allOperators, passes: "default<O2>") }
}

/// Whether tests run the lowered IR as emitted or after optimisation.
enum NumericVariant: String, CaseIterable, CustomStringConvertible, Sendable {
    case plain, optimized
    var description: String { rawValue }

    /// Runs `op` on `operands` (bit patterns) in this variant's program.
    func run(_ op: NumericOp, _ operands: UInt64...) throws -> NumericOutcome {
        let program = try (self == .plain ? NumericPrograms.plain : NumericPrograms.optimized).get()
        guard let outcome = program.run(NumericPrograms.functionName(op), operands) else {
            throw NumericHarnessError(description: "\(op) is missing from the program or stored an unknown trap")
        }
        return outcome
    }
}

// MARK: Bit-pattern helpers

func bits(_ value: Int32) -> UInt64 { UInt64(UInt32(bitPattern: value)) }
func bits(_ value: UInt32) -> UInt64 { UInt64(value) }
func bits(_ value: Int64) -> UInt64 { UInt64(bitPattern: value) }
func bits(_ value: Float) -> UInt64 { UInt64(value.bitPattern) }
func bits(_ value: Double) -> UInt64 { value.bitPattern }

/// Whether `outcome` is an f32 NaN with the quiet bit set (the spec's `nan:arithmetic`).
func isArithmeticNaN32(_ outcome: NumericOutcome) -> Bool {
    guard let b = outcome.bits, b <= 0xFFFF_FFFF else { return false }
    return b & 0x7FC0_0000 == 0x7FC0_0000
}

/// Whether `outcome` is the f32 canonical NaN of either sign (`nan:canonical`).
func isCanonicalNaN32(_ outcome: NumericOutcome) -> Bool {
    guard let b = outcome.bits else { return false }
    return b & 0x7FFF_FFFF == 0x7FC0_0000 && b <= 0xFFFF_FFFF
}

/// Whether `outcome` is an f64 NaN with the quiet bit set.
func isArithmeticNaN64(_ outcome: NumericOutcome) -> Bool {
    guard let b = outcome.bits else { return false }
    return b & 0x7FF8_0000_0000_0000 == 0x7FF8_0000_0000_0000
}

/// Whether `outcome` is the f64 canonical NaN of either sign.
func isCanonicalNaN64(_ outcome: NumericOutcome) -> Bool {
    guard let b = outcome.bits else { return false }
    return b & 0x7FFF_FFFF_FFFF_FFFF == 0x7FF8_0000_0000_0000
}
