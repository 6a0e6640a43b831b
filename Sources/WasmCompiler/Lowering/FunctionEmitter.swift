import CLLVM
import WasmFrontend

/// Lowers one validated Wasm function body to LLVM IR.
///
/// The emitter walks the body once with an ``InstructionReader``, keeping an
/// abstract value stack of LLVM values and a stack of ``ControlFrame``s.
/// Locals are allocas (promoted to SSA by LLVM's mem2reg). Code after an
/// unconditional branch is skipped until the `else`/`end` that makes it
/// reachable again. Operator families live in the other files of this folder.
final class FunctionEmitter: NumericLoweringContext {
    let unit: CodegenModule
    let function: LLVMValueRef
    /// Absolute function index.
    let index: Int
    let type: FunctionType
    let vmctx: LLVMValueRef

    var builder: LLVMBuilderRef { unit.builder }
    var llvmContext: LLVMContextRef { unit.context }
    var llvmModule: LLVMModuleRef { unit.module }
    var types: IRTypes { unit.types }

    var locals: [(pointer: LLVMValueRef, type: ValueType)] = []
    /// Locals are read and written with volatile accesses: the function has a
    /// `try_table`, whose handler must see them as the try body left them
    /// (see ``lowerTryTable(_:_:)``).
    var localsInMemory = false
    /// Whether the body has `try_table` or legacy `try` blocks: without
    /// them no frame holds a handler record or a caught exception, and
    /// branches need not look for frames to leave (see ``leaveFrames(from:)``).
    var handlesExceptions = false
    /// Handler records by `try_table` nesting depth (see ``lowerTryTable(_:_:)``).
    var handlerRecords: [LLVMValueRef] = []
    var stack: [LLVMValueRef] = []
    var control: [ControlFrame] = []
    /// True while the current position cannot be reached.
    var isUnreachable = false
    /// Blocks opened inside unreachable code (skipped, but their `end`s must be matched).
    var deadDepth = 0
    private var trapBlocks: [TrapCode: LLVMBasicBlockRef] = [:]
    /// The fuel counter and the cost not yet taken from it (see ``FuelCostModel``).
    var fuelMeter = FuelMeter()
    /// The function-local epoch at which loop headers next look at the deadline.
    var epochNextCheck: LLVMValueRef?
    /// Debug locations naming each operator's byte offset, when backtrace
    /// details are on (``CompilerOptions/backtraceDetails``); nil otherwise.
    var sourceLocations: SourceLocations?
    /// The loops lowered so far (live ones, in body order): a loop's ordinal
    /// names it in both tiers (see ``OSREntry``).
    var loopCount = 0
    /// Set while emitting a function's on-stack-replacement entry instead of
    /// the function itself.
    let osrEntry: OSREntry?

    /// An emitter for defined function `definedIndex`, or, with `osrEntry`,
    /// for its on-stack-replacement entry (see ``OSREntry``).
    init(unit: CodegenModule, definedIndex: Int, osrEntry: OSREntry? = nil) {
        self.unit = unit
        self.osrEntry = osrEntry
        self.function = osrEntry?.function ?? unit.definedFunction(definedIndex)
        self.index = unit.importedFunctionCount + definedIndex
        self.type = unit.functionTypes[index]
        self.vmctx = LLVMGetParam(function, 0)
    }

    /// Emits the body `body` of this function.
    func emit(body: FunctionBody) throws(CompileError) {
        sourceLocations?.begin(function: function, index: index, offset: body.code.lowerBound)
        defer { sourceLocations?.end() }
        let entry = appendBlock("entry")
        LLVMPositionBuilderAtEnd(builder, entry)
        if let osrEntry { declareLocals(body.locals, from: osrEntry) } else { declareLocals(body.locals) }
        let definedIndex = index - unit.importedFunctionCount
        if let table = unit.tierTable, unit.forwardsAtEntry, Self.canForward(type) { emitTierForward(definedIndex: definedIndex, table: table) }
        emitEntryCount(definedIndex: definedIndex)
        let shape = unit.functionShapes[definedIndex]
        localsInMemory = shape.handlesExceptions
        handlesExceptions = shape.handlesExceptions
        let localCount = type.parameters.count + body.locals.count
        if shape.needsStackCheck(localCount: localCount) {
            // The frame estimate counts 16 bytes per local: handler records as their size in locals.
            let handlerSlots = shape.tryDepth * Int(VMContextLayout.handlerBytes / VMContextLayout.slotBytes)
            emitStackCheck(localCount: localCount + handlerSlots)
        }
        emitExecutionControlPrologue(shape, entryCheck: unit.entryEpochChecks[definedIndex], chargesEntry: osrEntry == nil)
        // An OSR entry leaves its prologue for the loop it resumes; the body's
        // own start is never reached (LLVM drops it).
        if let osrEntry { osrEntry.leavePrologue(self) }

        let exit = appendBlock("return")
        control.append(ControlFrame(kind: .function, parameters: [], results: type.results,
                                    stackHeight: 0, branchTarget: exit, endBlock: exit))
        var reader = InstructionReader(bytes: unit.wasm.bytes, range: body.code)
        do {
            while !control.isEmpty {
                let offset = reader.offset
                guard let instruction = try reader.next() else { break }
                sourceLocations?.setOffset(offset)
                try lower(instruction)
            }
        } catch let error as WasmError {
            throw CompileError.invalidModule(error)
        } catch let error as CompileError {
            throw error
        } catch {
            throw CompileError.llvm("unexpected error lowering function \(index): \(error)")
        }
        guard control.isEmpty else {
            throw CompileError.invalidModule(.malformed("function body \(index) is missing its end", offset: body.code.upperBound))
        }
        osrEntry?.finishDispatch(self)
    }

    // MARK: - Dispatch

    /// Lowers one instruction (or skips it in unreachable code).
    func lower(_ instruction: Instruction) throws(CompileError) {
        if isUnreachable {
            switch instruction {
            case .block, .loop, .if, .tryTable, .try: deadDepth += 1
            case .else: if deadDepth == 0 { lowerElse() }
            case .end: if deadDepth > 0 { deadDepth -= 1 } else { lowerEnd() }
            // Legacy catch blocks are reached from their try's handler, like `else` from its `if`.
            case .catch(let tag): if deadDepth == 0 { lowerLegacyCatch(tag) }
            case .catchAll: if deadDepth == 0 { lowerLegacyCatch(nil) }
            case .delegate(let label): if deadDepth > 0 { deadDepth -= 1 } else { lowerDelegate(label) }
            default: break
            }
            return
        }
        meterFuel(before: instruction)
        let callsOut = fuelMeter.slot != nil && Self.callsOut(instruction)
        defer { if callsOut && !isUnreachable { reloadFuel() } }
        switch instruction {
        case .unreachable: lowerUnreachable()
        case .nop: break
        case .block(let blockType): try lowerBlock(blockType)
        case .loop(let blockType): try lowerLoop(blockType)
        case .if(let blockType): try lowerIf(blockType)
        case .else: lowerElse()
        case .end: lowerEnd()
        case .br(let depth): lowerBr(Int(depth))
        case .brIf(let depth): lowerBrIf(Int(depth))
        case .brTable(let targets, let defaultTarget): lowerBrTable(targets.map(Int.init), Int(defaultTarget))
        case .return: lowerBr(control.count - 1)
        case .throw(let tag): lowerThrow(tag)
        case .throwRef: lowerThrowRef()
        case .tryTable(let blockType, let clauses): try lowerTryTable(blockType, clauses)
        case .try(let blockType): try lowerLegacyTry(blockType)
        case .catch(let tag): lowerLegacyCatch(tag)
        case .catchAll: lowerLegacyCatch(nil)
        case .delegate(let label): lowerDelegate(label)
        case .rethrow(let label): lowerRethrow(label)
        case .call(let callee): try lowerCall(Int(callee))
        case .callIndirect(let typeIndex, let table): try lowerCallIndirect(typeIndex: typeIndex, table: table)
        case .returnCall(let callee): try lowerReturnCall(Int(callee))
        case .returnCallIndirect(let typeIndex, let table): try lowerReturnCallIndirect(typeIndex: typeIndex, table: table)
        case .callRef(let typeIndex): try lowerCallRef(typeIndex: typeIndex)
        case .returnCallRef(let typeIndex): try lowerReturnCallRef(typeIndex: typeIndex)
        case .refAsNonNull: lowerRefAsNonNull()
        case .brOnNull(let depth): lowerBrOnNull(Int(depth))
        case .brOnNonNull(let depth): lowerBrOnNonNull(Int(depth))
        case .drop: lowerDrop()
        case .select, .typedSelect: lowerSelect()
        case .localGet(let i): lowerLocalGet(Int(i))
        case .localSet(let i): lowerLocalSet(Int(i))
        case .localTee(let i): lowerLocalTee(Int(i))
        case .globalGet(let i): try lowerGlobalGet(Int(i))
        case .globalSet(let i): try lowerGlobalSet(Int(i))
        case .tableGet(let t): lowerTableGet(t)
        case .tableSet(let t): lowerTableSet(t)
        case .tableInit(let elem, let table): lowerTableInit(segment: elem, table: table)
        case .elemDrop(let segment): lowerElemDrop(segment)
        case .tableCopy(let dst, let src): lowerTableCopy(dst: dst, src: src)
        case .tableGrow(let t): lowerTableGrow(t)
        case .tableSize(let t): lowerTableSize(t)
        case .tableFill(let t): lowerTableFill(t)
        case .load(let op, let memarg): lowerLoad(op, memarg)
        case .store(let op, let memarg): lowerStore(op, memarg)
        case .memorySize(let m): lowerMemorySize(m)
        case .memoryGrow(let m): lowerMemoryGrow(m)
        case .memoryInit(let data, let memory): lowerMemoryInit(segment: data, memory: memory)
        case .dataDrop(let segment): lowerDataDrop(segment)
        case .memoryCopy(let dst, let src): lowerMemoryCopy(dst: dst, src: src)
        case .memoryFill(let m): lowerMemoryFill(m)
        case .i32Const(let v): push(LLVMConstInt(types.i32, UInt64(UInt32(bitPattern: v)), 0))
        case .i64Const(let v): push(LLVMConstInt(types.i64, UInt64(bitPattern: v), 0))
        case .f32Const(let bits): push(LLVMBuildBitCast(builder, LLVMConstInt(types.i32, UInt64(bits), 0), types.f32, ""))
        case .f64Const(let bits): push(LLVMBuildBitCast(builder, LLVMConstInt(types.i64, bits, 0), types.f64, ""))
        case .refNull: push(LLVMConstPointerNull(types.ptr))
        case .refIsNull: lowerRefIsNull()
        case .refFunc(let f): lowerRefFunc(Int(f))
        case .refEq: lowerRefEq()
        case .gc(let op): lowerGC(op)
        case .numeric(let op): lowerNumeric(op)
        case .v128Const, .i8x16Shuffle, .simd, .simdLane, .simdLoad, .simdLoadLane:
            lowerVector(instruction)
        }
    }

    private func lowerNumeric(_ op: NumericOp) {
        let operands = popMany(op.arity)
        push(NumericLowering.emit(op, operands, in: self))
    }

    // MARK: - Value stack

    func push(_ value: LLVMValueRef) { stack.append(value) }

    func pop() -> LLVMValueRef {
        // Validation guarantees the operand exists; an empty stack would be a compiler bug.
        guard let value = stack.popLast() else {
            preconditionFailure("value stack underflow in validated function \(index)")
        }
        return value
    }

    /// Pops `count` values, returned in push order (first pushed first).
    func popMany(_ count: Int) -> [LLVMValueRef] {
        guard count > 0 else { return [] }
        precondition(stack.count >= count, "value stack underflow in validated function \(index)")
        let values = Array(stack[(stack.count - count)...])
        stack.removeLast(count)
        return values
    }

    /// The top `count` values without popping them, in push order.
    func peekMany(_ count: Int) -> [LLVMValueRef] {
        guard count > 0 else { return [] }
        precondition(stack.count >= count, "value stack underflow in validated function \(index)")
        return Array(stack[(stack.count - count)...])
    }

    // MARK: - Blocks and traps

    func appendBlock(_ name: String) -> LLVMBasicBlockRef {
        LLVMAppendBasicBlockInContext(unit.context, function, name)
    }

    var currentBlock: LLVMBasicBlockRef { LLVMGetInsertBlock(builder) }

    /// Branches to a shared trap block for `trap` when `condition` holds;
    /// emission continues on the fall-through path.
    func emitTrap(if condition: LLVMValueRef, _ trap: TrapCode) {
        let trapBlock = trapBlock(for: trap)
        let continuation = appendBlock("ok")
        let branch: LLVMValueRef = LLVMBuildCondBr(builder, condition, trapBlock, continuation)
        unit.hints.markTrueUnlikely(branch)
        LLVMPositionBuilderAtEnd(builder, continuation)
    }

    /// Traps unconditionally and marks the position unreachable.
    func emitTrap(_ trap: TrapCode) {
        callTrap(trap)
        isUnreachable = true
    }

    /// The function's shared block for `trap`; with backtrace details, a block
    /// of its own per site, so the trap keeps its operator's location.
    func trapBlock(for trap: TrapCode) -> LLVMBasicBlockRef {
        if sourceLocations == nil, let block = trapBlocks[trap] { return block }
        let here = currentBlock
        let block = appendBlock("trap_\(trap.rawValue)")
        LLVMPositionBuilderAtEnd(builder, block)
        callTrap(trap)
        LLVMPositionBuilderAtEnd(builder, here)
        trapBlocks[trap] = block
        return block
    }

    private func callTrap(_ trap: TrapCode) {
        // Only an out-of-fuel trap writes the fuel back (see ``FuelCostModel``).
        if trap == .outOfFuel { flushFuel() }
        let runtime = unit.runtime(.trap)
        var args: [LLVMValueRef?] = [vmctx, LLVMConstInt(types.i32, UInt64(trap.rawValue), 0)]
        let call: LLVMValueRef = args.withUnsafeMutableBufferPointer {
            LLVMBuildCall2(builder, runtime.type, runtime.function, $0.baseAddress, UInt32($0.count), "")
        }
        // Merged trap calls would share one location (see ``SourceLocations``).
        if sourceLocations != nil { SourceLocations.forbidMerging(call, context: llvmContext) }
        LLVMBuildUnreachable(builder)
    }

    /// Converts a Wasm i32 condition to an `i1`.
    func isTrue(_ value: LLVMValueRef) -> LLVMValueRef {
        LLVMBuildICmp(builder, LLVMIntNE, value, LLVMConstInt(types.i32, 0, 0), "")
    }

    /// Emits a call and returns the call instruction.
    @discardableResult
    func call(_ callee: LLVMValueRef, type: LLVMTypeRef, _ arguments: [LLVMValueRef]) -> LLVMValueRef {
        var args: [LLVMValueRef?] = arguments
        return args.withUnsafeMutableBufferPointer {
            LLVMBuildCall2(builder, type, callee, $0.baseAddress, UInt32($0.count), "")
        }
    }

    /// Calls a C runtime function.
    @discardableResult
    func callRuntime(_ function: RuntimeFunction, _ arguments: [LLVMValueRef]) -> LLVMValueRef {
        let runtime = unit.runtime(function)
        return call(runtime.function, type: runtime.type, arguments)
    }

    func i32(_ value: UInt32) -> LLVMValueRef { LLVMConstInt(types.i32, UInt64(value), 0) }
    func i64(_ value: UInt64) -> LLVMValueRef { LLVMConstInt(types.i64, value, 0) }
}
