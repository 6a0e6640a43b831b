"""The observation vocabulary shared with `wasmex fuzz-exec` (see README.md).

Values are strings so that both sides print them identically and the driver
compares observations as plain JSON:

    i32:0000002a  i64:...(16 hex digits)  f32:7fc00000 (bits)  f64:(16 hex)
    v128:(32 hex digits, memory byte order)  funcref:null | funcref:ref
    externref:null | externref:ref  exnref:null | exnref:ref  anyref:null | anyref:ref

A memory is "<byte length>:<crc32 as 8 hex digits>"; a table is
"<size>:" followed by one letter per element, n (null) or r (a reference).
Trap categories are the names in TRAP_CATEGORIES; "uncaught-exception" is a
call (or start function) ended by a Wasm exception no `try_table` caught,
which is not a trap but is reported in its place.

A memory's byte length may exceed 4 GiB (memory64) in principle; a 64-bit
table's size is its element count like any other table's. Exported tags are
not observed."""

# Normalised trap categories (Wasmtime's codes and Wasmex's map onto these).
TRAP_CATEGORIES = (
    "out-of-bounds-memory", "out-of-bounds-table", "indirect-call-type-mismatch",
    "unreachable", "integer-divide-by-zero", "integer-overflow", "invalid-conversion",
    "stack-exhausted", "null-reference", "uninitialized-element", "out-of-fuel",
    "interrupted", "uncaught-exception", "out-of-bounds-array", "cast-failure", "allocation-failure",
)

# The spec's wording for each category, for assert_trap in regression scripts.
SPEC_WORDING = {
    "out-of-bounds-memory": "out of bounds memory access",
    "out-of-bounds-table": "out of bounds table access",
    "indirect-call-type-mismatch": "indirect call type mismatch",
    "unreachable": "unreachable",
    "integer-divide-by-zero": "integer divide by zero",
    "integer-overflow": "integer overflow",
    "invalid-conversion": "invalid conversion to integer",
    "stack-exhausted": "call stack exhausted",
    "null-reference": "null reference",
    "uninitialized-element": "uninitialized element",
    "out-of-fuel": "all fuel consumed",
    "interrupted": "interrupted",
    "out-of-bounds-array": "out of bounds array access",
    "cast-failure": "cast failure",
    "allocation-failure": "allocation failure",
    # Not a trap: `assert_exception` in a script (see wast.py).
    "uncaught-exception": "uncaught exception",
}


def value_type(value: str) -> str:
    return value.split(":", 1)[0]


def value_payload(value: str) -> str:
    return value.split(":", 1)[1]
