#ifndef WASMEX_GC_MAP_H
#define WASMEX_GC_MAP_H
// A hash map from non-zero machine words to machine words (private to the
// GC). The collector keeps one for its chunks (chunk base -> descriptor), one
// per kind of registered root (address -> unused) and one for pins
// (reference word -> count).
//
// Open addressing with linear probing over a power-of-two table kept at most
// half full; deletion shifts the following entries back, so there are no
// tombstones and lookups stay short however many entries come and go.
#include <stddef.h>
#include <stdint.h>

typedef struct gc_map_entry {
    uintptr_t key;    ///< 0 = empty slot
    uintptr_t value;
} gc_map_entry;

typedef struct gc_map {
    gc_map_entry *entries;
    size_t capacity;  ///< a power of two, or 0 before the first insertion
    size_t count;
} gc_map;

/// The value of `key`, or `missing` when absent. `key` must not be 0.
uintptr_t gc_map_get(const gc_map *map, uintptr_t key, uintptr_t missing);

/// Sets `key` to `value` (inserting it when absent). Returns 0, or -1 when
/// memory for a larger table cannot be allocated (the map is unchanged).
int gc_map_put(gc_map *map, uintptr_t key, uintptr_t value);

/// Removes `key`; returns non-zero when it was present.
int gc_map_remove(gc_map *map, uintptr_t key);

/// Frees the table (the map becomes empty and reusable).
void gc_map_free(gc_map *map);

/// Iteration: `for (size_t i = 0; i < map->capacity; i++) if (map->entries[i].key) ...`.

#endif
