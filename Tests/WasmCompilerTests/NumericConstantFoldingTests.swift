import Testing
@testable import WasmCompiler
import WasmFrontend

/// Every operator applied to constant operands and run through O2, so LLVM folds it at
/// compile time, must agree with the same operator executed on run-time operands: the
/// lowering has to be free of poison and undefined behaviour, not just right on x86.
@Suite struct NumericConstantFoldingTests {
    /// Interesting operand bit patterns per type.
    static func samples(_ type: ValueType, binary: Bool) -> [UInt64] {
        switch type {
        case .i32:
            binary ? [0, bits(Int32(-1)), bits(Int32.min), 33]
                   : [0, 1, bits(Int32(-1)), bits(Int32.min), 0x8000, 0x80]
        case .i64:
            binary ? [0, UInt64.max, bits(Int64.min), 65]
                   : [0, 1, UInt64.max, bits(Int64.min), 0x8000_0000, 0x8000_0080_0000_0001]
        case .f32:
            binary ? [bits(Float(-0.0)), bits(Float(0)), 0x7FA0_0000, bits(Float(-1.5))]
                   : [bits(Float(-0.5)), bits(Float(2.5)), bits(Float(-2147483904)), bits(Float(2147483648)),
                      bits(Float(4294967296)), bits(Float(-1)), bits(Float.infinity), 0x7FC0_0000, 0x7FA0_0000]
        case .f64:
            binary ? [bits(-0.0), bits(0.0), 0x7FF4_0000_0000_0000, bits(1.5)]
                   : [bits(-0.5), bits(2.5), bits(-2147483649.0), bits(-2147483648.5), bits(18446744073709551616.0),
                      bits(-0.99), bits(-Double.infinity), 0x7FF8_0000_0000_0000, 0x7FF4_0000_0000_0000]
        default:
            []
        }
    }

    /// Every (operator, operands) combination from the samples.
    static let cases: [(op: NumericOp, operands: [UInt64])] = NumericOp.allCases.flatMap { op in
        let parameters = op.signature.parameters
        let values = samples(parameters[0], binary: parameters.count == 2)
        if parameters.count == 1 { return values.map { (op, [$0]) } }
        return values.flatMap { a in values.map { b in (op, [a, b]) } }
    }

    static let folded = Result {
        try NumericTestProgram(cases.enumerated().map { index, c in
            NumericTestFunction(name: "folded_\(index)", op: c.op, constants: c.operands)
        }, passes: "default<O2>")
    }

    /// An operator application whose `constants` are known at compile time.
    struct PartlyConstant: Sendable {
        let op: NumericOp
        let operands: [UInt64]
        let constants: [UInt64?]
    }

    /// The binary cases again, with only the first or only the second operand constant:
    /// the shape of float_exprs.wast's `no_fold_*` tests (`x - 0.0`, `-0.0 - x`, `x * 1.0` …).
    static let halfConstantCases: [PartlyConstant] = {
        var result: [PartlyConstant] = []
        for c in cases where c.operands.count == 2 {
            result.append(PartlyConstant(op: c.op, operands: c.operands, constants: [c.operands[0], nil]))
            result.append(PartlyConstant(op: c.op, operands: c.operands, constants: [nil, c.operands[1]]))
        }
        let sNaN32: UInt64 = 0x7FA0_0000, sNaN64: UInt64 = 0x7FF4_0000_0000_0000
        let one32 = bits(Float(1)), minusOne32 = bits(Float(-1)), one64 = bits(1.0), minusOne64 = bits(-1.0)
        result.append(PartlyConstant(op: .f32Sub, operands: [sNaN32, 0], constants: [nil, 0]))
        result.append(PartlyConstant(op: .f32Mul, operands: [sNaN32, one32], constants: [nil, one32]))
        result.append(PartlyConstant(op: .f32Div, operands: [sNaN32, one32], constants: [nil, one32]))
        result.append(PartlyConstant(op: .f32Mul, operands: [sNaN32, minusOne32], constants: [nil, minusOne32]))
        result.append(PartlyConstant(op: .f64Div, operands: [sNaN64, minusOne64], constants: [nil, minusOne64]))
        result.append(PartlyConstant(op: .f64Mul, operands: [one64, sNaN64], constants: [one64, nil]))
        return result
    }()

    static let halfFolded = Result {
        try NumericTestProgram(halfConstantCases.enumerated().map { index, c in
            NumericTestFunction(name: "half_\(index)", op: c.op, constants: c.constants)
        }, passes: "default<O2>")
    }

    /// Whether two outcomes are equal as the spec sees them: NaN results need only the
    /// same class (canonical or merely arithmetic), other results must match bit for bit.
    static func equivalent(_ a: NumericOutcome, _ b: NumericOutcome, _ result: ValueType) -> Bool {
        if a == b { return true }
        switch result {
        case .f32:
            return isCanonicalNaN32(a) ? isCanonicalNaN32(b) : (isArithmeticNaN32(a) && isArithmeticNaN32(b))
        case .f64:
            return isCanonicalNaN64(a) ? isCanonicalNaN64(b) : (isArithmeticNaN64(a) && isArithmeticNaN64(b))
        default:
            return false
        }
    }

    @Test func partlyConstantOperandsAreNotSimplifiedAway() throws {
        let program = try Self.halfFolded.get()
        for (index, c) in Self.halfConstantCases.enumerated() {
            let atRunTime = try NumericVariant.plain.run(c.op, c.operands[0], c.operands[1])
            let optimized = try #require(program.run("half_\(index)", c.operands))
            #expect(Self.equivalent(atRunTime, optimized, c.op.signature.result),
                    "\(c.op)(\(c.operands.map { "0x" + String($0, radix: 16) })) constants \(c.constants): run time \(atRunTime), optimised \(optimized)")
        }
    }

    /// float_exprs.wast's `no_fold_promote_demote`: `f32.demote_f64 (f64.promote_f32 x)` must
    /// quiet a signalling NaN, so the optimiser may not fold the pair into `x`.
    @Test func promoteThenDemoteQuietsSignallingNaN() throws {
        let program = try NumericTestProgram([
            NumericTestFunction(name: "promote_demote", op: .f64PromoteF32, then: [.f32DemoteF64]),
            NumericTestFunction(name: "neg0_sub", op: .f32Sub, constants: [bits(Float(-0.0)), nil]),
        ], passes: "default<O2>")
        #expect(isArithmeticNaN32(try #require(program.run("promote_demote", [0x7FA0_0000]))))
        #expect(program.run("promote_demote", [bits(Float(1.25))]) == .value(bits(Float(1.25))))
        #expect(isArithmeticNaN32(try #require(program.run("neg0_sub", [0, 0x7FA0_0000]))))
        #expect(program.run("neg0_sub", [0, bits(Float(2))]) == .value(bits(Float(-2))))
    }

    @Test func foldedResultsMatchRunTimeResults() throws {
        let program = try Self.folded.get()
        #expect(Self.cases.count > 1000)
        for (index, c) in Self.cases.enumerated() {
            let atRunTime = try NumericVariant.plain.run(c.op, c.operands[0], c.operands.count > 1 ? c.operands[1] : 0)
            let folded = try #require(program.run("folded_\(index)"))
            #expect(Self.equivalent(atRunTime, folded, c.op.signature.result),
                    "\(c.op)(\(c.operands.map { "0x" + String($0, radix: 16) })): run time \(atRunTime), folded \(folded)")
        }
    }
}
