// Linear memory and table objects. See wasmex_memory.h.
#define _GNU_SOURCE
#include "wasmex_memory.h"
#include "wasmex_guard.h"
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/// Address space all live guarded memories reserve together, and its cap.
/// The default, 16 TiB, is an eighth of x86-64's 128 TiB user address space:
/// about 2,000 guarded memories, with the rest left to the host (a process
/// that ran out of address space would fail in unrelated places, often
/// fatally). Reservations are counted before mmap and returned on delete.
static _Atomic uint64_t guard_reserved_bytes;
static _Atomic uint64_t guard_reservation_cap = 16ull << 40;

uint64_t wasmex_guard_reservation_cap(void) { return atomic_load(&guard_reservation_cap); }
void wasmex_guard_set_reservation_cap(uint64_t bytes) { atomic_store(&guard_reservation_cap, bytes); }
uint64_t wasmex_guard_reserved_bytes(void) { return atomic_load(&guard_reserved_bytes); }
uint64_t wasmex_guard_reservation_per_memory(void) { return WASMEX_GUARDED_RESERVATION; }

/// Counts `bytes` against the cap; 0 when they fit, -1 when the cap is reached.
static int reserve_guard_budget(uint64_t bytes) {
    uint64_t current = atomic_load(&guard_reserved_bytes);
    for (;;) {
        uint64_t cap = atomic_load(&guard_reservation_cap);
        if (current > cap || bytes > cap - current) return -1;
        if (atomic_compare_exchange_weak(&guard_reserved_bytes, &current, current + bytes)) return 0;
    }
}

static void release_guard_budget(uint64_t bytes) { atomic_fetch_sub(&guard_reserved_bytes, bytes); }

/// Address space reserved up front when the maximum is larger (1 GiB):
/// keeps many simultaneous memories cheap while most growth stays in place.
static const uint64_t default_reservation = 1ull << 30;

static uint64_t reservation_for(uint64_t needed, uint64_t max_bytes) {
    uint64_t reserve = max_bytes < default_reservation ? max_bytes : default_reservation;
    if (reserve < needed) reserve = needed;
    if (reserve < WASMEX_PAGE_SIZE) reserve = WASMEX_PAGE_SIZE;
    return reserve;
}

static uint8_t *map_region(uint64_t reserve, uint64_t accessible) {
    void *p = mmap(NULL, reserve, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) return NULL;
    if (accessible > 0 && mprotect(p, accessible, PROT_READ | PROT_WRITE) != 0) {
        munmap(p, reserve);
        return NULL;
    }
    return (uint8_t *)p;
}

wasmex_memory *wasmex_memory_new(uint64_t min_pages, uint64_t max_pages, uint32_t flags) {
    wasmex_memory *m = NULL;
    wasmex_memory_create(min_pages, max_pages, flags, &m);
    return m;
}

int32_t wasmex_memory_create(uint64_t min_pages, uint64_t max_pages, uint32_t flags, wasmex_memory **out) {
    *out = NULL;
    int is64 = (flags & WASMEX_MEMORY_64) != 0;
    uint64_t page_limit = is64 ? WASMEX_MAX_PAGES64 : WASMEX_MAX_PAGES;
    if (max_pages > page_limit) max_pages = page_limit;
    if (min_pages > max_pages) return WASMEX_MEMORY_TOO_LARGE;
    uint64_t length = min_pages * WASMEX_PAGE_SIZE;
    // No reservation covers a 64-bit address space: such memories are never guarded.
    int guarded = !is64 && (flags & WASMEX_MEMORY_GUARDED) != 0;
    uint64_t reserve = guarded ? WASMEX_GUARDED_RESERVATION : reservation_for(length, max_pages * WASMEX_PAGE_SIZE);
    if (guarded && reserve_guard_budget(reserve) != 0) return WASMEX_MEMORY_GUARD_CAP_REACHED;
    wasmex_memory *m = calloc(1, sizeof(wasmex_memory));
    if (m == NULL) {
        if (guarded) release_guard_budget(reserve);
        return WASMEX_MEMORY_MAP_FAILED;
    }
    m->base = map_region(reserve, length);
    if (m->base == NULL) {
        if (guarded) release_guard_budget(reserve);
        free(m);
        return WASMEX_MEMORY_MAP_FAILED;
    }
    if (guarded && wasmex_guard_register((uintptr_t)m->base, reserve) != 0) {
        munmap(m->base, reserve);
        release_guard_budget(reserve);
        free(m);
        return WASMEX_MEMORY_MAP_FAILED;
    }
    m->flags = (guarded ? WASMEX_MEMORY_GUARDED : 0) | (is64 ? WASMEX_MEMORY_64 : 0);
    m->length = length;
    m->max_pages = max_pages;
    m->reserved_bytes = reserve;
    *out = m;
    return WASMEX_MEMORY_OK;
}

void wasmex_memory_delete(wasmex_memory *memory) {
    if (memory == NULL) return;
    if (memory->flags & WASMEX_MEMORY_GUARDED) wasmex_guard_unregister((uintptr_t)memory->base);
    munmap(memory->base, memory->reserved_bytes);
    if (memory->flags & WASMEX_MEMORY_GUARDED) release_guard_budget(memory->reserved_bytes);
    free(memory);
}

int64_t wasmex_memory_grow_pages(wasmex_memory *m, uint64_t delta, wasmex_store_state *store) {
    uint64_t old_pages = m->length / WASMEX_PAGE_SIZE;
    if (delta == 0) return (int64_t)old_pages;
    if (delta > m->max_pages || old_pages + delta > m->max_pages) return -1;
    uint64_t new_length = (old_pages + delta) * WASMEX_PAGE_SIZE;
    if (store != NULL && store->grow_limiter != NULL &&
        !store->grow_limiter(store->grow_limiter_ctx, 0, m->length, new_length)) {
        return -1;
    }
    if (new_length <= m->reserved_bytes) {
        if (mprotect(m->base + m->length, new_length - m->length, PROT_READ | PROT_WRITE) != 0) return -1;
    } else if (m->flags & WASMEX_MEMORY_GUARDED) {
        return -1;  // cannot happen: the reservation covers WASMEX_MAX_PAGES
    } else {
        uint64_t doubled = m->reserved_bytes * 2;
        uint64_t reserve = reservation_for(new_length > doubled ? new_length : doubled,
                                           m->max_pages * WASMEX_PAGE_SIZE);
        if (reserve < new_length) reserve = new_length;
        uint8_t *moved = map_region(reserve, new_length);
        if (moved == NULL) return -1;
        memcpy(moved, m->base, m->length);
        munmap(m->base, m->reserved_bytes);
        m->base = moved;
        m->reserved_bytes = reserve;
    }
    m->length = new_length;
    return (int64_t)old_pages;
}

wasmex_table *wasmex_table_new(uint32_t min, uint32_t max, uint32_t elem_kind, uintptr_t init) {
    if (min > max) return NULL;
    wasmex_table *t = calloc(1, sizeof(wasmex_table));
    if (t == NULL) return NULL;
    uint32_t capacity = min == 0 ? 1 : min;
    t->elements = calloc(capacity, sizeof(uintptr_t));
    if (t->elements == NULL) {
        free(t);
        return NULL;
    }
    if (init != 0) {
        for (uint32_t i = 0; i < min; i++) t->elements[i] = init;
    }
    t->length = min;
    t->max = max;
    t->capacity = capacity;
    t->elem_kind = elem_kind;
    return t;
}

void wasmex_table_delete(wasmex_table *table) {
    if (table == NULL) return;
    free(table->elements);
    free(table);
}

int64_t wasmex_table_grow_elements(wasmex_table *t, uint32_t delta, uintptr_t init, wasmex_store_state *store) {
    uint32_t old = t->length;
    if (delta == 0) return old;
    if ((uint64_t)old + delta > t->max) return -1;
    uint32_t new_length = old + delta;
    if (store != NULL && store->grow_limiter != NULL &&
        !store->grow_limiter(store->grow_limiter_ctx, 1, old, new_length)) {
        return -1;
    }
    if (new_length > t->capacity) {
        uint64_t wanted = (uint64_t)t->capacity * 2;
        if (wanted < new_length) wanted = new_length;
        if (wanted > t->max) wanted = t->max;
        if (wanted > SIZE_MAX / sizeof(uintptr_t)) return -1;
        uintptr_t *grown = realloc(t->elements, (size_t)wanted * sizeof(uintptr_t));
        if (grown == NULL) return -1;
        t->elements = grown;
        t->capacity = (uint32_t)wanted;
    }
    for (uint32_t i = old; i < new_length; i++) t->elements[i] = init;
    t->length = new_length;
    return old;
}
