// Marking: the roots, the precise tracing of objects through their runtime
// types with an explicit mark stack, and the collection sequence. See gc.c.
#include "gc_heap.h"
#include "wasmex_exceptions.h"
#include <stdlib.h>
#include <string.h>

// ---- The mark stack. An object is marked when first reached and pushed to
// be traced later; when the stack cannot grow (out of memory) the object
// stays marked but untraced and `mark_overflow` asks for a recovery pass.

static void push(gc_heap *heap, uintptr_t object) {
    if (heap->mark_count == heap->mark_capacity) {
        size_t capacity = heap->mark_capacity == 0 ? 1024 : heap->mark_capacity * 2;
        uintptr_t *stack = realloc(heap->mark_stack, capacity * sizeof(uintptr_t));
        if (stack == NULL) {
            heap->mark_overflow = 1;
            return;
        }
        heap->mark_stack = stack;
        heap->mark_capacity = capacity;
    }
    heap->mark_stack[heap->mark_count++] = object;
}

/// A reference word from a precise location (a field, an element, a
/// registered root): only a non-null word with the low four bits clear can be
/// an object; the lookup then ignores words that are not heap objects
/// (funcref records, stale or foreign pointers).
static inline void mark_reference(gc_heap *heap, uint64_t word) {
    if (word == 0 || (word & 15) != 0) return;
    uintptr_t object = gc_space_mark(heap, (uintptr_t)word);
    if (object != 0) push(heap, object);
}

/// A word of unknown meaning (native stack, exception payload): any address
/// inside an object keeps it, and so does the address just past its end (a
/// loop pointer LLVM advanced before the call that collected).
static inline void mark_conservatively(gc_heap *heap, uint64_t word) {
    uintptr_t address = (uintptr_t)word;
    if (address < GC_GRANULE) return;
    uintptr_t object = gc_space_mark(heap, address);
    if (object != 0) push(heap, object);
    if ((address & 15) == 0) {
        object = gc_space_mark(heap, address - 1);
        if (object != 0) push(heap, object);
    }
}

static inline uint64_t load_word(const uint8_t *at) {
    uint64_t word;
    memcpy(&word, at, sizeof(word));
    return word;
}

/// Marks the objects `object` refers to, as its runtime type says.
static void trace(gc_heap *heap, uintptr_t address) {
    const gc_object *object = (const gc_object *)address;
    const wasmex_rtt *rtt = object->rtt;
    if (rtt->ref_count == 0) return;
    if (rtt->kind == WASMEX_GC_KIND_STRUCT) {
        for (uint32_t i = 0; i < rtt->ref_count; i++) {
            uint64_t offset = rtt->ref_offsets[i];
            // A field past the payload (a malformed type) is skipped, never read.
            if (offset + 8 > rtt->size) continue;
            mark_reference(heap, load_word(object->payload + offset));
        }
    } else if (rtt->kind == WASMEX_GC_KIND_ARRAY && rtt->size == 8) {
        // A run of equal elements is marked once: `array.new` fills an array with one
        // reference, and marking it again only repeats the heap lookup. An array of
        // 2^28 copies of one struct (fuzz seed 111727) took 1-2 s per collection.
        const uint8_t *elements = object->payload;
        uint64_t previous = 0;
        for (uint32_t i = 0; i < object->length; i++) {
            uint64_t word = load_word(elements + (size_t)i * 8);
            if (word == previous) continue;
            previous = word;
            mark_reference(heap, word);
        }
    }
}

static void drain(gc_heap *heap) {
    while (heap->mark_count > 0) trace(heap, heap->mark_stack[--heap->mark_count]);
}

/// Recovery after an overflow: tracing every marked object again reaches the
/// children of those that were marked but never pushed. Repeats until a pass
/// completes without overflowing (each pass marks at least one more object).
static void trace_and_drain(gc_heap *heap, uintptr_t object) {
    trace(heap, object);
    drain(heap);
}

static void finish_marking(gc_heap *heap) {
    drain(heap);
    while (heap->mark_overflow) {
        heap->mark_overflow = 0;
        gc_space_for_each_marked(heap, trace_and_drain);
    }
}

// ---- Roots

/// Reads every aligned word of the range, including bytes the compiler
/// considers dead or padding (hence no AddressSanitizer checks here).
__attribute__((no_sanitize_address, noinline))
static void scan_stack(gc_heap *heap, uintptr_t low, uintptr_t high) {
    low = (low + 7) & ~(uintptr_t)7;
    for (uintptr_t at = low; at + 8 <= high; at += 8) mark_conservatively(heap, *(const uint64_t *)at);
}

static void scan_exception(gc_heap *heap, const wasmex_exception *exception) {
    uint64_t words = (uint64_t)exception->count * (WASMEX_SLOT_BYTES / 8);
    for (uint64_t i = 0; i < words; i++) mark_conservatively(heap, exception->payload[i]);
}

static void scan_exceptions(gc_heap *heap, const wasmex_store_state *store) {
    const wasmex_exception *pending = store->eh_exception;
    if (pending != NULL) scan_exception(heap, pending);
    for (const wasmex_exception *e = store->eh_escaped; e != NULL; e = e->next_escaped) {
        if (e != pending) scan_exception(heap, e);
    }
}

static void scan_registered(gc_heap *heap) {
    for (size_t i = 0; i < heap->table_roots.capacity; i++) {
        const wasmex_table *table = (const wasmex_table *)heap->table_roots.entries[i].key;
        if (table == NULL) continue;
        for (uint32_t e = 0; e < table->length; e++) mark_reference(heap, table->elements[e]);
    }
    for (size_t i = 0; i < heap->cell_roots.capacity; i++) {
        const uint64_t *cell = (const uint64_t *)heap->cell_roots.entries[i].key;
        if (cell != NULL) mark_reference(heap, cell[0]);
    }
    for (size_t i = 0; i < heap->segment_roots.capacity; i++) {
        const wasmex_segment *segment = (const wasmex_segment *)heap->segment_roots.entries[i].key;
        if (segment == NULL || segment->items == NULL) continue;
        const uintptr_t *items = segment->items;
        for (uint32_t e = 0; e < segment->length; e++) mark_reference(heap, items[e]);
    }
    pthread_mutex_lock(&heap->pins_lock);
    for (size_t i = 0; i < heap->pins.capacity; i++) {
        uintptr_t word = heap->pins.entries[i].key;
        if (word != 0) mark_reference(heap, word);
    }
    pthread_mutex_unlock(&heap->pins_lock);
}

void gc_mark_and_sweep(gc_heap *heap, wasmex_store_state *store, uintptr_t stack_low, uintptr_t stack_high) {
    heap->mark_count = 0;
    heap->mark_overflow = 0;
    if (stack_high != 0) scan_stack(heap, stack_low, stack_high);
    scan_registered(heap);
    scan_exceptions(heap, store);
    finish_marking(heap);
    gc_space_sweep(heap);
    // A large mark stack from a deep structure is not kept between collections.
    if (heap->mark_capacity > 64 * 1024) {
        free(heap->mark_stack);
        heap->mark_stack = NULL;
        heap->mark_capacity = 0;
    }
}
