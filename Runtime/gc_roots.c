// Roots the host registers with the collector: tables, global cells, element
// segments and pinned references, each kept in a map with a count. See
// wasmex_gc.h.
#include "gc_heap.h"

/// Adds one count to `key` in `map` (roots and pins are both counted, so a
/// cell shared by an exporting and an importing instance may be registered by
/// each and stays a root until both have unregistered it).
static void count_up(wasmex_store_state *store, gc_map *(*select)(gc_heap *), uintptr_t key) {
    gc_heap *heap = gc_heap_of(store);
    if (heap == NULL) {
        gc_lost_roots = 1;
        return;
    }
    gc_map *map = select(heap);
    uintptr_t count = gc_map_get(map, key, 0);
    if (gc_map_put(map, key, count + 1) != 0) heap->roots_incomplete = 1;
}

static void count_down(wasmex_store_state *store, gc_map *(*select)(gc_heap *), uintptr_t key) {
    gc_heap *heap = store->gc_heap;
    if (heap == NULL) return;
    gc_map *map = select(heap);
    uintptr_t count = gc_map_get(map, key, 0);
    if (count > 1) gc_map_put(map, key, count - 1);   // an existing key: cannot fail
    else if (count == 1) gc_map_remove(map, key);
}

static void add_root(wasmex_store_state *store, gc_map *(*select)(gc_heap *), const void *root) {
    if (root != NULL) count_up(store, select, (uintptr_t)root);
}

static void remove_root(wasmex_store_state *store, gc_map *(*select)(gc_heap *), const void *root) {
    if (root != NULL) count_down(store, select, (uintptr_t)root);
}

static gc_map *tables(gc_heap *heap) { return &heap->table_roots; }
static gc_map *cells(gc_heap *heap) { return &heap->cell_roots; }
static gc_map *segments(gc_heap *heap) { return &heap->segment_roots; }

void wasmex_gc_add_table_root(wasmex_store_state *store, const wasmex_table *table) { add_root(store, tables, table); }
void wasmex_gc_remove_table_root(wasmex_store_state *store, const wasmex_table *table) { remove_root(store, tables, table); }
void wasmex_gc_add_cell_root(wasmex_store_state *store, const uint64_t *cell) { add_root(store, cells, cell); }
void wasmex_gc_remove_cell_root(wasmex_store_state *store, const uint64_t *cell) { remove_root(store, cells, cell); }
void wasmex_gc_add_segment_root(wasmex_store_state *store, const wasmex_segment *segment) { add_root(store, segments, segment); }
void wasmex_gc_remove_segment_root(wasmex_store_state *store, const wasmex_segment *segment) { remove_root(store, segments, segment); }

/// Only words that can be objects are counted: null, i31 and host words never are.
static int may_be_object(uint64_t word) { return word != 0 && (word & 15) == 0; }

static gc_map *pins(gc_heap *heap) { return &heap->pins; }

// Pins take the heap's pin lock: a reference may be released on any thread.
// A pinned word is an object, so the heap exists by then.
void wasmex_gc_pin(wasmex_store_state *store, uint64_t word) {
    gc_heap *heap = store->gc_heap;
    if (!may_be_object(word) || heap == NULL) return;
    pthread_mutex_lock(&heap->pins_lock);
    count_up(store, pins, (uintptr_t)word);
    pthread_mutex_unlock(&heap->pins_lock);
}

void wasmex_gc_unpin(wasmex_store_state *store, uint64_t word) {
    gc_heap *heap = store->gc_heap;
    if (!may_be_object(word) || heap == NULL) return;
    pthread_mutex_lock(&heap->pins_lock);
    count_down(store, pins, (uintptr_t)word);
    pthread_mutex_unlock(&heap->pins_lock);
}
