import Wasmex
import WasmCompiler

/// The normalised trap categories both sides of the fuzzer report
/// (`TRAP_CATEGORIES` in `Tests/Fuzz/fuzzkit/values.py`).
package enum FuzzTrapCategory {
    /// A call or start function ended by a Wasm exception no `try_table`
    /// caught: not a trap, but reported in its place (Wasmtime: a trap
    /// without a code, caused by "thrown Wasm exception").
    package static let uncaughtException = "uncaught-exception"

    /// The category of an error that ended a call or an instantiation: a
    /// trap's or ``uncaughtException``; nil for any other error.
    package static func category(_ error: WasmexError) -> String? {
        switch error {
        case .trap(let trap): return category(trap.code)
        case .exception: return uncaughtException
        default: return nil
        }
    }

    package static func category(_ code: TrapCode) -> String {
        switch code {
        case .unreachable: return "unreachable"
        case .integerDivideByZero: return "integer-divide-by-zero"
        case .integerOverflow: return "integer-overflow"
        case .invalidConversionToInteger: return "invalid-conversion"
        case .memoryOutOfBounds: return "out-of-bounds-memory"
        // Wasmtime reports a `call_indirect` index past the table's end as an
        // out-of-bounds table access, the spec calls it "undefined element".
        case .tableOutOfBounds, .undefinedElement: return "out-of-bounds-table"
        case .uninitializedElement: return "uninitialized-element"
        case .indirectCallTypeMismatch: return "indirect-call-type-mismatch"
        case .callStackExhausted: return "stack-exhausted"
        case .outOfFuel: return "out-of-fuel"
        case .interrupted: return "interrupted"
        case .nullReference, .nullFunctionReference, .nullStructureReference, .nullArrayReference,
             .nullI31Reference: return "null-reference"
        case .castFailure: return "cast-failure"
        case .arrayOutOfBounds: return "out-of-bounds-array"
        case .allocationFailure: return "allocation-failure"
        case .hostError, .exit, .compileFailed: return "other:\(code)"
        }
    }
}
