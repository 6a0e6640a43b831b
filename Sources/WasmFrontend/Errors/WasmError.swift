/// Why a module could not be read or accepted.
public enum WasmError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The binary is not well-formed (decode error). The message is the spec's text, e.g. "unexpected end".
    case malformed(String, offset: Int)
    /// The module is well-formed but does not validate. The message contains the spec's text, e.g. "type mismatch".
    case invalid(String, offset: Int)
    /// A `.wat` text module could not be parsed.
    case text(String)

    /// The bare reason text, without offset.
    public var message: String {
        switch self {
        case .malformed(let m, _), .invalid(let m, _), .text(let m): m
        }
    }

    /// The byte offset the error refers to, if any.
    public var offset: Int? {
        switch self {
        case .malformed(_, let o), .invalid(_, let o): o
        case .text: nil
        }
    }

    public var description: String {
        switch self {
        case .malformed(let m, let o): "malformed module: \(m) (at byte offset \(o))"
        case .invalid(let m, let o): "invalid module: \(m) (at byte offset \(o))"
        case .text(let m): "cannot parse WebAssembly text: \(m)"
        }
    }
}
