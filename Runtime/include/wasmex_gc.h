#ifndef WASMEX_GC_H
#define WASMEX_GC_H
// WebAssembly GC: heap objects (structs and arrays), their runtime types, and
// the store's collector. See Runtime/gc.c for the collector's design.
//
// Reference words. Every reference of the `any` hierarchy (any, eq, i31,
// struct, array, none and concrete struct/array types) and of the `extern`
// hierarchy is one 64-bit machine word, so `any.convert_extern` and
// `extern.convert_any` are the identity:
//   - 0 is null;
//   - low bit 1: an i31 value, word = ((uint64_t)(v & 0x7fffffff) << 1) | 1;
//   - low bits 10: a host value (an `ExternRef` id < 2^62), word = (id << 2) | 2;
//   - otherwise (low 4 bits 0): the address of a heap object's header.
// Funcref and exnref words are separate hierarchies and never point into the heap.
//
// Objects. A 16-byte header, then the payload:
//   offset 0:  const wasmex_rtt *rtt
//   offset 8:  uint32_t length   (arrays: element count; structs: 0)
//   offset 12: uint32_t gc_bits  (owned by the collector)
//   offset 16: fields (struct, at the offsets the compiler lays out) or elements
// Objects are 16-byte aligned and never move. A new object's payload is zero
// (null references, zero numbers). The largest object is 1 GiB (header
// included); an array of more bytes cannot be allocated.
//
// What keeps an object alive (see Runtime/gc.c): any word on the native stack
// of the running Wasm calls (the calling thread's, up to the outermost
// `wasmex_invoke`) that points into it or exactly at its end; its reference
// fields/elements as its rtt lists them; registered tables, global cells and
// element segments; pins; the store's pending and `exnref` exceptions. A heap
// is used by one thread at a time; it takes no locks.
#include <stdint.h>
#include <stddef.h>
#include "wasmex_vmctx.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WASMEX_GC_HEADER_BYTES 16
#define WASMEX_GC_KIND_STRUCT 1u
#define WASMEX_GC_KIND_ARRAY 2u

/// The runtime type of a struct or array type: one per engine-wide canonical
/// type id, owned by the engine (it outlives every object of the type).
typedef struct wasmex_rtt {
    uint32_t kind;              ///< WASMEX_GC_KIND_STRUCT or WASMEX_GC_KIND_ARRAY
    uint32_t type_id;           ///< engine-wide canonical type id
    uint32_t depth;             ///< number of supertypes: `display` has depth + 1 entries
    uint32_t size;              ///< struct: payload bytes; array: bytes per element (1, 2, 4, 8 or 16)
    const uint32_t *display;    ///< canonical ids of the supertype chain, root first; display[depth] == type_id
    uint32_t ref_count;         ///< struct: number of reference fields; array: 1 when elements are references, else 0
    uint32_t reserved;
    const uint32_t *ref_offsets;///< struct: payload byte offsets of the reference fields (ref_count entries)
} wasmex_rtt;

WASMEX_ASSERT_OFFSET(wasmex_rtt, kind, 0);
WASMEX_ASSERT_OFFSET(wasmex_rtt, type_id, 4);
WASMEX_ASSERT_OFFSET(wasmex_rtt, depth, 8);
WASMEX_ASSERT_OFFSET(wasmex_rtt, size, 12);
WASMEX_ASSERT_OFFSET(wasmex_rtt, display, 16);
WASMEX_ASSERT_OFFSET(wasmex_rtt, ref_count, 24);
WASMEX_ASSERT_OFFSET(wasmex_rtt, ref_offsets, 32);

/// Collector statistics of one store (see wasmex_gc_stats).
typedef struct wasmex_gc_stats {
    uint64_t collections;       ///< completed collections
    uint64_t allocated_bytes;   ///< bytes allocated since the heap was created (objects, headers included)
    uint64_t live_bytes;        ///< bytes in objects that survived the last collection plus those allocated since
    uint64_t heap_bytes;        ///< bytes the heap holds from the system (chunks, large objects)
    uint64_t total_pause_ns;    ///< time spent collecting
    uint64_t max_pause_ns;      ///< the longest single collection
} wasmex_gc_stats;

// ---- Called by generated code. `vmctx` is the calling instance's context;
// the heap is its store's (`store->gc_heap`, created on first use). Failures
// trap through wasmex_trap with the code named.

/// A new zeroed object of `rtt` (`length` elements for an array, ignored for a
/// struct). May collect first. Traps WASMEX_TRAP_ALLOCATION_FAILURE when the
/// object cannot be held (store limit, a size past the 1 GiB maximum, a
/// malformed rtt, or no memory from the system).
void *wasmex_gc_alloc(void *vmctx, const wasmex_rtt *rtt, uint32_t length);

/// `array.new`: `length` elements, each the low `rtt->size` bytes of (lo, hi).
void *wasmex_gc_array_new(void *vmctx, const wasmex_rtt *rtt, uint32_t length, uint64_t lo, uint64_t hi);

/// `array.new_data`: `length` elements read from data segment `data_index`
/// at byte `offset` (little-endian). Traps WASMEX_TRAP_MEMORY_OUT_OF_BOUNDS
/// when offset + length * size passes the segment's end (a dropped segment is empty).
void *wasmex_gc_array_new_data(void *vmctx, const wasmex_rtt *rtt, uint32_t data_index, uint32_t offset, uint32_t length);

/// `array.new_elem`: `length` reference words from element segment
/// `elem_index` at `offset`. Traps WASMEX_TRAP_TABLE_OUT_OF_BOUNDS past its end.
void *wasmex_gc_array_new_elem(void *vmctx, const wasmex_rtt *rtt, uint32_t elem_index, uint32_t offset, uint32_t length);

/// `array.fill`: elements [index, index + length) of `array` set to (lo, hi).
/// Traps WASMEX_TRAP_NULL_ARRAY_REFERENCE on null, WASMEX_TRAP_ARRAY_OUT_OF_BOUNDS
/// when index + length > the array's length.
void wasmex_gc_array_fill(void *vmctx, void *array, uint32_t index, uint64_t lo, uint64_t hi, uint32_t length);

/// `array.copy`: like memmove within or between arrays of the same element size.
/// Null checks (destination, then source), then bounds checks (destination, then source).
void wasmex_gc_array_copy(void *vmctx, void *dst, uint32_t dst_index, void *src, uint32_t src_index, uint32_t length);

/// `array.init_data`: null check, array bounds (ARRAY_OUT_OF_BOUNDS), then
/// segment bounds (MEMORY_OUT_OF_BOUNDS), then the copy.
void wasmex_gc_array_init_data(void *vmctx, void *array, uint32_t index, uint32_t data_index, uint32_t offset, uint32_t length);

/// `array.init_elem`: null check, array bounds (ARRAY_OUT_OF_BOUNDS), then
/// segment bounds (TABLE_OUT_OF_BOUNDS), then the copy.
void wasmex_gc_array_init_elem(void *vmctx, void *array, uint32_t index, uint32_t elem_index, uint32_t offset, uint32_t length);

// ---- Called by the host (the Swift runtime). Never trap.

/// Sets the byte limit of the store's GC heap (0 = none); before or after first use.
/// The limit bounds `live_bytes` (objects charged at their size-class slot
/// size), not `heap_bytes`, which also counts partly used and spare chunks.
void wasmex_gc_set_limit(wasmex_store_state *store, uint64_t limit_bytes);

/// A new zeroed object allocated by the host (constant expressions, the API):
/// never collects; NULL when the object cannot be held. The host must pin (or
/// store in a registered root) every reference it keeps across anything that
/// can collect: a Wasm call, wasmex_gc_collect — including results it reads
/// from the slots after wasmex_invoke returned.
void *wasmex_gc_alloc_host(wasmex_store_state *store, const wasmex_rtt *rtt, uint32_t length);

/// Roots the collector reads besides the Wasm stack: a table (its current
/// elements), a 16-byte global cell (its first word), or an element segment's
/// items (`length` words). Unregistered before the memory is freed; counted
/// like pins (an imported cell may be registered by exporter and importer).
/// Read as they are at each collection, so any word may be stored in them at
/// any time (only heap objects count).
void wasmex_gc_add_table_root(wasmex_store_state *store, const wasmex_table *table);
void wasmex_gc_remove_table_root(wasmex_store_state *store, const wasmex_table *table);
void wasmex_gc_add_cell_root(wasmex_store_state *store, const uint64_t *cell);
void wasmex_gc_remove_cell_root(wasmex_store_state *store, const uint64_t *cell);
void wasmex_gc_add_segment_root(wasmex_store_state *store, const wasmex_segment *segment);
void wasmex_gc_remove_segment_root(wasmex_store_state *store, const wasmex_segment *segment);

/// A reference the host holds (counted: pin twice, unpin twice). Words that
/// are not heap objects (null, i31, host values) are ignored.
void wasmex_gc_pin(wasmex_store_state *store, uint64_t word);
void wasmex_gc_unpin(wasmex_store_state *store, uint64_t word);

/// Collects now. Safe from the host at any time, also from a host function
/// called by Wasm code (the Wasm frames below it are scanned).
void wasmex_gc_collect(wasmex_store_state *store);

/// Copies the store's collector statistics to `out` (zeros before first use).
void wasmex_gc_stats_get(wasmex_store_state *store, wasmex_gc_stats *out);

/// Frees the heap and every object in it (store teardown).
void wasmex_gc_heap_destroy(wasmex_store_state *store);

#ifdef __cplusplus
}
#endif
#endif
