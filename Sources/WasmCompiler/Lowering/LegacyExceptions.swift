import CLLVM
import WasmFrontend

/// Legacy exception handling: `try`, `catch`, `catch_all`, `delegate`, `rethrow`
/// (the proposal's first version, still emitted by Emscripten).
///
/// **Design.** The same handler chain as `try_table` (see Exceptions.swift and
/// `Runtime/include/wasmex_exceptions.h`):
/// - `try` links this depth's handler record into the chain and calls `_setjmp`,
///   as `try_table` does; every way out of the body restores the previous head.
///   The handler block `_setjmp` returns to is filled in later, when the code
///   after the body says what it is: the tag tests of the `catch` clauses (one
///   per `catch`, chained, the last one without a match throwing the exception
///   on), or a `delegate`, or (a `try` without handlers) throwing it on. Like a
///   `try_table` handler it runs outside the `try`: the runtime has popped the
///   record.
/// - A `catch`/`catch_all` block *holds* its exception while it runs, as
///   `rethrow` may throw it again (also from a nested `try`, which may catch it
///   once more: holds are counted). Entering the block links a hold record into
///   the chain in the `try`'s record slot (``RuntimeFunction/exceptionHeld``);
///   every normal way out of the block (its end, branches, `return`, tail calls)
///   restores the head and drops the hold (``RuntimeFunction/exceptionUnheld``),
///   freeing the exception unless an `exnref` or another block has it. An
///   exception leaving the block drops the hold in the runtime's `deliver`, and
///   a trap in `wasmex_invoke`, which find the hold record on the chain.
/// - `delegate l` hands the exception to the label l counts from the `try`:
///   its handler leaves the frames between (restoring the head, dropping holds,
///   exactly as a branch to that label would) and throws the exception again
///   *inside* the target: a `try` body there catches it with its own handlers,
///   a catch block or plain block passes it outwards, and the function body's
///   label passes it to the caller. A `try` without handlers behaves as
///   `delegate 0`.
/// - `rethrow l` throws the exception of the catch block l levels out again.
///
/// Traps are not exceptions: they never reach a handler.
struct LegacyHandler {
    /// Where `_setjmp` returns when an exception reaches the `try`.
    let handler: LLVMBasicBlockRef
    /// The delivered exception, loaded in `handler` at the first `catch`/`catch_all`.
    var exception: LLVMValueRef?
    /// Where the next `catch` clause tests the tag (nil after `catch_all`).
    var dispatch: LLVMBasicBlockRef?
    /// For a `try` without handlers: the label `delegate` names (0: none, the enclosing frame).
    var delegateLabel: UInt32 = 0
}

extension ControlFrame {
    /// The exception a legacy catch block holds.
    var heldException: LLVMValueRef? { kind == .legacyCatch ? legacy?.exception : nil }
}

extension FunctionEmitter {
    func lowerLegacyTry(_ blockType: BlockType) throws(CompileError) {
        let (parameters, results) = try signature(of: blockType)
        let (previous, status) = enterHandlerRecord()
        let body = appendBlock("try_body")
        let handler = appendBlock("try_handler")
        LLVMBuildCondBr(builder, LLVMBuildICmp(builder, LLVMIntEQ, status, i32(0), ""), body, handler)
        LLVMPositionBuilderAtEnd(builder, body)
        let end = appendBlock("try_end")
        var frame = ControlFrame(kind: .legacyTry, parameters: parameters, results: results,
                                 stackHeight: stack.count - parameters.count,
                                 branchTarget: end, endBlock: end)
        frame.previousHandlers = previous
        frame.legacy = LegacyHandler(handler: handler)
        control.append(frame)
    }

    /// `catch tag` (or `catch_all` when `tag` is nil): ends the `try` body or the
    /// previous catch block like `end`, then opens the catch block, entered
    /// from the handler when the tag matches.
    func lowerLegacyCatch(_ tag: UInt32?) {
        guard let last = control.last, var legacy = last.legacy else {
            preconditionFailure("catch outside a legacy try in validated function \(index)")
        }
        var frame = control.removeLast()
        if !isUnreachable {
            leave(frame)
            frame.incoming.append((currentBlock, popMany(frame.results.count)))
            LLVMBuildBr(builder, frame.endBlock)
        }
        stack.removeLast(max(0, stack.count - frame.stackHeight))

        if frame.kind == .legacyTry {
            LLVMPositionBuilderAtEnd(builder, legacy.handler)
            reloadFuel()
            legacy.exception = deliveredException()
            legacy.dispatch = legacy.handler
        }
        guard let exception = legacy.exception, let dispatch = legacy.dispatch else {
            preconditionFailure("catch after catch_all in validated function \(index)")
        }
        LLVMPositionBuilderAtEnd(builder, dispatch)
        var parameters: [ValueType] = []
        if let tag {
            parameters = unit.wasm.tagParameters(at: tag) ?? []
            let caught = appendBlock("catch")
            let next = appendBlock("catch_next")
            LLVMBuildCondBr(builder, exceptionHasTag(exception, tag), caught, next)
            legacy.dispatch = next
            LLVMPositionBuilderAtEnd(builder, caught)
        } else {
            legacy.dispatch = nil
        }
        let values = payload(of: exception, parameters)
        // The try's record is off the chain (the runtime popped it): its slot
        // becomes the catch block's hold record.
        callRuntime(.exceptionHeld, [vmctx, currentHandlerRecord(), exception])
        stack.append(contentsOf: values)

        var block = ControlFrame(kind: .legacyCatch, parameters: parameters, results: frame.results,
                                 stackHeight: frame.stackHeight,
                                 branchTarget: frame.branchTarget, endBlock: frame.endBlock)
        block.incoming = frame.incoming
        block.previousHandlers = frame.previousHandlers
        block.legacy = legacy
        control.append(block)
        isUnreachable = false
    }

    /// `delegate label`: ends a `try` without handlers, whose handler throws
    /// the exception on at `label` (see ``LegacyHandler``).
    func lowerDelegate(_ label: UInt32) {
        precondition(control.last?.kind == .legacyTry, "delegate outside a legacy try in validated function \(index)")
        control[control.count - 1].legacy?.delegateLabel = label
        lowerEnd()
    }

    /// `rethrow label`: throws the exception of the catch block `label` levels out again.
    func lowerRethrow(_ label: UInt32) {
        guard let exception = control[control.count - 1 - Int(label)].heldException else {
            preconditionFailure("rethrow label is not a catch block in validated function \(index)")
        }
        flushFuel()
        callRuntime(.throwRef, [vmctx, exception])
        LLVMBuildUnreachable(builder)
        isUnreachable = true
    }

    /// At the end of a legacy `try` or catch block (`frame` just popped): completes
    /// its handler, which throws the exception on where no clause caught it.
    func finishLegacyHandler(_ frame: ControlFrame) {
        guard let legacy = frame.legacy else { return }
        let here = currentBlock
        if frame.kind == .legacyTry {
            // No handler: on to the frame `delegate` names, counted from outside the try.
            LLVMPositionBuilderAtEnd(builder, legacy.handler)
            reloadFuel()
            let exception = deliveredException()
            leaveFrames(from: control.count - Int(legacy.delegateLabel))
            callRuntime(.throwRef, [vmctx, exception])
            LLVMBuildUnreachable(builder)
        } else if let dispatch = legacy.dispatch, let exception = legacy.exception {
            // No clause matched (and no catch_all): on to the enclosing handlers.
            LLVMPositionBuilderAtEnd(builder, dispatch)
            callRuntime(.throwRef, [vmctx, exception])
            LLVMBuildUnreachable(builder)
        }
        LLVMPositionBuilderAtEnd(builder, here)
    }
}
