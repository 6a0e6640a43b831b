/// The kind of a control frame.
enum FrameKind: UInt8 {
    case function, block, loop, `if`, `else`
    /// Legacy exception handling: a `try` body, a `catch` block, a `catch_all` block.
    case `try`, `catch`, catchAll
}

/// One entry of the control stack (the spec's `ctrl_frame`).
struct ControlFrame {
    var kind: FrameKind
    var parameters: [ValueType]
    var results: [ValueType]
    /// Operand stack height at entry.
    var height: Int
    /// Height of the initialised-locals stack at entry; locals set inside are unset again at the end.
    var initHeight: Int = 0
    /// Set after `unreachable`, `br`, `br_table`, `return`: the rest of the block is stack-polymorphic.
    var unreachable: Bool

    /// The types a branch to this frame carries.
    var labelTypes: [ValueType] { kind == .loop ? parameters : results }
}

/// Operand and control stacks of the validation algorithm (spec appendix), with
/// "unknown" operands (`nil`) produced by the polymorphic stack.
struct ValidationStacks {
    var operands: [ValueType?] = []
    private(set) var frames: [ControlFrame] = []
    /// Offset of the operator being validated, for error positions.
    var offset = 0
    /// The module's subtype relation (reference types).
    var subtyping = Subtyping()
    /// Whether each local may be read: `false` only for a non-nullable reference
    /// local not yet set on every path to here (typed function references).
    var localInitialized: [Bool] = []
    /// Locals set since entering each frame (see ``ControlFrame/initHeight``).
    var initializedLocals: [Int] = []
    /// Cached `height` / `unreachable` of the innermost frame (hot in every pop).
    private var topHeight = 0
    private var topUnreachable = false

    mutating func reset() {
        operands.removeAll(keepingCapacity: true)
        frames.removeAll(keepingCapacity: true)
        initializedLocals.removeAll(keepingCapacity: true)
        topHeight = 0
        topUnreachable = false
    }

    /// The innermost frame's kind.
    var topKind: FrameKind { frames[frames.count - 1].kind }

    func mismatch() -> WasmError { .invalid("type mismatch", offset: offset) }

    @inline(__always)
    mutating func push(_ t: ValueType?) { operands.append(t) }

    mutating func push(_ types: [ValueType]) {
        for t in types { operands.append(t) }
    }

    /// Pops any operand; `nil` means unknown (polymorphic stack).
    @inline(__always)
    mutating func pop() throws(WasmError) -> ValueType? {
        if operands.count == topHeight {
            if topUnreachable { return nil }
            throw mismatch()
        }
        return operands.removeLast()
    }

    /// Pops an operand that must be `expected` (or unknown).
    @inline(__always)
    @discardableResult
    mutating func pop(_ expected: ValueType) throws(WasmError) -> ValueType? {
        let actual = try pop()
        if let actual, actual != expected, !subtyping.isSubtype(actual, of: expected) { throw mismatch() }
        return actual ?? expected
    }

    mutating func pop(_ types: [ValueType]) throws(WasmError) {
        var i = types.count
        while i > 0 {
            i -= 1
            try pop(types[i])
        }
    }

    /// Checks, without changing the stack, that its top matches `types` (unknowns match anything).
    func peekMatches(_ types: [ValueType]) throws(WasmError) {
        var index = operands.count
        var i = types.count
        while i > 0 {
            i -= 1
            index -= 1
            if index < topHeight {
                if topUnreachable { return }
                throw mismatch()
            }
            if let actual = operands[index], actual != types[i], !subtyping.isSubtype(actual, of: types[i]) {
                throw mismatch()
            }
        }
    }

    mutating func pushFrame(_ kind: FrameKind, parameters: [ValueType], results: [ValueType]) {
        frames.append(ControlFrame(kind: kind, parameters: parameters, results: results,
                                   height: operands.count, initHeight: initializedLocals.count, unreachable: false))
        topHeight = operands.count
        topUnreachable = false
        push(parameters)
    }

    /// Pops the innermost frame after checking its results are exactly what is on the stack.
    mutating func popFrame() throws(WasmError) -> ControlFrame {
        let frame = frames[frames.count - 1]
        try pop(frame.results)
        guard operands.count == topHeight else { throw mismatch() }
        while initializedLocals.count > frame.initHeight { localInitialized[initializedLocals.removeLast()] = false }
        frames.removeLast()
        if let outer = frames.last {
            topHeight = outer.height
            topUnreachable = outer.unreachable
        }
        return frame
    }

    /// Records that local `index` holds a value from here to the end of the current block.
    @inline(__always)
    mutating func initialize(local index: Int) {
        if !localInitialized[index] {
            localInitialized[index] = true
            initializedLocals.append(index)
        }
    }

    /// Makes the rest of the current block stack-polymorphic.
    mutating func markUnreachable() {
        operands.removeSubrange(topHeight...)
        frames[frames.count - 1].unreachable = true
        topUnreachable = true
    }

    /// The frame `depth` levels out, or "unknown label".
    func label(_ depth: UInt32) throws(WasmError) -> ControlFrame {
        guard Int(depth) < frames.count else { throw .invalid("unknown label", offset: offset) }
        return frames[frames.count - 1 - Int(depth)]
    }
}
