#ifndef WASMEX_MEMORY_H
#define WASMEX_MEMORY_H
// Linear memories and tables: creation, growth and destruction (host side).
// Memories reserve address space with mmap (PROT_NONE beyond the current
// size) so growth usually stays in place; when it cannot, the memory moves
// and `base` changes (generated code reloads it after calls).
#include <stdint.h>
#include "wasmex_vmctx.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WASMEX_PAGE_SIZE 65536u
#define WASMEX_MAX_PAGES 65536u

/// Creates a memory of `min_pages` that may grow up to `max_pages`
/// (clamped to WASMEX_MAX_PAGES). `flags` may hold WASMEX_MEMORY_GUARDED:
/// reserve the whole guard region and register it with the fault handler.
/// Returns NULL if the memory cannot be mapped.
wasmex_memory *wasmex_memory_new(uint64_t min_pages, uint64_t max_pages, uint32_t flags);

/// Unmaps and frees a memory created by `wasmex_memory_new`.
void wasmex_memory_delete(wasmex_memory *memory);

/// Grows by `delta` pages. Returns the old page count, or -1 when the
/// maximum, the store's limiter (`store` may be NULL) or the OS refuses.
int64_t wasmex_memory_grow_pages(wasmex_memory *memory, uint64_t delta, wasmex_store_state *store);

/// Creates a table of `min` elements set to `init`, growable up to `max`.
/// Returns NULL if the elements cannot be allocated.
wasmex_table *wasmex_table_new(uint32_t min, uint32_t max, uint32_t elem_kind, uintptr_t init);

/// Frees a table created by `wasmex_table_new`.
void wasmex_table_delete(wasmex_table *table);

/// Grows by `delta` elements set to `init`. Returns the old length or -1.
int64_t wasmex_table_grow_elements(wasmex_table *table, uint32_t delta, uintptr_t init, wasmex_store_state *store);

#ifdef __cplusplus
}
#endif
#endif
