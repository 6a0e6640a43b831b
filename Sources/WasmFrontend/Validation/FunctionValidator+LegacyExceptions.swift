/// Validation of the legacy exception-handling operators (the proposal's first
/// version, still emitted by Emscripten; superseded by `try_table` in Wasm 3.0).
///
/// The rules, as in the proposal's validation algorithm:
/// - `try bt` opens a frame like `block bt` (its label is the try's results).
/// - `catch x` ends the `try` body or the previous `catch` block (checking its
///   results like `end`) and opens a `catch` block that starts with tag x's payload
///   and ends with the try's results; `catch_all` does the same with no payload and
///   must be the last handler.
/// - `delegate l` ends a `try` that has no handler (results checked like `end`);
///   l counts the labels *around* the `try` (its own is already gone), and may name
///   the function body's (the exception then goes to the caller).
/// - `rethrow l` needs the frame l levels out to be a `catch` or `catch_all` block
///   ("invalid rethrow label") and makes the rest of the block unreachable.
extension FunctionValidator {
    mutating func validateLegacyException(_ instruction: Instruction) throws(WasmError) {
        switch instruction {
        case .try(let bt):
            let sig = try signature(of: bt)
            try stacks.pop(sig.parameters)
            stacks.pushFrame(.try, parameters: sig.parameters, results: sig.results)
        case .catch(let tag):
            let parameters = try tagParameters(tag)
            let frame = try popHandledFrame()
            stacks.pushFrame(.catch, parameters: parameters, results: frame.results)
        case .catchAll:
            let frame = try popHandledFrame()
            stacks.pushFrame(.catchAll, parameters: [], results: frame.results)
        case .delegate(let label):
            guard stacks.topKind == .try else {
                throw WasmError.malformed("END opcode expected", offset: stacks.offset)
            }
            let frame = try stacks.popFrame()
            _ = try stacks.label(label)
            stacks.push(frame.results)
        case .rethrow(let label):
            let kind = try stacks.label(label).kind
            guard kind == .catch || kind == .catchAll else { throw invalid("invalid rethrow label") }
            stacks.markUnreachable()
        default:
            throw invalid("unexpected operator")
        }
    }

    /// Pops the `try` body or `catch` block a `catch`/`catch_all` ends.
    private mutating func popHandledFrame() throws(WasmError) -> ControlFrame {
        guard stacks.topKind == .try || stacks.topKind == .catch else {
            throw WasmError.malformed("END opcode expected", offset: stacks.offset)
        }
        return try stacks.popFrame()
    }
}
