#ifndef WASMEX_VMCTX_H
#define WASMEX_VMCTX_H
// The VM context ("vmctx") layout shared by the C runtime, the Swift API and
// the code generator. Generated code reaches fields through GEPs at the byte
// offsets documented (and asserted) below: changing a layout means bumping
// WASMEX_RUNTIME_ABI_VERSION and the matching constants in
// Sources/WasmCompiler/Runtime/VMContextLayout.swift.
//
// Design notes:
// - Per-thread execution state that must be seen identically by every
//   instance taking part in one call chain (stack limit, fuel, epoch deadline)
//   lives in one `wasmex_store_state` shared by all instances of a Store, not
//   in each vmctx: a cross-module call switches vmctx but not that state.
// - Memories, tables and globals are reached through pointers so that an
//   import shares the exporter's object (growth is visible to both sides).
// - Funcref values are pointers to `wasmex_funcref` records (0 = null), so
//   tables are plain arrays of machine words; externref values are opaque
//   non-zero words (0 = null).
#include <stdint.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A function as seen by generated code. Every callable function (a defined
/// function of an instance, an import, a host function) has one record; a
/// funcref value is a pointer to it.
///
/// A record has two ways in, one per calling convention of generated code
/// (see `WasmCallingConvention` in the compiler): C-convention code calls
/// `code(vmctx, caller_vmctx, params...)`, tail-convention code (modules
/// that make tail calls) calls `tail_code(tail_vmctx, caller_vmctx,
/// params...)`. One pair is the function itself; the other is a per-signature
/// adapter that receives the record as its context and calls the first pair.
typedef struct wasmex_funcref {
    void *code;          ///< C-convention code (never NULL in a record)
    void *vmctx;         ///< its context: an instance vmctx, a `wasmex_host_ctx`, or this record
    uint32_t type_id;    ///< engine-wide canonical signature id
    uint32_t reserved;
    void *tail_code;     ///< tail-convention code (never NULL in a record)
    void *tail_vmctx;    ///< its context: an instance vmctx or this record
} wasmex_funcref;

/// A linear memory. Without WASMEX_MEMORY_GUARDED `base` may move on growth
/// and generated code reloads it after anything that can grow memory (calls,
/// memory.grow); a guarded memory never moves.
typedef struct wasmex_memory {
    uint8_t *base;            ///< first byte (non-NULL even for 0 pages)
    uint64_t length;          ///< accessible bytes (pages * 65536)
    uint64_t max_pages;       ///< growth limit in pages (<= 65536, or 2^48 - 1 with WASMEX_MEMORY_64)
    uint64_t reserved_bytes;  ///< address space reserved at `base`
    uint32_t flags;           ///< WASMEX_MEMORY_* bits
    uint32_t reserved;
} wasmex_memory;

/// `flags` bit: the memory reserves WASMEX_GUARDED_RESERVATION bytes that
/// never move, inaccessible past `length` (see wasmex_guard.h).
#define WASMEX_MEMORY_GUARDED 1u
/// `flags` bit: a 64-bit memory (memory64): i64 addresses, up to
/// WASMEX_MAX_PAGES64 pages, never guarded (always explicitly checked).
#define WASMEX_MEMORY_64 2u

/// A table of references (funcref pointers or externref words).
typedef struct wasmex_table {
    uintptr_t *elements;  ///< `length` entries (capacity may be larger)
    uint32_t length;      ///< current element count
    uint32_t max;         ///< growth limit (UINT32_MAX when unbounded)
    uint32_t capacity;    ///< allocated entries
    uint32_t elem_kind;   ///< 0 = funcref, 1 = externref
} wasmex_table;

/// A passive segment's remaining contents: data bytes or element words.
/// Dropping sets `length` to 0.
typedef struct wasmex_segment {
    const void *items;
    uint32_t length;   ///< in bytes (data) or elements (elem)
    uint32_t reserved;
} wasmex_segment;

/// Store-wide growth limiter: return non-zero to allow growing from
/// `current` to `desired` (bytes for memories, elements for tables).
typedef int32_t (*wasmex_grow_limiter)(void *ctx, uint32_t is_table, uint64_t current, uint64_t desired);

/// Execution state shared by every instance of one Store.
typedef struct wasmex_store_state {
    uintptr_t stack_limit;     ///< lowest stack address generated code may use
    int64_t fuel;              ///< remaining fuel (execution-control issue)
    uint64_t epoch_deadline;   ///< trap "interrupted" once *epoch_counter >= this
    const volatile uint64_t *epoch_counter; ///< engine epoch (NULL = disabled)
    wasmex_grow_limiter grow_limiter;       ///< optional, NULL = unlimited
    void *grow_limiter_ctx;
    uintptr_t max_wasm_stack;  ///< bytes a call may use (0 = thread bounds only); read by wasmex_invoke
    /// Exception handling (see wasmex_exceptions.h): the innermost active
    /// `try_table` handler of the running call (NULL = none since the
    /// innermost `wasmex_invoke`, which saves and restores it)…
    void *eh_handlers;
    /// …the exception being delivered to a handler, or the uncaught one a
    /// call ended with (WASMEX_TRAP_UNCAUGHT_EXCEPTION)…
    void *eh_exception;
    /// …and the exceptions that became `exnref` values, freed with the store.
    void *eh_escaped;
    int64_t eh_live;           ///< exceptions allocated and not yet freed
    /// The GC heap (wasmex_gc.h), created on first use; NULL until then.
    void *gc_heap;
    /// Byte limit for the GC heap (0 = none); read when the heap is created.
    uint64_t gc_limit;
    /// Whether canonical type `actual` is a declared subtype of `expected` (the
    /// engine's type registry; NULL = only equal ids match). Called only when
    /// ids differ: by `call_indirect` and casts to function types.
    int32_t (*subtype_check)(const void *ctx, uint32_t actual, uint32_t expected);
    const void *subtype_ctx;
    /// The page generated code reads at checked function entries and loop
    /// headers (wasmex_epoch.h): readable while the deadline lies ahead,
    /// inaccessible once it is reached, so the read faults and the fault
    /// handler makes it the trap "interrupted".
    const volatile uint32_t *epoch_poll;
} wasmex_store_state;

/// The per-instance VM context: the first parameter of every Wasm function.
typedef struct wasmex_vmctx {
    wasmex_store_state *store;        ///< shared execution state
    wasmex_memory *memory0;           ///< memory 0 (NULL when the module has none)
    wasmex_memory **memories;         ///< all memories by index
    void **globals;                   ///< per global index: pointer to a 16-byte cell
    wasmex_table **tables;            ///< per table index
    wasmex_funcref **func_refs;       ///< per function index (imports first)
    const uint32_t *type_ids;         ///< per type index: canonical signature id
    wasmex_segment *data_segments;    ///< per data segment index
    wasmex_segment *elem_segments;    ///< per element segment index
    void *host_data;                  ///< opaque owner pointer (the Swift instance)
    struct wasmex_tag **tags;         ///< per tag index (imports first): the tag's identity
    /// Per type index: the runtime type of a struct or array type (wasmex_gc.h), NULL for function types.
    const struct wasmex_rtt **rtts;
    /// Memory 0's base when it is a guard-page memory, which never moves (NULL
    /// otherwise): guard-page code for a 32-bit memory 0 reads it here, one
    /// load instead of two through `memory0`.
    uint8_t *memory0_base;
} wasmex_vmctx;

/// Host function callback: read arguments from `slots` (16 bytes per value),
/// write results back from slot 0, return 0 on success or non-zero to trap
/// with WASMEX_TRAP_HOST_ERROR (the host keeps the error to rethrow).
typedef int32_t (*wasmex_host_callback)(void *env, void *caller_vmctx, uint64_t *slots);

/// What a host callback returns when it threw a Wasm exception: the exit
/// trampoline throws the store's `eh_exception` in the calling Wasm code.
#define WASMEX_HOST_THREW 2

/// The callee context of a host function (what its exit trampoline receives).
typedef struct wasmex_host_ctx {
    wasmex_host_callback callback;
    void *env;
} wasmex_host_ctx;

/// Bytes per value slot in argument/result buffers (room for v128).
#define WASMEX_SLOT_BYTES 16

#define WASMEX_ASSERT_OFFSET(type, field, offset) \
    _Static_assert(offsetof(type, field) == (offset), #type "." #field " offset is ABI")

WASMEX_ASSERT_OFFSET(wasmex_funcref, code, 0);
WASMEX_ASSERT_OFFSET(wasmex_funcref, vmctx, 8);
WASMEX_ASSERT_OFFSET(wasmex_funcref, type_id, 16);
WASMEX_ASSERT_OFFSET(wasmex_funcref, tail_code, 24);
WASMEX_ASSERT_OFFSET(wasmex_funcref, tail_vmctx, 32);
_Static_assert(sizeof(wasmex_funcref) == 40, "wasmex_funcref size is ABI");
WASMEX_ASSERT_OFFSET(wasmex_memory, base, 0);
WASMEX_ASSERT_OFFSET(wasmex_memory, length, 8);
WASMEX_ASSERT_OFFSET(wasmex_table, elements, 0);
WASMEX_ASSERT_OFFSET(wasmex_table, length, 8);
WASMEX_ASSERT_OFFSET(wasmex_segment, items, 0);
WASMEX_ASSERT_OFFSET(wasmex_segment, length, 8);
_Static_assert(sizeof(wasmex_segment) == 16, "wasmex_segment size is ABI");
WASMEX_ASSERT_OFFSET(wasmex_store_state, stack_limit, 0);
WASMEX_ASSERT_OFFSET(wasmex_store_state, fuel, 8);
WASMEX_ASSERT_OFFSET(wasmex_store_state, epoch_deadline, 16);
WASMEX_ASSERT_OFFSET(wasmex_store_state, epoch_counter, 24);
WASMEX_ASSERT_OFFSET(wasmex_store_state, epoch_poll, 120);
WASMEX_ASSERT_OFFSET(wasmex_vmctx, store, 0);
WASMEX_ASSERT_OFFSET(wasmex_vmctx, memory0, 8);
WASMEX_ASSERT_OFFSET(wasmex_vmctx, memories, 16);
WASMEX_ASSERT_OFFSET(wasmex_vmctx, globals, 24);
WASMEX_ASSERT_OFFSET(wasmex_vmctx, tables, 32);
WASMEX_ASSERT_OFFSET(wasmex_vmctx, func_refs, 40);
WASMEX_ASSERT_OFFSET(wasmex_vmctx, type_ids, 48);
WASMEX_ASSERT_OFFSET(wasmex_vmctx, data_segments, 56);
WASMEX_ASSERT_OFFSET(wasmex_vmctx, elem_segments, 64);
WASMEX_ASSERT_OFFSET(wasmex_vmctx, host_data, 72);
WASMEX_ASSERT_OFFSET(wasmex_vmctx, tags, 80);
WASMEX_ASSERT_OFFSET(wasmex_vmctx, rtts, 88);
WASMEX_ASSERT_OFFSET(wasmex_vmctx, memory0_base, 96);
WASMEX_ASSERT_OFFSET(wasmex_store_state, gc_heap, 88);
WASMEX_ASSERT_OFFSET(wasmex_store_state, gc_limit, 96);
WASMEX_ASSERT_OFFSET(wasmex_store_state, subtype_check, 104);
WASMEX_ASSERT_OFFSET(wasmex_store_state, eh_handlers, 56);
WASMEX_ASSERT_OFFSET(wasmex_store_state, eh_exception, 64);
WASMEX_ASSERT_OFFSET(wasmex_host_ctx, callback, 0);
WASMEX_ASSERT_OFFSET(wasmex_host_ctx, env, 8);

#ifdef __cplusplus
}
#endif
#endif
