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
/// The page limit of a 64-bit memory: 2^48 pages would be 2^64 bytes, one more
/// than `length` can hold, so one page less (no host can map either).
#define WASMEX_MAX_PAGES64 ((1ull << 48) - 1)

/// Creates a memory of `min_pages` that may grow up to `max_pages`
/// (clamped to WASMEX_MAX_PAGES, or WASMEX_MAX_PAGES64 with WASMEX_MEMORY_64).
/// `flags` may hold WASMEX_MEMORY_GUARDED: reserve the whole guard region and
/// register it with the fault handler (ignored with WASMEX_MEMORY_64).
/// Returns NULL if the memory cannot be mapped.
wasmex_memory *wasmex_memory_new(uint64_t min_pages, uint64_t max_pages, uint32_t flags);

/// Why `wasmex_memory_create` failed.
enum {
    WASMEX_MEMORY_OK = 0,
    /// The minimum is above the maximum (or above 65,536 pages).
    WASMEX_MEMORY_TOO_LARGE = 1,
    /// A guarded memory would take the process past its guard reservation cap.
    WASMEX_MEMORY_GUARD_CAP_REACHED = 2,
    /// The OS refused the mapping (address space or memory exhausted).
    WASMEX_MEMORY_MAP_FAILED = 3,
};

/// Like `wasmex_memory_new`, but says why it failed: stores the memory in
/// `*out` (NULL on failure) and returns one of the codes above.
int32_t wasmex_memory_create(uint64_t min_pages, uint64_t max_pages, uint32_t flags, wasmex_memory **out);

/// The process-wide cap on address space reserved by guarded memories
/// (default 16 TiB; each guarded memory reserves WASMEX_GUARDED_RESERVATION).
uint64_t wasmex_guard_reservation_cap(void);

/// Sets the cap. Memories already created stay; later ones are refused while
/// the live reservations are at or above it.
void wasmex_guard_set_reservation_cap(uint64_t bytes);

/// Address space live guarded memories reserve now.
uint64_t wasmex_guard_reserved_bytes(void);

/// WASMEX_GUARDED_RESERVATION, for callers that cannot import the macro (Swift).
uint64_t wasmex_guard_reservation_per_memory(void);

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
