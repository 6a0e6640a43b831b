/// Element and data segments and constant expressions.
extension ModuleDecoder {
    mutating func decodeElementSection() throws(WasmError) {
        let count = try reader.readVectorCount()
        var segments = [ElementSegment]()
        segments.reserveCapacity(reader.cappedCapacity(count))
        for _ in 0..<count { segments.append(try readElementSegment()) }
        module.elements = segments
    }

    /// One element segment in any of its eight binary forms (flags 0...7):
    /// bit 0 = passive/declarative (else active), bit 1 = explicit table (active) or
    /// declarative (non-active), bit 2 = items are expressions (else function indices).
    private mutating func readElementSegment() throws(WasmError) -> ElementSegment {
        let at = reader.position
        let flags = try reader.readVarUInt32()
        guard flags <= 7 else { throw reader.malformed("malformed elements segment kind", at: at) }
        let isNonActive = flags & 1 != 0
        let hasTableOrDeclarative = flags & 2 != 0
        let usesExpressions = flags & 4 != 0

        let mode: ElementMode
        if isNonActive {
            mode = hasTableOrDeclarative ? .declarative : .passive
        } else {
            let table = hasTableOrDeclarative ? try reader.readIndex() : 0
            mode = .active(table: table, offset: try readConstExpression())
        }

        // Forms 0 and 4 have an implicit type; the others spell it out. A list of
        // function indices is of type `(ref func)` (no index is null), one of
        // expressions `funcref` (Wasm 3.0).
        var type = usesExpressions ? ValueType.funcRef : .ref(RefType(isNullable: false, heapType: .func))
        if isNonActive || hasTableOrDeclarative {
            if usesExpressions {
                type = try reader.readReferenceType()
            } else {
                let kindOffset = reader.position
                guard try reader.readByte() == 0x00 else {
                    throw reader.malformed("malformed element kind", at: kindOffset)
                }
            }
        }

        let itemCount = try reader.readVectorCount()
        var items = [ConstExpression]()
        items.reserveCapacity(reader.cappedCapacity(itemCount))
        for _ in 0..<itemCount {
            items.append(usesExpressions ? try readConstExpression() : .refFunc(try reader.readIndex()))
        }
        return ElementSegment(type: type, items: items, mode: mode)
    }

    mutating func decodeDataSection() throws(WasmError) {
        let count = try reader.readVectorCount()
        var segments = [DataSegment]()
        segments.reserveCapacity(reader.cappedCapacity(count))
        for _ in 0..<count {
            let at = reader.position
            let mode: DataMode
            switch try reader.readVarUInt32() {
            case 0: mode = .active(memory: 0, offset: try readConstExpression())
            case 1: mode = .passive
            case 2:
                let memory = try reader.readIndex()
                mode = .active(memory: memory, offset: try readConstExpression())
            default: throw reader.malformed("malformed data segment kind", at: at)
            }
            let lengthOffset = reader.position
            let length = Int(try reader.readVarUInt32())
            guard length <= reader.remaining else {
                throw reader.malformed("unexpected end of section or function", at: lengthOffset)
            }
            segments.append(DataSegment(mode: mode, bytes: try reader.readRange(length)))
        }
        module.data = segments
    }

    /// Reads an expression up to its `end`. A constant expression is a sequence of constant
    /// operators and (Wasm 3.0 extended constants) `i32`/`i64` `add`, `sub`, `mul`; it is
    /// evaluated symbolically on a stack into a ``ConstExpression`` tree. Anything else is
    /// recorded as a deferred validation error ("constant expression required", or "type
    /// mismatch" for a stack that does not end with exactly one value) and a placeholder is
    /// returned; operand types are checked by the validator.
    mutating func readConstExpression() throws(WasmError) -> ConstExpression {
        let start = reader.position
        var stack: [ConstExpression] = []
        var underflow = false
        var nonConstantOffset: Int?
        var depth = 0
        while true {
            let at = reader.position
            let instruction = try reader.readInstruction()
            var constant: ConstExpression?
            switch instruction {
            case .end:
                if depth == 0 {
                    if let offset = nonConstantOffset {
                        deferError(.invalid("constant expression required", offset: offset))
                    } else if underflow || stack.count != 1 {
                        deferError(.invalid("type mismatch", offset: start))
                    }
                    return stack.last ?? .i32Const(0)
                }
                depth -= 1
                continue
            case .block, .loop, .if, .tryTable, .try: depth += 1
            case .delegate: depth = Swift.max(0, depth - 1)  // ends a legacy `try` (not constant either)
            case .i32Const(let v): constant = .i32Const(v)
            case .i64Const(let v): constant = .i64Const(v)
            case .f32Const(let v): constant = .f32Const(v)
            case .f64Const(let v): constant = .f64Const(v)
            case .v128Const(let v): constant = .v128Const(v)
            case .refNull(let t): constant = .refNull(t)
            case .refFunc(let f): constant = .refFunc(f)
            case .globalGet(let g): constant = .globalGet(g)
            case .gc(let op):
                let fieldCount = { (type: UInt32) -> Int in
                    guard case .struct(let fields) = self.module.typeDeclaration(at: Int(type)).composite else { return 0 }
                    return fields.count
                }
                guard let count = op.constantOperandCount(fieldCount: fieldCount) else { break }
                if stack.count >= count {
                    let operands = Array(stack.suffix(count))
                    stack.removeLast(count)
                    constant = .gc(op, operands)
                } else {
                    underflow = true
                    constant = .i32Const(0)
                }
            case .numeric(let op):
                guard let binary = ConstBinaryOperator(op) else { break }
                if stack.count >= 2 {
                    let rhs = stack.removeLast(), lhs = stack.removeLast()
                    constant = .binary(binary, lhs, rhs)
                } else {
                    underflow = true
                    constant = .i32Const(0)
                }
            default: break
            }
            if let constant {
                stack.append(constant)
            } else if nonConstantOffset == nil {
                nonConstantOffset = at
            }
        }
    }

    /// Keeps the first validation problem found while decoding.
    private mutating func deferError(_ error: WasmError) {
        if module.deferredError == nil { module.deferredError = error }
    }
}
