import CWasmexRuntime
import WasmCompiler

/// Why and where a Wasm call trapped: the payload of ``WasmexError/trap(_:)``.
///
/// ```swift
/// do {
///     _ = try instance.call("divide", [.i32(1), .i32(0)])
/// } catch WasmexError.trap(let trap) where trap.code == .integerDivideByZero {
///     print(trap)   // integer divide by zero
///                   // wasm backtrace:
///                   //     0: func 3 (divide)
/// }
/// ```
///
/// A trap code also matches a trap in patterns: `catch WasmexError.trap(.unreachable)`.
///
/// - ``frames`` are the Wasm functions on the stack when the trap happened,
///   innermost first: recorded by the runtime's frame-pointer walk from the
///   trap site up to the call's landing point (see `Runtime/invoke.c`) and
///   mapped to functions of the store's modules. Traps raised by the runtime
///   outside generated code (segment bounds at instantiation) have none.
/// - A host function that fails while called from Wasm makes the call trap
///   with `TrapCode/hostError`; ``cause`` keeps what the function threw
///   (your own error, `WASIExit`, or ``WasmexError/hostResultMismatch(_:)``
///   for wrong results) and ``frames`` are the Wasm functions that called it.
/// - A trap that a host function lets through from a re-entrant call (host →
///   Wasm → trap) keeps its own code; its frames are those of the inner call
///   followed by the outer call's frames below the host function, the whole
///   Wasm stack at the trap, as Wasmtime reports it.
///
/// Two traps are equal when code, frames and message are equal.
public struct Trap: Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public let code: TrapCode
    /// The Wasm frames on the stack at the trap, innermost first.
    public let frames: [WasmFrame]
    /// The error a host function threw (or ``WasmexError/hostResultMismatch(_:)``)
    /// when ``code`` is `TrapCode/hostError`; nil for every other trap.
    /// (Not named `hostError`, so that `case .trap(.hostError)` still reads
    /// as the trap code in patterns.)
    public let cause: (any Error)?

    /// Creates a trap, as a host function might to report a failure in Wasm terms.
    public init(_ code: TrapCode, frames: [WasmFrame] = [], cause: (any Error)? = nil) {
        self.code = code
        self.frames = frames
        self.cause = cause
    }

    /// The trap's message: the code's wording (what `assert_trap` expects),
    /// followed by the host error for `TrapCode/hostError`.
    public var message: String {
        guard let cause else { return code.description }
        return "\(code): \(cause)"
    }

    /// The message, then `wasm backtrace:` with one numbered line per frame
    /// when there are frames (Wasmtime's layout).
    public var description: String {
        guard !frames.isEmpty else { return message }
        return message + "\n" + Self.backtrace(frames)
    }

    /// `wasm backtrace:` followed by `    0: func 3 (divide)`, … one line per frame.
    public static func backtrace(_ frames: [WasmFrame]) -> String {
        var text = "wasm backtrace:"
        for (depth, frame) in frames.enumerated() {
            let number = String(depth)
            text += "\n" + String(repeating: " ", count: max(0, 5 - number.count)) + number + ": \(frame)"
        }
        return text
    }

    /// This trap with `outer` appended to its frames (the frames of the call
    /// that a re-entrant call's trap unwound through), keeping the innermost
    /// `WASMEX_MAX_TRAP_FRAMES` like the runtime's walk.
    func appending(frames outer: [WasmFrame]) -> Trap {
        Trap(code, frames: Array((frames + outer).prefix(Int(WASMEX_MAX_TRAP_FRAMES))), cause: cause)
    }

    public static func == (lhs: Trap, rhs: Trap) -> Bool {
        lhs.code == rhs.code && lhs.frames == rhs.frames && lhs.message == rhs.message
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(frames)
    }
}

/// Lets a trap code stand for a trap in patterns:
/// `case .trap(.integerDivideByZero)`, `catch WasmexError.trap(.unreachable)`.
public func ~= (pattern: TrapCode, value: Trap) -> Bool { pattern == value.code }

extension WasmexError {
    /// The trap when this error is a trap, else nil.
    public var trap: Trap? {
        guard case .trap(let trap) = self else { return nil }
        return trap
    }

    /// The error a failing host function threw: from a host-error trap (a call
    /// from Wasm) or from ``WasmexError/host(_:)`` (a direct call); else nil.
    public var hostError: (any Error)? {
        switch self {
        case .trap(let trap): return trap.cause
        case .host(let error): return error
        default: return nil
        }
    }
}
