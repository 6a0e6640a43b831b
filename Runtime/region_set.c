// Lock-free address-range set. See region_set.h.
#include "region_set.h"
#include <stdlib.h>

int region_set_contains(region_set *set, uintptr_t address) {
    for (region_chunk *chunk = atomic_load(&set->first); chunk != NULL; chunk = atomic_load(&chunk->next)) {
        for (int i = 0; i < REGION_SLOTS_PER_CHUNK; i++) {
            uintptr_t start = atomic_load_explicit(&chunk->slots[i].start, memory_order_acquire);
            if (start == 0 || address < start) continue;
            uintptr_t end = atomic_load_explicit(&chunk->slots[i].end, memory_order_acquire);
            if (address < end) return 1;
        }
    }
    return 0;
}

static region_slot *claim_slot(region_set *set, uintptr_t start) {
    _Atomic(region_chunk *) *link = &set->first;
    for (;;) {
        region_chunk *chunk = atomic_load(link);
        if (chunk == NULL) {
            region_chunk *fresh = calloc(1, sizeof(region_chunk));
            if (fresh == NULL) return NULL;
            region_chunk *expected = NULL;
            if (!atomic_compare_exchange_strong(link, &expected, fresh)) {
                free(fresh);  // another thread appended first; use theirs
            }
            continue;
        }
        for (int i = 0; i < REGION_SLOTS_PER_CHUNK; i++) {
            uintptr_t expected = 0;
            if (atomic_compare_exchange_strong(&chunk->slots[i].start, &expected, start)) return &chunk->slots[i];
        }
        link = &chunk->next;
    }
}

int region_set_add(region_set *set, uintptr_t start, uint64_t length) {
    if (start == 0 || length == 0 || length > UINTPTR_MAX - start) return -1;
    region_slot *slot = claim_slot(set, start);
    if (slot == NULL) return -1;
    atomic_store_explicit(&slot->end, start + (uintptr_t)length, memory_order_release);
    return 0;
}

void region_set_remove(region_set *set, uintptr_t start) {
    for (region_chunk *chunk = atomic_load(&set->first); chunk != NULL; chunk = atomic_load(&chunk->next)) {
        for (int i = 0; i < REGION_SLOTS_PER_CHUNK; i++) {
            if (atomic_load(&chunk->slots[i].start) != start) continue;
            if (atomic_load(&chunk->slots[i].end) == 0) continue;  // being claimed by an add
            atomic_store(&chunk->slots[i].end, 0);
            atomic_store(&chunk->slots[i].start, 0);
            return;
        }
    }
}
