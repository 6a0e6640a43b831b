import CWasmexRuntime

/// Why a WebAssembly call stopped abnormally. Raw values match `WasmexTrapCode`
/// in `Runtime/include/wasmex_trap.h`, the ABI shared with generated code.
public enum TrapCode: UInt32, Sendable, Hashable, CustomStringConvertible {
    case unreachable = 1
    case integerDivideByZero = 2
    case integerOverflow = 3
    case invalidConversionToInteger = 4
    case memoryOutOfBounds = 5
    case tableOutOfBounds = 6
    case undefinedElement = 7
    case uninitializedElement = 8
    case indirectCallTypeMismatch = 9
    case callStackExhausted = 10
    case outOfFuel = 11
    case interrupted = 12
    case hostError = 13
    case nullReference = 14
    case exit = 15
    /// `call_ref` or `return_call_ref` of a null reference.
    case nullFunctionReference = 17
    /// `struct.get`/`struct.set` of a null reference (GC).
    case nullStructureReference = 18
    /// An array instruction on a null reference (GC).
    case nullArrayReference = 19
    /// `i31.get_s`/`i31.get_u` of a null reference (GC).
    case nullI31Reference = 20
    /// `ref.cast` of a value not of the target type (GC).
    case castFailure = 21
    /// An array index or range past the array's length (GC).
    case arrayOutOfBounds = 22
    /// The GC heap cannot hold a new object (store limit or an absurd array size).
    case allocationFailure = 23
    /// A function compiled on its first call could not be compiled (LLVM
    /// failed, or the process is exiting); see `CompilationStrategy`.
    case compileFailed = 24

    /// The spec's wording for the trap (what `assert_trap` expects).
    public var description: String {
        switch self {
        case .unreachable: return "unreachable"
        case .integerDivideByZero: return "integer divide by zero"
        case .integerOverflow: return "integer overflow"
        case .invalidConversionToInteger: return "invalid conversion to integer"
        case .memoryOutOfBounds: return "out of bounds memory access"
        case .tableOutOfBounds: return "out of bounds table access"
        case .undefinedElement: return "undefined element"
        case .uninitializedElement: return "uninitialized element"
        case .indirectCallTypeMismatch: return "indirect call type mismatch"
        case .callStackExhausted: return "call stack exhausted"
        case .outOfFuel: return "all fuel consumed"
        case .interrupted: return "interrupted"
        case .hostError: return "host function error"
        case .nullReference: return "null reference"
        case .exit: return "exit"
        case .nullFunctionReference: return "null function reference"
        case .nullStructureReference: return "null structure reference"
        case .nullArrayReference: return "null array reference"
        case .nullI31Reference: return "null i31 reference"
        case .castFailure: return "cast failure"
        case .arrayOutOfBounds: return "out of bounds array access"
        case .allocationFailure: return "allocation failure"
        case .compileFailed: return "function could not be compiled"
        }
    }
}
