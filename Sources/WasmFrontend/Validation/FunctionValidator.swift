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
    /// Decode memory immediates by 2.0's rules (``WasmFeatures/multiMemory`` off).
    var wasm2Immediates = false
    /// Whether exception-handling operators decode (``WasmFeatures/exceptionHandling``).
    var exceptionHandling = true
    /// Whether typed reference types and operators decode (``WasmFeatures/typedFunctionReferences``).
    var typedReferences = true
    /// `[t]` for the seven 2.0 value types, so the common block types never allocate
    /// (indexed by a switch, not hashed: block types are on the validator's hot path).
    let singletons: [[ValueType]] = [ValueType.i32, .i64, .f32, .f64, .v128, .funcRef, .externRef].map { [$0] }

    init(module: WasmModule, buffer: UnsafeBufferPointer<UInt8>, declaredFunctions: Set<UInt32>,
         subtyping: Subtyping? = nil) {
        self.module = module
        self.buffer = buffer
        self.declaredFunctions = declaredFunctions
        stacks.subtyping = subtyping ?? Subtyping(module: module)
    }

    func invalid(_ message: String) -> WasmError { .invalid(message, offset: stacks.offset) }

    /// Validates one body of signature `type`.
    mutating func validate(body: FunctionBody, type: FunctionType) throws(WasmError) {
        stacks.reset()
        locals.removeAll(keepingCapacity: true)
        locals.append(contentsOf: type.parameters)
        locals.append(contentsOf: body.locals)
        stacks.localInitialized.removeAll(keepingCapacity: true)
        stacks.localInitialized.append(contentsOf: repeatElement(true, count: type.parameters.count))
        for local in body.locals {
            try requireKnownType(local)
            stacks.localInitialized.append(local.isReference ? local.isNullable : true)
        }
        guard body.code.lowerBound >= 0, body.code.upperBound <= buffer.count else {
            throw WasmError.malformed("function body out of bounds", offset: Swift.max(0, body.code.lowerBound))
        }
        stacks.pushFrame(.function, parameters: [], results: type.results)
        // Like the reference decoder, read on to the end of the code section and then
        // require the final `end` to sit exactly at the end of the body.
        var reader = ByteReader(buffer: buffer, position: body.code.lowerBound,
                                limit: Swift.max(module.codeSectionEnd, body.code.upperBound),
                                endMessage: "unexpected end of section or function")
        reader.wasm2Immediates = wasm2Immediates
        reader.exceptionHandling = exceptionHandling
        reader.typedReferences = typedReferences
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
        case .value(let t):
            if case .ref(let r) = t, case .concrete(let index) = r.heapType, Int(index) >= module.types.count {
                throw invalid("unknown type \(index)")
            }
            return ([], singleton(t))
        case .type(let index):
            let t = try type(at: index)
            return (t.parameters, t.results)
        }
    }

    /// `[t]`, shared for the seven 2.0 types.
    @inline(__always)
    func singleton(_ t: ValueType) -> [ValueType] {
        switch t {
        case .i32: singletons[0]
        case .i64: singletons[1]
        case .f32: singletons[2]
        case .f64: singletons[3]
        case .v128: singletons[4]
        case .ref(let r) where r == .funcRef: singletons[5]
        case .ref(let r) where r == .externRef: singletons[6]
        case .ref: [t]
        }
    }

    /// A concrete heap type must name a type of the module.
    func requireKnownType(_ t: ValueType) throws(WasmError) {
        if case .ref(let r) = t, case .concrete(let index) = r.heapType, Int(index) >= module.types.count {
            throw invalid("unknown type \(index)")
        }
    }

    /// The function type at a type index.
    func type(at index: UInt32) throws(WasmError) -> FunctionType {
        guard Int(index) < module.types.count else { throw invalid("unknown type \(index)") }
        guard module.typeDeclaration(at: Int(index)).composite == .function else {
            throw invalid("type mismatch: type \(index) is not a function type")
        }
        return module.types[Int(index)]
    }

    func functionType(_ index: UInt32) throws(WasmError) -> FunctionType {
        guard let t = module.functionType(ofFunction: index) else { throw invalid("unknown function \(index)") }
        return t
    }

    func tableType(_ index: UInt32) throws(WasmError) -> TableType {
        guard let t = module.tableType(at: index) else { throw invalid("unknown table \(index)") }
        return t
    }

    /// The address value type of memory `index`.
    @discardableResult
    func requireMemory(_ index: UInt32) throws(WasmError) -> ValueType {
        guard let m = module.memoryType(at: index) else { throw invalid("unknown memory \(index)") }
        return m.addressType.valueType
    }

    /// Checks a memarg's memory, alignment and offset; returns the address value type.
    func requireMemArg(_ memarg: MemArg, natural: UInt32) throws(WasmError) -> ValueType {
        let address = try requireMemory(memarg.memory)
        guard memarg.align <= natural else { throw invalid("alignment must not be larger than natural") }
        if address == .i32 && memarg.offset > UInt64(UInt32.max) { throw invalid("offset out of range") }
        return address
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
