import WasmFrontend

/// What a pre-scan of a function body tells the prologue: whether it calls
/// and whether it loops. A function that neither calls nor loops finishes
/// in bounded time, so it needs no epoch check; a small one that makes no
/// calls cannot overflow the stack past the runtime's safety margin, so it
/// needs no stack check.
struct FunctionShape {
    /// The body has `call` or `call_indirect`.
    var calls = false
    /// The body has a `loop`.
    var loops = false
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
        while let instruction = try reader.next() {
            switch instruction {
            case .call, .callIndirect: calls = true
            case .loop: loops = true
            default: continue
            }
            if calls && loops { break }
        }
    }

    /// Whether the prologue must compare the frame with the stack limit.
    func needsStackCheck(localCount: Int) -> Bool {
        calls || codeSize > Self.uncheckedLeafCodeSize || localCount > Self.uncheckedLeafLocals
    }
}
