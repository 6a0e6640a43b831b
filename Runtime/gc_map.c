// The collector's word-to-word hash map. See gc_map.h.
#include "gc_map.h"
#include <stdlib.h>

/// Fibonacci hashing: multiplying spreads aligned keys (chunk bases, pointers
/// whose low bits are all zero) over the high bits, which pick the slot.
static size_t slot_of(uintptr_t key, size_t capacity) {
    uint64_t mixed = (uint64_t)key * 0x9E3779B97F4A7C15ull;
    return (size_t)(mixed >> 32) & (capacity - 1);
}

/// The slot holding `key`, or the empty slot where it would go.
static size_t find_slot(const gc_map *map, uintptr_t key) {
    size_t mask = map->capacity - 1;
    size_t i = slot_of(key, map->capacity);
    while (map->entries[i].key != 0 && map->entries[i].key != key) i = (i + 1) & mask;
    return i;
}

uintptr_t gc_map_get(const gc_map *map, uintptr_t key, uintptr_t missing) {
    if (map->count == 0) return missing;
    size_t i = find_slot(map, key);
    return map->entries[i].key == key ? map->entries[i].value : missing;
}

static int resize(gc_map *map, size_t capacity) {
    gc_map_entry *entries = calloc(capacity, sizeof(gc_map_entry));
    if (entries == NULL) return -1;
    gc_map old = *map;
    map->entries = entries;
    map->capacity = capacity;
    for (size_t i = 0; i < old.capacity; i++) {
        if (old.entries[i].key != 0) map->entries[find_slot(map, old.entries[i].key)] = old.entries[i];
    }
    free(old.entries);
    return 0;
}

int gc_map_put(gc_map *map, uintptr_t key, uintptr_t value) {
    if (map->capacity != 0) {
        size_t i = find_slot(map, key);
        if (map->entries[i].key == key) {
            map->entries[i].value = value;
            return 0;
        }
    }
    // Keep the table at most half full (after this insertion).
    if ((map->count + 1) * 2 > map->capacity) {
        size_t capacity = map->capacity == 0 ? 16 : map->capacity * 2;
        if (capacity < map->capacity || resize(map, capacity) != 0) return -1;
    }
    size_t i = find_slot(map, key);
    map->entries[i].key = key;
    map->entries[i].value = value;
    map->count += 1;
    return 0;
}

int gc_map_remove(gc_map *map, uintptr_t key) {
    if (map->count == 0) return 0;
    size_t mask = map->capacity - 1;
    size_t hole = find_slot(map, key);
    if (map->entries[hole].key != key) return 0;
    map->entries[hole].key = 0;
    map->count -= 1;
    // Backward-shift deletion: move each following entry of the probe run
    // into the hole unless its home slot lies cyclically in (hole, i].
    size_t i = (hole + 1) & mask;
    while (map->entries[i].key != 0) {
        size_t home = slot_of(map->entries[i].key, map->capacity);
        int stays = hole <= i ? (hole < home && home <= i) : (hole < home || home <= i);
        if (!stays) {
            map->entries[hole] = map->entries[i];
            map->entries[i].key = 0;
            hole = i;
        }
        i = (i + 1) & mask;
    }
    return 1;
}

void gc_map_free(gc_map *map) {
    free(map->entries);
    map->entries = NULL;
    map->capacity = 0;
    map->count = 0;
}
