#ifndef WASMEX_TRAP_H
#define WASMEX_TRAP_H
// Trap codes shared by the C runtime, the code generator and the Swift API.
// Values are part of the runtime ABI: append only.
typedef enum WasmexTrapCode {
    WASMEX_TRAP_NONE = 0,
    WASMEX_TRAP_UNREACHABLE = 1,
    WASMEX_TRAP_INTEGER_DIVIDE_BY_ZERO = 2,
    WASMEX_TRAP_INTEGER_OVERFLOW = 3,
    WASMEX_TRAP_INVALID_CONVERSION = 4,
    WASMEX_TRAP_MEMORY_OUT_OF_BOUNDS = 5,
    WASMEX_TRAP_TABLE_OUT_OF_BOUNDS = 6,
    WASMEX_TRAP_UNDEFINED_ELEMENT = 7,
    WASMEX_TRAP_UNINITIALIZED_ELEMENT = 8,
    WASMEX_TRAP_INDIRECT_CALL_TYPE_MISMATCH = 9,
    WASMEX_TRAP_CALL_STACK_EXHAUSTED = 10,
    WASMEX_TRAP_OUT_OF_FUEL = 11,
    WASMEX_TRAP_INTERRUPTED = 12,
    WASMEX_TRAP_HOST_ERROR = 13,
    WASMEX_TRAP_NULL_REFERENCE = 14,
    WASMEX_TRAP_EXIT = 15,
    /// Not a trap: the call ended with a Wasm exception no handler caught
    /// (it is in `wasmex_store_state.eh_exception`).
    WASMEX_TRAP_UNCAUGHT_EXCEPTION = 16,
    WASMEX_TRAP_NULL_FUNCTION_REFERENCE = 17,
    WASMEX_TRAP_NULL_STRUCTURE_REFERENCE = 18,
    WASMEX_TRAP_NULL_ARRAY_REFERENCE = 19,
    WASMEX_TRAP_NULL_I31_REFERENCE = 20,
    WASMEX_TRAP_CAST_FAILURE = 21,
    WASMEX_TRAP_ARRAY_OUT_OF_BOUNDS = 22,
    /// The GC heap cannot hold a new object (store limit, or an absurd size).
    WASMEX_TRAP_ALLOCATION_FAILURE = 23,
    /// A lazily compiled function's code could not be built when it was
    /// first called (LLVM failed, or the process is exiting).
    WASMEX_TRAP_COMPILE_FAILED = 24,
} WasmexTrapCode;
#endif
