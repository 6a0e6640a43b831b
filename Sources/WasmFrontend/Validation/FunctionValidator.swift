/// Validates function bodies operator by operator (the spec's validation algorithm),
/// decoding them from the module bytes as it goes. Iterative: nesting depth never
/// becomes recursion depth.
struct FunctionValidator {
    let module: WasmModule
    let buffer: UnsafeBufferPointer<UInt8>
    let declaredFunctions: Set<UInt32>
    var stacks = ValidationStacks()
    /// Parameters followed by declared locals of the current function.
    var locals: [ValueType] = []
    /// Whether `return_call` and `return_call_indirect` are operators (``WasmFeatures/tailCalls``).
    var tailCalls = true
    /// Whether exception-handling operators decode (``WasmFeatures/exceptionHandling``).
    var exceptionHandling = true
    /// `[t]` for each value type, so block types never allocate.
    let singletons: [[ValueType]] = ValueType.allCases.map { [$0] }

    init(module: WasmModule, buffer: UnsafeBufferPointer<UInt8>, declaredFunctions: Set<UInt32>) {
        self.module = module
        self.buffer = buffer
        self.declaredFunctions = declaredFunctions
    }

    func invalid(_ message: String) -> WasmError { .invalid(message, offset: stacks.offset) }

    /// Validates one body of signature `type`.
    mutating func validate(body: FunctionBody, type: FunctionType) throws(WasmError) {
        stacks.reset()
        locals.removeAll(keepingCapacity: true)
        locals.append(contentsOf: type.parameters)
        locals.append(contentsOf: body.locals)
        guard body.code.lowerBound >= 0, body.code.upperBound <= buffer.count else {
            throw WasmError.malformed("function body out of bounds", offset: Swift.max(0, body.code.lowerBound))
        }
        stacks.pushFrame(.function, parameters: [], results: type.results)
        // Like the reference decoder, read on to the end of the code section and then
        // require the final `end` to sit exactly at the end of the body.
        var reader = ByteReader(buffer: buffer, position: body.code.lowerBound,
                                limit: Swift.max(module.codeSectionEnd, body.code.upperBound),
                                endMessage: "unexpected end of section or function")
        reader.exceptionHandling = exceptionHandling
        while true {
            stacks.offset = reader.position
            let instruction = try reader.readInstruction()
            try validate(instruction)
            if stacks.frames.isEmpty { break }
        }
        guard reader.position == body.code.upperBound else {
            throw WasmError.malformed("section size mismatch", offset: reader.position)
        }
    }

    /// Parameter and result types of a block type.
    func signature(of blockType: BlockType) throws(WasmError) -> (parameters: [ValueType], results: [ValueType]) {
        switch blockType {
        case .empty: return ([], [])
        case .value(let t): return ([], singletons[Int(t.rawValue)])
        case .type(let index):
            guard Int(index) < module.types.count else { throw invalid("unknown type \(index)") }
            let t = module.types[Int(index)]
            return (t.parameters, t.results)
        }
    }

    func functionType(_ index: UInt32) throws(WasmError) -> FunctionType {
        guard let t = module.functionType(ofFunction: index) else { throw invalid("unknown function \(index)") }
        return t
    }

    func tableType(_ index: UInt32) throws(WasmError) -> TableType {
        guard let t = module.tableType(at: index) else { throw invalid("unknown table \(index)") }
        return t
    }

    func requireMemory(_ index: UInt32) throws(WasmError) {
        guard module.memoryType(at: index) != nil else { throw invalid("unknown memory \(index)") }
    }

    func requireAlignment(_ memarg: MemArg, natural: UInt32) throws(WasmError) {
        guard memarg.align <= natural else { throw invalid("alignment must not be larger than natural") }
    }

    func localType(_ index: UInt32) throws(WasmError) -> ValueType {
        guard Int(index) < locals.count else { throw invalid("unknown local \(index)") }
        return locals[Int(index)]
    }

    func globalType(_ index: UInt32) throws(WasmError) -> GlobalType {
        guard let g = module.globalType(at: index) else { throw invalid("unknown global \(index)") }
        return g
    }

    func requireElement(_ index: UInt32) throws(WasmError) -> ValueType {
        guard Int(index) < module.elements.count else { throw invalid("unknown elem segment \(index)") }
        return module.elements[Int(index)].type
    }

    /// `memory.init` and `data.drop` need the data count section (a decode-time rule).
    func requireDataSegment(_ index: UInt32) throws(WasmError) {
        guard let count = module.dataCount else {
            throw WasmError.malformed("data count section required", offset: stacks.offset)
        }
        guard index < count else { throw invalid("unknown data segment \(index)") }
    }
}
