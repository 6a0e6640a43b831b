"""Runs one module on Wasmtime and records what a caller can observe.

The `wasmtime` PyPI binding aborts the whole process (a Rust panic in the
wasm.h C API) as soon as it asks for the kind of a `v128` type or converts a
`v128` value. So this module never goes through `Func.__call__`, `ValType`
kinds or `Global.value` for values: it talks to Wasmtime's own C API through
the binding's ctypes layer (`wasmtime._ffi`), telling `v128` types apart with
`wasmtime_wasm_valtype_equal` before asking for any kind, and passing and
reading values as raw `wasmtime_val_t` unions. Functions with `v128`
parameters or results are therefore called and compared like all others.
`wasm_valtype_kind` also aborts on reference types other than funcref and
externref (exnref), so reference types are classified through
`wasmtime_valtype_new` (Wasmtime's full value type: kind and heap type).
(The driver still restarts a child that dies, see children.py.)

An exception no `try_table` caught ends the call with a trap that has no
trap code, caused by "thrown Wasm exception"; it is reported as the
`uncaught-exception` category (Wasmex: `WasmexError.exception`). Exported
tags are not part of the observed state on either side.
"""
import ctypes
import zlib
from ctypes import byref

import wasmtime
from wasmtime import _ffi as ffi

_V128_TYPE = ffi.wasmtime_wasm_valtype_v128()

# wasm.h kinds (wasm_valtype_kind) -> wasmtime_val_t kinds and names.
# wasmtime_val_t kinds and their names.
_KIND_NAMES = {0: "i32", 1: "i64", 2: "f32", 3: "f64", 4: "v128", 5: "funcref", 6: "externref",
               7: "anyref", 8: "exnref"}
# wasmtime_valtype_t: kinds 0-4 are the numeric and vector types (the same
# numbers as wasmtime_val_t), 5 a reference, whose heap type says which:
# extern/noextern (0, 1), func/concrete func/nofunc (2-4), the GC hierarchy
# any/none/eq/i31/array/concrete array/struct/concrete struct (5-12, all
# `anyref` values), exn/concrete exn/noexn (13-15).
_VALTYPE_REF = 5
_HEAP_TYPE_TO_WASMTIME = {0: 6, 1: 6, 2: 5, 3: 5, 4: 5, 5: 7, 6: 7, 7: 7, 8: 7, 9: 7, 10: 7, 11: 7, 12: 7,
                          13: 8, 14: 8, 15: 8}
_REF_KINDS = (5, 6, 7, 8)
# The message Wasmtime gives (after the backtrace) for an uncaught exception.
_UNCAUGHT_EXCEPTION = "thrown Wasm exception"

_TRAP_CATEGORY = {
    "STACK_OVERFLOW": "stack-exhausted",
    "MEMORY_OUT_OF_BOUNDS": "out-of-bounds-memory",
    "TABLE_OUT_OF_BOUNDS": "out-of-bounds-table",
    "INDIRECT_CALL_TO_NULL": "uninitialized-element",
    "BAD_SIGNATURE": "indirect-call-type-mismatch",
    "INTEGER_OVERFLOW": "integer-overflow",
    "INTEGER_DIVISION_BY_ZERO": "integer-divide-by-zero",
    "BAD_CONVERSION_TO_INTEGER": "invalid-conversion",
    "UNREACHABLE": "unreachable",
    "INTERRUPT": "interrupted",
    "OUT_OF_FUEL": "out-of-fuel",
    "NULL_REFERENCE": "null-reference",
    "ARRAY_OUT_OF_BOUNDS": "out-of-bounds-array",
    "CAST_FAILURE": "cast-failure",
    "ALLOCATION_TOO_LARGE": "allocation-failure",
}


def make_engine(max_wasm_stack: int) -> wasmtime.Engine:
    config = wasmtime.Config()
    config.wasm_simd = True
    config.wasm_relaxed_simd = False
    config.wasm_threads = False
    config.wasm_reference_types = True
    config.wasm_multi_value = True
    config.wasm_bulk_memory = True
    config.wasm_tail_call = True
    config.wasm_multi_memory = True
    config.wasm_memory64 = True
    config.wasm_exceptions = True
    config.wasm_gc = True
    config.wasm_function_references = True
    config.max_wasm_stack = max_wasm_stack
    return wasmtime.Engine(config)


def _kind(valtype) -> int:
    """The wasmtime_val_t kind of a ValType, without aborting on v128 or exnref
    (wasm_valtype_kind panics on both)."""
    if ffi.wasmtime_wasm_valtype_equal(valtype.ptr(), _V128_TYPE):
        return 4
    full = ffi.wasmtime_valtype_t()
    ffi.wasmtime_valtype_new(valtype.ptr(), byref(full))
    try:
        if full.kind != _VALTYPE_REF:
            return full.kind
        heap = full.reftype.heaptype.kind
        if heap not in _HEAP_TYPE_TO_WASMTIME:
            raise ValueError("unsupported reference heap type %d" % heap)
        return _HEAP_TYPE_TO_WASMTIME[heap]
    finally:
        ffi.wasmtime_valtype_delete(byref(full))


def _is_null(raw) -> bool:
    if raw.kind == 5:
        return raw.of.funcref.store_id == 0
    if raw.kind == 8:
        return raw.of.exnref.store_id == 0
    if raw.kind == 7:
        return raw.of.anyref.store_id == 0
    return raw.of.externref.store_id == 0


def encode(raw) -> str:
    """A raw wasmtime_val_t as an observation string (bits, never Python floats:
    converting a float would quiet signalling NaNs)."""
    kind = raw.kind
    if kind == 0:
        return "i32:%08x" % (raw.of.i32 & 0xFFFFFFFF)
    if kind == 1:
        return "i64:%016x" % (raw.of.i64 & 0xFFFFFFFFFFFFFFFF)
    if kind == 2:
        return "f32:%08x" % (raw.of.i32 & 0xFFFFFFFF)
    if kind == 3:
        return "f64:%016x" % (raw.of.i64 & 0xFFFFFFFFFFFFFFFF)
    if kind == 4:
        return "v128:" + bytes(raw.of.v128).hex()
    if kind in _REF_KINDS:
        return "%s:%s" % (_KIND_NAMES[kind], "null" if _is_null(raw) else "ref")
    return "unknown:%d" % kind


def _zero(kind: int):
    raw = ffi.wasmtime_val_t()
    raw.kind = kind
    ctypes.memset(byref(raw.of), 0, ctypes.sizeof(raw.of))
    return raw


def trap_category(trap: wasmtime.Trap) -> str:
    code = trap.trap_code
    if code is not None and code.name in _TRAP_CATEGORY:
        return _TRAP_CATEGORY[code.name]
    message = trap.message
    if code is None and _is_uncaught_exception(message):
        return "uncaught-exception"
    return "other:" + message.splitlines()[0]


def _is_uncaught_exception(message: str) -> bool:
    return message.rstrip().endswith(_UNCAUGHT_EXCEPTION)


def _drop_pending_exception(store) -> None:
    """Takes (and releases) the exception an uncaught throw left in the store."""
    context = store._context()
    if ffi.wasmtime_context_has_exception(context):
        exn = ffi.wasmtime_exnref_t()
        if ffi.wasmtime_context_take_exception(context, byref(exn)):
            ffi.wasmtime_exnref_unroot(byref(exn))


class _Exports:
    """The instance's exports by kind, in the module's export order."""

    def __init__(self, module, instance, store):
        self.functions, self.globals, self.memories, self.tables = [], [], [], []
        self.names = {"functions": [], "globals": [], "memories": [], "tables": []}
        exports = instance.exports(store)
        for export in module.exports:
            item = exports[export.name]
            if isinstance(item, wasmtime.Func):
                ty = export.type
                params = [_kind(p) for p in ty.params]
                self.functions.append((export.name, item, params, [_kind(r) for r in ty.results]))
                self.names["functions"].append([export.name, [_KIND_NAMES[k] for k in params]])
            elif isinstance(item, wasmtime.Global):
                self.globals.append(item)
                self.names["globals"].append(export.name)
            elif isinstance(item, wasmtime.Memory):
                self.memories.append(item)
                self.names["memories"].append(export.name)
                self.names.setdefault("memories64", []).append(bool(export.type.is_64))
            elif isinstance(item, wasmtime.Table):
                self.tables.append(item)
                self.names["tables"].append(export.name)


def _state(exports: _Exports, store) -> dict:
    context = store._context()
    globals_ = []
    for item in exports.globals:
        raw = ffi.wasmtime_val_t()
        ffi.wasmtime_global_get(context, byref(item._global), byref(raw))
        globals_.append(encode(raw))
        ffi.wasmtime_val_unroot(byref(raw))
    memories = []
    for item in exports.memories:
        length = ffi.wasmtime_memory_data_size(context, byref(item._memory))
        data = ctypes.string_at(ffi.wasmtime_memory_data(context, byref(item._memory)), length) if length else b""
        memories.append("%d:%08x" % (length, zlib.crc32(data)))
    tables = []
    for item in exports.tables:
        size = ffi.wasmtime_table_size(context, byref(item._table))
        letters = []
        for index in range(size):
            raw = ffi.wasmtime_val_t()
            ffi.wasmtime_table_get(context, byref(item._table), index, byref(raw))
            letters.append("n" if _is_null(raw) else "r")
            ffi.wasmtime_val_unroot(byref(raw))
        tables.append("%d:%s" % (size, "".join(letters)))
    return {"globals": globals_, "memories": memories, "tables": tables}


def _call(function, params, results, store):
    """Calls with zero arguments; returns (results, trap category or None)."""
    args = (ffi.wasmtime_val_t * max(1, len(params)))(*[_zero(kind) for kind in params])
    outs = (ffi.wasmtime_val_t * max(1, len(results)))()
    trap = ctypes.POINTER(ffi.wasm_trap_t)()
    error = ffi.wasmtime_func_call(store._context(), byref(function._func), args, len(params),
                                   outs, len(results), byref(trap))
    if error:
        message = str(wasmtime.WasmtimeError._from_ptr(error))
        if _is_uncaught_exception(message):
            _drop_pending_exception(store)
            return None, "uncaught-exception"
        return None, "other:" + message.splitlines()[0]
    if trap:
        category = trap_category(wasmtime.Trap._from_ptr(trap))
        _drop_pending_exception(store)
        return None, category
    values = [encode(outs[i]) for i in range(len(results))]
    for i in range(len(results)):
        ffi.wasmtime_val_unroot(byref(outs[i]))
    return values, None


def observe(engine: wasmtime.Engine, wasm: bytes) -> dict:
    """Instantiates `wasm` and calls every exported function in export order
    with zero arguments, recording results or trap and the exported state
    after instantiation and after every call."""
    try:
        module = wasmtime.Module(engine, wasm)
    except wasmtime.WasmtimeError as error:
        return {"status": "invalid", "message": str(error).splitlines()[0]}
    store = wasmtime.Store(engine)
    try:
        instance = wasmtime.Instance(store, module, [])
    except wasmtime.Trap as trap:
        return {"status": "ok", "instantiate": trap_category(trap), "steps": []}
    except wasmtime.WasmtimeError as error:
        # A start function's uncaught exception is an error, not a trap.
        if _is_uncaught_exception(str(error)):
            return {"status": "ok", "instantiate": "uncaught-exception", "steps": []}
        return {"status": "error", "message": str(error).splitlines()[0]}
    exports = _Exports(module, instance, store)
    steps = [{"call": None, "state": _state(exports, store)}]
    for name, function, params, results in exports.functions:
        values, trap = _call(function, params, results, store)
        step = {"call": name, "state": _state(exports, store)}
        if trap is None:
            step["results"] = values
        else:
            step["trap"] = trap
        steps.append(step)
    # Export names (the Wasmex side does not need them) for regression scripts.
    return {"status": "ok", "instantiate": None, "steps": steps, "exports": exports.names}
