import CLLVM
import WasmFrontend

/// block, loop, if/else, end, br, br_if, br_table, return and unreachable.
extension FunctionEmitter {
    /// The parameter and result types of a block type.
    func signature(of blockType: BlockType) throws(CompileError) -> (parameters: [ValueType], results: [ValueType]) {
        switch blockType {
        case .empty: return ([], [])
        case .value(let type): return ([], [type])
        case .type(let index):
            let type = try CodegenModule.type(index, in: unit.wasm)
            return (type.parameters, type.results)
        }
    }

    func lowerBlock(_ blockType: BlockType) throws(CompileError) {
        let (parameters, results) = try signature(of: blockType)
        let end = appendBlock("block_end")
        control.append(ControlFrame(kind: .block, parameters: parameters, results: results,
                                    stackHeight: stack.count - parameters.count,
                                    branchTarget: end, endBlock: end))
    }

    func lowerLoop(_ blockType: BlockType) throws(CompileError) {
        let (parameters, results) = try signature(of: blockType)
        let entryValues = popMany(parameters.count)
        let before = currentBlock
        let header = appendBlock("loop")
        LLVMBuildBr(builder, header)
        LLVMPositionBuilderAtEnd(builder, header)
        var phis: [LLVMValueRef] = []
        for (value, valueType) in zip(entryValues, parameters) {
            let phi: LLVMValueRef = LLVMBuildPhi(builder, types.value(valueType), "")
            addIncoming(phi, value, from: before)
            phis.append(phi)
            push(phi)
        }
        emitFuelCheck()
        emitEpochCheck()
        noteLoopHeader(header, resumable: parameters.isEmpty && stack.isEmpty && !localsInMemory
                       && !control.contains { $0.kind == .loop })
        let end = appendBlock("loop_end")
        var frame = ControlFrame(kind: .loop, parameters: parameters, results: results,
                                 stackHeight: stack.count - parameters.count,
                                 branchTarget: header, endBlock: end)
        frame.loopPhis = phis
        control.append(frame)
    }

    func lowerIf(_ blockType: BlockType) throws(CompileError) {
        let (parameters, results) = try signature(of: blockType)
        let condition = isTrue(pop())
        let thenBlock = appendBlock("then")
        let elseBlock = appendBlock("else")
        let end = appendBlock("if_end")
        LLVMBuildCondBr(builder, condition, thenBlock, elseBlock)
        LLVMPositionBuilderAtEnd(builder, thenBlock)
        var frame = ControlFrame(kind: .if, parameters: parameters, results: results,
                                 stackHeight: stack.count - parameters.count,
                                 branchTarget: end, endBlock: end)
        frame.elseBlock = elseBlock
        frame.elseParameters = peekMany(parameters.count)
        control.append(frame)
    }

    func lowerElse() {
        let depth = control.count - 1
        if !isUnreachable {
            let values = popMany(control[depth].results.count)
            control[depth].incoming.append((currentBlock, values))
            LLVMBuildBr(builder, control[depth].endBlock)
        }
        stack.removeLast(stack.count - control[depth].stackHeight)
        stack.append(contentsOf: control[depth].elseParameters)
        if let elseBlock = control[depth].elseBlock {
            LLVMPositionBuilderAtEnd(builder, elseBlock)
        }
        control[depth].elseBlock = nil
        isUnreachable = false
    }

    func lowerEnd() {
        guard var frame = control.popLast() else { return }
        finishLegacyHandler(frame)
        if !isUnreachable {
            leave(frame)
            frame.incoming.append((currentBlock, popMany(frame.results.count)))
            LLVMBuildBr(builder, frame.endBlock)
        }
        if let elseBlock = frame.elseBlock {
            // `if` without `else`: the false edge carries the parameters through.
            LLVMPositionBuilderAtEnd(builder, elseBlock)
            frame.incoming.append((elseBlock, frame.elseParameters))
            LLVMBuildBr(builder, frame.endBlock)
        }
        stack.removeLast(max(0, stack.count - frame.stackHeight))

        guard !frame.incoming.isEmpty else {
            // Nothing reaches the end: the code after it is unreachable too.
            LLVMDeleteBasicBlock(frame.endBlock)
            isUnreachable = true
            return
        }
        LLVMMoveBasicBlockAfter(frame.endBlock, LLVMGetLastBasicBlock(function))
        LLVMPositionBuilderAtEnd(builder, frame.endBlock)
        isUnreachable = false
        if frame.incoming.count == 1 {
            stack.append(contentsOf: frame.incoming[0].values)
        } else {
            for (i, resultType) in frame.results.enumerated() {
                let phi: LLVMValueRef = LLVMBuildPhi(builder, types.value(resultType), "")
                for edge in frame.incoming { addIncoming(phi, edge.values[i], from: edge.block) }
                push(phi)
            }
        }
        if frame.kind == .function {
            flushFuel()
            emitReturn()
        }
    }

    private func emitReturn() {
        SignatureLowering(type).buildReturn(popMany(type.results.count), builder, types)
        isUnreachable = true
    }

    /// Records that the current block branches to the frame `depth` levels up with `values`.
    func recordBranch(to depth: Int, values: [LLVMValueRef]) {
        let target = control.count - 1 - depth
        let block = currentBlock
        if control[target].kind == .loop {
            for (phi, value) in zip(control[target].loopPhis, values) { addIncoming(phi, value, from: block) }
        } else {
            control[target].incoming.append((block, values))
        }
    }

    func target(_ depth: Int) -> (block: LLVMBasicBlockRef, arity: Int) {
        let frame = control[control.count - 1 - depth]
        return (frame.branchTarget, frame.branchArity)
    }

    func lowerBr(_ depth: Int) {
        let arity = target(depth).arity
        branch(toDepth: depth, carrying: peekMany(arity))
        isUnreachable = true
    }

    /// Branches unconditionally to the frame `depth` levels up with `values`,
    /// first leaving the `try_table`s in between (see ``lowerTryTable(_:_:)``).
    func branch(toDepth depth: Int, carrying values: [LLVMValueRef]) {
        restoreHandlers(forBranchTo: depth)
        recordBranch(to: depth, values: values)
        LLVMBuildBr(builder, target(depth).block)
    }

    /// Where a conditional edge to `depth` goes: the target itself, or, when the
    /// branch leaves a `try_table`, a new block that restores the handler chain
    /// first (so the fall-through path keeps its handlers).
    private func edge(toDepth depth: Int, carrying values: [LLVMValueRef]) -> LLVMBasicBlockRef {
        guard handlersToRestore(forBranchTo: depth) != nil else {
            recordBranch(to: depth, values: values)
            return target(depth).block
        }
        let here = currentBlock
        let block = appendBlock("leave_try")
        LLVMPositionBuilderAtEnd(builder, block)
        branch(toDepth: depth, carrying: values)
        LLVMPositionBuilderAtEnd(builder, here)
        return block
    }

    func lowerBrIf(_ depth: Int) {
        branch(toDepth: depth, when: isTrue(pop()), otherwise: "br_if_else")
    }

    /// A conditional branch to the label `depth` levels out, carrying the label's
    /// values from the top of the stack (through a `try_table` exit edge where the
    /// branch leaves one, see `edge(toDepth:carrying:)`); execution continues in a
    /// new block named `otherwise`. `br_if`, `br_on_null` and `br_on_non_null`.
    func branch(toDepth depth: Int, when condition: LLVMValueRef, otherwise name: String) {
        let arity = target(depth).arity
        let destination = edge(toDepth: depth, carrying: peekMany(arity))
        let continuation = appendBlock(name)
        LLVMBuildCondBr(builder, condition, destination, continuation)
        LLVMPositionBuilderAtEnd(builder, continuation)
    }

    func lowerBrTable(_ targets: [Int], _ defaultDepth: Int) {
        let index = pop()
        let arity = target(defaultDepth).arity
        let values = peekMany(arity)
        var edges: [Int: LLVMBasicBlockRef] = [:]
        // A direct edge is recorded once per case (phis take one entry per edge);
        // an edge through a `leave_try` block is one edge into the target.
        func destination(_ depth: Int) -> LLVMBasicBlockRef {
            if let block = edges[depth] { return block }
            let block = edge(toDepth: depth, carrying: values)
            if handlersToRestore(forBranchTo: depth) != nil { edges[depth] = block }
            return block
        }
        let switchInstruction = LLVMBuildSwitch(builder, index, destination(defaultDepth), UInt32(targets.count))
        for (caseIndex, depth) in targets.enumerated() {
            LLVMAddCase(switchInstruction, i32(UInt32(caseIndex)), destination(depth))
        }
        isUnreachable = true
    }

    func lowerUnreachable() {
        emitTrap(.unreachable)
    }

    func addIncoming(_ phi: LLVMValueRef, _ value: LLVMValueRef, from block: LLVMBasicBlockRef) {
        var values: [LLVMValueRef?] = [value]
        var blocks: [LLVMBasicBlockRef?] = [block]
        LLVMAddIncoming(phi, &values, &blocks, 1)
    }
}
