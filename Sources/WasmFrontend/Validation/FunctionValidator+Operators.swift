extension FunctionValidator {
    /// Applies one operator to the validation stacks.
    mutating func validate(_ instruction: Instruction) throws(WasmError) {
        switch instruction {
        // Control
        case .unreachable:
            stacks.markUnreachable()
        case .nop:
            break
        case .block(let bt), .loop(let bt):
            let sig = try signature(of: bt)
            try stacks.pop(sig.parameters)
            let kind: FrameKind = if case .loop = instruction { .loop } else { .block }
            stacks.pushFrame(kind, parameters: sig.parameters, results: sig.results)
        case .if(let bt):
            let sig = try signature(of: bt)
            try stacks.pop(.i32)
            try stacks.pop(sig.parameters)
            stacks.pushFrame(.if, parameters: sig.parameters, results: sig.results)
        case .else:
            guard stacks.topKind == .if else {
                throw WasmError.malformed("END opcode expected", offset: stacks.offset)
            }
            let frame = try stacks.popFrame()
            stacks.pushFrame(.else, parameters: frame.parameters, results: frame.results)
        case .end:
            let frame = try stacks.popFrame()
            if frame.kind == .if && frame.parameters != frame.results { throw stacks.mismatch() }
            if !stacks.frames.isEmpty { stacks.push(frame.results) }
        case .br(let depth):
            try stacks.pop(try stacks.label(depth).labelTypes)
            stacks.markUnreachable()
        case .brIf(let depth):
            let types = try stacks.label(depth).labelTypes
            try stacks.pop(.i32)
            try stacks.pop(types)
            stacks.push(types)
        case .brTable(let targets, let defaultTarget):
            try stacks.pop(.i32)
            let defaultTypes = try stacks.label(defaultTarget).labelTypes
            for target in targets {
                let types = try stacks.label(target).labelTypes
                guard types.count == defaultTypes.count else { throw stacks.mismatch() }
                try stacks.peekMatches(types)
            }
            try stacks.pop(defaultTypes)
            stacks.markUnreachable()
        case .return:
            try stacks.pop(stacks.frames[0].results)
            stacks.markUnreachable()
        case .throw(let tag):
            try stacks.pop(try tagParameters(tag))
            stacks.markUnreachable()
        case .throwRef:
            try stacks.pop(.exnRef)
            stacks.markUnreachable()
        case .tryTable(let bt, let clauses):
            let sig = try signature(of: bt)
            for clause in clauses { try validate(clause) }
            try stacks.pop(sig.parameters)
            stacks.pushFrame(.block, parameters: sig.parameters, results: sig.results)
        case .try, .catch, .catchAll, .delegate, .rethrow:
            try validateLegacyException(instruction)
        case .call(let f):
            let type = try functionType(f)
            try stacks.pop(type.parameters)
            stacks.push(type.results)
        case .callIndirect(let typeIndex, let table):
            let tt = try tableType(table)
            guard isFunctionTable(tt) else { throw stacks.mismatch() }
            let type = try self.type(at: typeIndex)
            try stacks.pop(tt.addressType.valueType)
            try stacks.pop(type.parameters)
            stacks.push(type.results)
        case .returnCall(let f):
            try requireTailCalls()
            let type = try functionType(f)
            try checkTailCallResults(type)
            try stacks.pop(type.parameters)
            stacks.markUnreachable()
        case .returnCallIndirect(let typeIndex, let table):
            try requireTailCalls()
            let tt = try tableType(table)
            guard isFunctionTable(tt) else { throw stacks.mismatch() }
            let type = try self.type(at: typeIndex)
            try checkTailCallResults(type)
            try stacks.pop(tt.addressType.valueType)
            try stacks.pop(type.parameters)
            stacks.markUnreachable()
        case .callRef(let typeIndex):
            let type = try self.type(at: typeIndex)
            try stacks.pop(.ref(RefType(isNullable: true, heapType: .concrete(typeIndex))))
            try stacks.pop(type.parameters)
            stacks.push(type.results)
        case .returnCallRef(let typeIndex):
            try requireTailCalls()
            let type = try self.type(at: typeIndex)
            try checkTailCallResults(type)
            try stacks.pop(.ref(RefType(isNullable: true, heapType: .concrete(typeIndex))))
            try stacks.pop(type.parameters)
            stacks.markUnreachable()
        case .brOnNull(let depth):
            let types = try stacks.label(depth).labelTypes
            let operand = try popReference()
            try stacks.pop(types)
            stacks.push(types)
            stacks.push(operand.map { .ref($0.nonNullable) })
        case .brOnNonNull(let depth):
            let types = try stacks.label(depth).labelTypes
            guard let last = types.last, last.isReference else { throw stacks.mismatch() }
            let operand = try popReference()
            if let operand, !stacks.subtyping.isSubtype(.ref(operand.nonNullable), of: last) { throw stacks.mismatch() }
            let rest = Array(types.dropLast())
            try stacks.pop(rest)
            stacks.push(rest)

        // Parametric
        case .drop:
            _ = try stacks.pop()
        case .select:
            try stacks.pop(.i32)
            let t1 = try stacks.pop()
            let t2 = try stacks.pop()
            if let t1, t1.isReference { throw stacks.mismatch() }
            if let t2, t2.isReference { throw stacks.mismatch() }
            if let t1, let t2, t1 != t2 { throw stacks.mismatch() }
            stacks.push(t1 ?? t2)
        case .typedSelect(let t):
            try requireKnownType(t)
            try stacks.pop(.i32)
            try stacks.pop(t)
            try stacks.pop(t)
            stacks.push(t)

        // Variables
        case .localGet(let i):
            let t = try localType(i)
            guard stacks.localInitialized[Int(i)] else { throw invalid("uninitialized local") }
            stacks.push(t)
        case .localSet(let i):
            try stacks.pop(try localType(i))
            stacks.initialize(local: Int(i))
        case .localTee(let i):
            let t = try localType(i)
            try stacks.pop(t)
            stacks.initialize(local: Int(i))
            stacks.push(t)
        case .globalGet(let i):
            stacks.push(try globalType(i).valueType)
        case .globalSet(let i):
            let g = try globalType(i)
            guard g.isMutable else { throw invalid("global is immutable") }
            try stacks.pop(g.valueType)

        default:
            try validateMemoryOrTable(instruction)
        }
    }

    /// A catch clause of `try_table` (labels count from outside the `try_table`): its
    /// label must take what the clause pushes (the payload, then the `exnref` for the
    /// `_ref` forms).
    private func validate(_ clause: CatchClause) throws(WasmError) {
        var pushed = clause.kind.hasTag ? try tagParameters(clause.tag) : []
        if clause.kind.pushesReference { pushed.append(.ref(RefType(isNullable: false, heapType: .exn))) }
        let label = try stacks.label(clause.label).labelTypes
        guard label.count == pushed.count,
              zip(pushed, label).allSatisfy({ stacks.subtyping.isSubtype($0, of: $1) })
        else { throw stacks.mismatch() }
    }

    /// The payload types of tag `index`, or "unknown tag".
    func tagParameters(_ index: UInt32) throws(WasmError) -> [ValueType] {
        guard let parameters = module.tagParameters(at: index) else { throw invalid("unknown tag \(index)") }
        return parameters
    }

    /// Without tail calls (Wasm 2.0) their opcodes are not operators at all.
    private func requireTailCalls() throws(WasmError) {
        guard tailCalls else { throw .malformed("illegal opcode", offset: stacks.offset) }
    }

    /// A tail call returns the callee's results as the caller's own: each must be a
    /// subtype of the caller's result type at its position.
    private func checkTailCallResults(_ callee: FunctionType) throws(WasmError) {
        let caller = stacks.frames[0].results
        guard callee.results.count == caller.count,
              zip(callee.results, caller).allSatisfy({ stacks.subtyping.isSubtype($0, of: $1) })
        else { throw stacks.mismatch() }
    }

    /// Whether a table holds function references (`call_indirect` needs one).
    private func isFunctionTable(_ table: TableType) -> Bool {
        guard case .ref(let r) = table.elementType else { return false }
        return stacks.subtyping.top(of: r.heapType) == .func
    }

    /// Pops an operand that must be a reference; `nil` when unknown (polymorphic stack).
    mutating func popReference() throws(WasmError) -> RefType? {
        guard let t = try stacks.pop() else { return nil }
        guard case .ref(let r) = t else { throw stacks.mismatch() }
        return r
    }

    private mutating func validateMemoryOrTable(_ instruction: Instruction) throws(WasmError) {
        switch instruction {
        case .tableGet(let x):
            let t = try tableType(x)
            try stacks.pop(t.addressType.valueType)
            stacks.push(t.elementType)
        case .tableSet(let x):
            let t = try tableType(x)
            try stacks.pop(t.elementType)
            try stacks.pop(t.addressType.valueType)
        case .tableSize(let x):
            let t = try tableType(x)
            stacks.push(t.addressType.valueType)
        case .tableGrow(let x):
            let t = try tableType(x)
            try stacks.pop(t.addressType.valueType)
            try stacks.pop(t.elementType)
            stacks.push(t.addressType.valueType)
        case .tableFill(let x):
            let t = try tableType(x)
            try stacks.pop(t.addressType.valueType)
            try stacks.pop(t.elementType)
            try stacks.pop(t.addressType.valueType)
        case .tableCopy(let dst, let src):
            let d = try tableType(dst)
            let s = try tableType(src)
            guard stacks.subtyping.isSubtype(s.elementType, of: d.elementType) else { throw stacks.mismatch() }
            try stacks.pop(AddressType.min(d.addressType, s.addressType).valueType)
            try stacks.pop(s.addressType.valueType)
            try stacks.pop(d.addressType.valueType)
        case .tableInit(let elem, let table):
            let t = try tableType(table)
            let e = try requireElement(elem)
            guard stacks.subtyping.isSubtype(e, of: t.elementType) else { throw stacks.mismatch() }
            try stacks.pop(.i32)
            try stacks.pop(.i32)
            try stacks.pop(t.addressType.valueType)
        case .elemDrop(let elem):
            _ = try requireElement(elem)

        case .load(let op, let memarg):
            let address = try requireMemArg(memarg, natural: op.naturalAlignmentLog2)
            try stacks.pop(address)
            stacks.push(op.resultType)
        case .store(let op, let memarg):
            let address = try requireMemArg(memarg, natural: op.naturalAlignmentLog2)
            try stacks.pop(op.valueType)
            try stacks.pop(address)
        case .memorySize(let m):
            stacks.push(try requireMemory(m))
        case .memoryGrow(let m):
            let address = try requireMemory(m)
            try stacks.pop(address)
            stacks.push(address)
        case .memoryInit(let data, let m):
            let address = try requireMemory(m)
            try requireDataSegment(data)
            try stacks.pop(.i32)
            try stacks.pop(.i32)
            try stacks.pop(address)
        case .dataDrop(let data):
            try requireDataSegment(data)
        case .memoryCopy(let dst, let src):
            let d = try requireMemory(dst)
            let s = try requireMemory(src)
            try stacks.pop(d == .i64 && s == .i64 ? .i64 : .i32)
            try stacks.pop(s)
            try stacks.pop(d)
        case .memoryFill(let m):
            let address = try requireMemory(m)
            try stacks.pop(address)
            try stacks.pop(.i32)
            try stacks.pop(address)

        default:
            try validateValueOperator(instruction)
        }
    }

    private mutating func validateValueOperator(_ instruction: Instruction) throws(WasmError) {
        switch instruction {
        case .i32Const: stacks.push(.i32)
        case .i64Const: stacks.push(.i64)
        case .f32Const: stacks.push(.f32)
        case .f64Const: stacks.push(.f64)
        case .v128Const: stacks.push(.v128)
        case .refNull(let t):
            try requireKnownType(t)
            stacks.push(t)
        case .refIsNull:
            _ = try popReference()
            stacks.push(.i32)
        case .refEq:
            try validateRefEq()
        case .gc(let op):
            try validate(gc: op)
        case .refAsNonNull:
            let operand = try popReference()
            stacks.push(operand.map { .ref($0.nonNullable) })
        case .refFunc(let f):
            _ = try functionType(f)
            guard declaredFunctions.contains(f), let typeIndex = module.typeIndex(ofFunction: f) else {
                throw invalid("undeclared function reference")
            }
            stacks.push(.ref(RefType(isNullable: false, heapType: .concrete(typeIndex))))
        case .numeric(let op):
            let t = op.operandType
            try stacks.pop(t)
            if op.arity == 2 { try stacks.pop(t) }
            stacks.push(op.resultType)
        case .i8x16Shuffle(let lanes):
            for i in 0..<16 where lanes.byte(i) >= 32 { throw invalid("invalid lane index") }
            try stacks.pop(.v128)
            try stacks.pop(.v128)
            stacks.push(.v128)
        case .simd(let op):
            switch op.shape {
            case .unary:
                try stacks.pop(.v128)
            case .binary:
                try stacks.pop(.v128)
                try stacks.pop(.v128)
            case .ternary:
                try stacks.pop(.v128)
                try stacks.pop(.v128)
                try stacks.pop(.v128)
            case .test:
                try stacks.pop(.v128)
                stacks.push(.i32)
                return
            case .shift:
                try stacks.pop(.i32)
                try stacks.pop(.v128)
            case .splat(let t):
                try stacks.pop(t)
            }
            stacks.push(.v128)
        case .simdLane(let op, let lane):
            guard lane < op.laneCount else { throw invalid("invalid lane index") }
            if op.isReplace {
                try stacks.pop(op.scalarType)
                try stacks.pop(.v128)
                stacks.push(.v128)
            } else {
                try stacks.pop(.v128)
                stacks.push(op.scalarType)
            }
        case .simdLoad(let op, let memarg):
            let address = try requireMemArg(memarg, natural: op.naturalAlignmentLog2)
            if op.isStore {
                try stacks.pop(.v128)
                try stacks.pop(address)
            } else {
                try stacks.pop(address)
                stacks.push(.v128)
            }
        case .simdLoadLane(let op, let memarg, let lane):
            let address = try requireMemArg(memarg, natural: op.naturalAlignmentLog2)
            guard lane < op.laneCount else { throw invalid("invalid lane index") }
            try stacks.pop(.v128)
            try stacks.pop(address)
            if !op.isStore { stacks.push(.v128) }
        default:
            // Every other operator is handled by the callers above.
            throw invalid("unexpected operator")
        }
    }
}
