import WasmFrontend

/// What a pre-scan of a function body tells the compiler: what it calls,
/// whether it loops and which functions it takes references to. A small
/// function that makes no calls cannot overflow the stack past the runtime's
/// safety margin, so it needs no stack check; ``CallGraph`` uses the callees
/// to decide which functions need an epoch check at entry.
struct FunctionShape {
    /// The body has `call`, `call_indirect` or their tail-call forms (a tail call's
    /// callee is entered like any callee: a cycle of tail calls is a call cycle).
    var calls: Bool { !directCallSites.isEmpty || indirectCallSites > 0 }
    /// How many `call` and `return_call` instructions name each directly called
    /// function (absolute indices).
    var directCallSites: [Int: Int] = [:]
    /// Absolute indices of the functions called directly.
    var directCallees: Dictionary<Int, Int>.Keys { directCallSites.keys }
    /// How many `call_indirect`, `call_ref` and their tail-call forms the body has.
    var indirectCallSites = 0
    /// The body calls through a table or a reference.
    var callsIndirectly: Bool { indirectCallSites > 0 }
    /// The body has `return_call`, `return_call_indirect` or `return_call_ref`
    /// (its module then uses the `tailcc` convention, see ``WasmCallingConvention``).
    var tailCalls = false
    /// Functions named by `ref.func` in the body (they escape).
    var referencedFunctions: Set<Int> = []
    /// The body has a `loop`.
    var loops = false
    /// Functions called directly from inside one of the body's loops (absolute indices).
    var calledInLoops: Set<Int> = []
    /// The body has a `try_table` or legacy `try`: its locals are kept in memory (see ``FunctionEmitter/lowerTryTable(_:_:)``).
    var handlesExceptions: Bool { tryDepth > 0 }
    /// The deepest nesting of `try_table`s and legacy `try`s: the handler records the frame holds
    /// (siblings share one, see ``FunctionEmitter/lowerTryTable(_:_:)``).
    var tryDepth = 0
    /// The body's size in bytes.
    var codeSize = 0

    /// Leaf functions up to this size and local count skip the stack check:
    /// their frame (a few KiB) stays well inside the margin `wasmex_invoke`
    /// keeps under the limit for host code and the runtime (a quarter of the
    /// thread's stack, up to 256 KiB).
    static let uncheckedLeafCodeSize = 4096
    static let uncheckedLeafLocals = 256

    init(_ body: FunctionBody, in bytes: [UInt8]) throws(WasmError) {
        codeSize = body.code.count
        var reader = InstructionReader(bytes: bytes, range: body.code)
        // The kind of each open block.
        enum Block { case plain, loop, handler }
        var open: [Block] = []
        var depth = 0
        var loopDepth = 0
        while let instruction = try reader.next() {
            switch instruction {
            case .block, .if: open.append(.plain)
            case .loop:
                open.append(.loop)
                loopDepth += 1
            case .end, .delegate:
                switch open.popLast() {
                case .handler: depth -= 1
                case .loop: loopDepth -= 1
                case .plain, nil: break
                }
            default: break
            }
            switch instruction {
            case .call(let index):
                directCallSites[Int(index), default: 0] += 1
                if loopDepth > 0 { calledInLoops.insert(Int(index)) }
            case .returnCall(let index):
                directCallSites[Int(index), default: 0] += 1
                tailCalls = true
            case .callIndirect, .callRef:
                indirectCallSites += 1
            case .returnCallIndirect, .returnCallRef:
                indirectCallSites += 1
                tailCalls = true
            case .refFunc(let index): referencedFunctions.insert(Int(index))
            case .loop: loops = true
            case .tryTable, .try:
                open.append(.handler)
                depth += 1
                tryDepth = Swift.max(tryDepth, depth)
            default: continue
            }
        }
    }

    /// Whether the prologue must compare the frame with the stack limit.
    func needsStackCheck(localCount: Int) -> Bool {
        // A try_table's handler record (a jmp_buf) is a few hundred bytes of frame each.
        calls || handlesExceptions || codeSize > Self.uncheckedLeafCodeSize || localCount > Self.uncheckedLeafLocals
    }
}
