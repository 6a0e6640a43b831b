// The GC heap's memory: size-class chunks and large objects, and the lookup
// that maps any address (interior ones included) to the object holding it.
// See gc.c for the design and gc_heap.h for the interfaces.
#define _GNU_SOURCE
#include "gc_heap.h"
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

// ---- Size classes: 16..256 bytes in 16-byte steps, then four classes per
// doubling up to GC_SMALL_MAX (320, 384, 448, 512, 640, ... 8192), so a small
// object wastes at most a quarter of its slot.

static uint32_t class_of(uint64_t bytes) {
    if (bytes <= 256) return (uint32_t)(bytes / GC_GRANULE) - 1;
    uint64_t below = bytes - 1;
    uint32_t power = 63u - (uint32_t)__builtin_clzll(below);   // 8 for (256, 512]
    uint64_t step = (uint64_t)1 << (power - 2);
    uint32_t quarter = (uint32_t)((below - ((uint64_t)1 << power)) / step);
    return 16u + (power - 8u) * 4u + quarter;
}

static uint32_t class_bytes(uint32_t size_class) {
    if (size_class < 16) return (size_class + 1) * GC_GRANULE;
    uint32_t k = size_class - 16;
    uint32_t power = 8 + k / 4;
    uint32_t step = 1u << (power - 2);
    return (1u << power) + (k % 4 + 1) * step;
}

_Static_assert(GC_CLASS_COUNT == 16 + 4 * 5, "classes up to 8192 bytes");

uint64_t gc_space_charge(uint64_t bytes) {
    return bytes <= GC_SMALL_MAX ? class_bytes(class_of(bytes)) : bytes;
}

static size_t page_bytes(void) {
    long page = sysconf(_SC_PAGESIZE);
    return page > 0 ? (size_t)page : 4096;
}

// ---- Chunks

/// GC_CHUNK_BYTES of zeroed memory aligned to GC_CHUNK_BYTES: maps twice the
/// size and unmaps the misaligned head and the tail.
static void *map_aligned_chunk(void) {
    size_t span = 2 * GC_CHUNK_BYTES;
    uint8_t *raw = mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) return NULL;
    uintptr_t start = ((uintptr_t)raw + GC_CHUNK_BYTES - 1) & ~(GC_CHUNK_BYTES - 1);
    size_t head = start - (uintptr_t)raw;
    size_t tail = span - head - GC_CHUNK_BYTES;
    if (head > 0) munmap(raw, head);
    if (tail > 0) munmap((uint8_t *)start + GC_CHUNK_BYTES, tail);
    return (void *)start;
}

static void release_chunk_memory(gc_heap *heap, gc_chunk *chunk) {
    munmap((void *)chunk->base, GC_CHUNK_BYTES);
    heap->heap_bytes -= GC_CHUNK_BYTES;
    free(chunk);
}

/// A chunk for `size_class`, from the spares or the system, registered in the
/// heap (map and list) and pushed on the class's available list.
static gc_chunk *new_chunk(gc_heap *heap, uint32_t size_class) {
    if (heap->chunk_count == heap->chunk_capacity) {
        size_t capacity = heap->chunk_capacity == 0 ? 16 : heap->chunk_capacity * 2;
        gc_chunk **chunks = realloc(heap->chunks, capacity * sizeof(gc_chunk *));
        if (chunks == NULL) return NULL;
        heap->chunks = chunks;
        heap->chunk_capacity = capacity;
    }
    gc_chunk *chunk;
    if (heap->spare_count > 0) {
        chunk = heap->spare[--heap->spare_count];
        uintptr_t base = chunk->base;
        memset(chunk, 0, sizeof(*chunk));
        chunk->base = base;
    } else {
        chunk = calloc(1, sizeof(gc_chunk));
        if (chunk == NULL) return NULL;
        void *memory = map_aligned_chunk();
        if (memory == NULL) {
            free(chunk);
            return NULL;
        }
        chunk->base = (uintptr_t)memory;
        heap->heap_bytes += GC_CHUNK_BYTES;
    }
    if (gc_map_put(&heap->chunk_map, chunk->base, (uintptr_t)chunk) != 0) {
        release_chunk_memory(heap, chunk);
        return NULL;
    }
    chunk->size_class = size_class;
    chunk->object_bytes = class_bytes(size_class);
    chunk->slot_count = (uint32_t)(GC_CHUNK_BYTES / chunk->object_bytes);
    chunk->index = (uint32_t)heap->chunk_count;
    heap->chunks[heap->chunk_count++] = chunk;
    chunk->next_available = heap->available[size_class];
    heap->available[size_class] = chunk;
    return chunk;
}

/// Takes the first free slot at or after the chunk's cursor; UINT32_MAX when full.
static uint32_t take_slot(gc_chunk *chunk) {
    if (chunk->used == chunk->slot_count) return UINT32_MAX;
    uint32_t words = (chunk->slot_count + 63) / 64;
    for (uint32_t w = chunk->cursor; w < words; w++) {
        uint64_t free_bits = ~chunk->allocated[w];
        if (free_bits == 0) continue;
        uint32_t slot = w * 64 + (uint32_t)__builtin_ctzll(free_bits);
        if (slot >= chunk->slot_count) break;   // only the unused tail bits of the last word
        chunk->allocated[w] |= (uint64_t)1 << (slot % 64);
        chunk->used += 1;
        chunk->cursor = w;
        return slot;
    }
    return UINT32_MAX;
}

static void *allocate_small(gc_heap *heap, uint64_t bytes) {
    uint32_t size_class = class_of(bytes);
    gc_chunk *chunk = heap->available[size_class];
    for (;;) {
        if (chunk == NULL) {
            chunk = new_chunk(heap, size_class);
            if (chunk == NULL) return NULL;
        }
        uint32_t slot = take_slot(chunk);
        if (slot != UINT32_MAX) {
            void *object = (void *)(chunk->base + (uintptr_t)slot * chunk->object_bytes);
            memset(object, 0, bytes);
            return object;
        }
        // Full until the next sweep: drop it from the available list.
        heap->available[size_class] = chunk->next_available;
        chunk->next_available = NULL;
        chunk = heap->available[size_class];
    }
}

// ---- Large objects

/// The index of the last large object starting at or below `address`, or
/// large_count when there is none.
static size_t large_index_at_or_below(const gc_heap *heap, uintptr_t address) {
    size_t low = 0, high = heap->large_count;   // answer in [low - 1, high)
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        if (heap->large[middle].start <= address) low = middle + 1;
        else high = middle;
    }
    return low == 0 ? heap->large_count : low - 1;
}

static void update_large_range(gc_heap *heap) {
    if (heap->large_count == 0) {
        heap->large_low = heap->large_high = 0;
        return;
    }
    const gc_large *last = &heap->large[heap->large_count - 1];
    heap->large_low = heap->large[0].start;
    heap->large_high = last->start + last->object_bytes;
}

static void *allocate_large(gc_heap *heap, uint64_t bytes) {
    if (heap->large_count == heap->large_capacity) {
        size_t capacity = heap->large_capacity == 0 ? 16 : heap->large_capacity * 2;
        gc_large *large = realloc(heap->large, capacity * sizeof(gc_large));
        if (large == NULL) return NULL;
        heap->large = large;
        heap->large_capacity = capacity;
    }
    size_t page = page_bytes();
    uint64_t mapped = (bytes + page - 1) & ~(uint64_t)(page - 1);
    // Fresh anonymous pages are zero: no memset.
    void *memory = mmap(NULL, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED) return NULL;
    uintptr_t start = (uintptr_t)memory;
    size_t below = large_index_at_or_below(heap, start);
    size_t at = below == heap->large_count ? 0 : below + 1;
    memmove(&heap->large[at + 1], &heap->large[at], (heap->large_count - at) * sizeof(gc_large));
    heap->large[at] = (gc_large){ .start = start, .object_bytes = bytes, .mapped_bytes = mapped, .marked = 0 };
    heap->large_count += 1;
    heap->heap_bytes += mapped;
    update_large_range(heap);
    return memory;
}

// ---- Allocation, lookup, sweep

void *gc_space_allocate(gc_heap *heap, uint64_t bytes) {
    void *object = bytes <= GC_SMALL_MAX ? allocate_small(heap, bytes) : allocate_large(heap, bytes);
    if (object != NULL) {
        uint64_t charge = gc_space_charge(bytes);
        heap->live_bytes += charge;
        heap->allocated_bytes += charge;
    }
    return object;
}

uintptr_t gc_space_mark(gc_heap *heap, uintptr_t address) {
    uintptr_t base = address & ~(GC_CHUNK_BYTES - 1);
    if (base != 0) {
        gc_chunk *chunk = (gc_chunk *)gc_map_get(&heap->chunk_map, base, 0);
        if (chunk != NULL) {
            uint32_t slot = (uint32_t)((address - base) / chunk->object_bytes);
            if (slot >= chunk->slot_count) return 0;   // the chunk's unused tail
            uint64_t bit = (uint64_t)1 << (slot % 64);
            if (!(chunk->allocated[slot / 64] & bit) || (chunk->marked[slot / 64] & bit)) return 0;
            chunk->marked[slot / 64] |= bit;
            return base + (uintptr_t)slot * chunk->object_bytes;
        }
    }
    if (address < heap->large_low || address >= heap->large_high) return 0;
    size_t i = large_index_at_or_below(heap, address);
    if (i == heap->large_count) return 0;
    gc_large *large = &heap->large[i];
    if (address - large->start >= large->object_bytes || large->marked) return 0;
    large->marked = 1;
    return large->start;
}

void gc_space_for_each_marked(gc_heap *heap, void (*visit)(gc_heap *, uintptr_t)) {
    // `visit` may mark more objects (bits only): chunk and large lists do not change.
    for (size_t c = 0; c < heap->chunk_count; c++) {
        gc_chunk *chunk = heap->chunks[c];
        uint32_t words = (chunk->slot_count + 63) / 64;
        for (uint32_t w = 0; w < words; w++) {
            uint64_t bits = chunk->marked[w];
            while (bits != 0) {
                uint32_t slot = w * 64 + (uint32_t)__builtin_ctzll(bits);
                bits &= bits - 1;
                visit(heap, chunk->base + (uintptr_t)slot * chunk->object_bytes);
            }
        }
    }
    for (size_t i = 0; i < heap->large_count; i++) {
        if (heap->large[i].marked) visit(heap, heap->large[i].start);
    }
}

/// Removes an empty chunk from the heap: kept as a spare, or unmapped.
static void retire_chunk(gc_heap *heap, gc_chunk *chunk) {
    gc_map_remove(&heap->chunk_map, chunk->base);
    gc_chunk *moved = heap->chunks[--heap->chunk_count];
    heap->chunks[chunk->index] = moved;
    moved->index = chunk->index;
    if (heap->spare_count < GC_SPARE_CHUNKS) heap->spare[heap->spare_count++] = chunk;
    else release_chunk_memory(heap, chunk);
}

void gc_space_sweep(gc_heap *heap) {
    uint64_t live = 0;
    for (uint32_t c = 0; c < GC_CLASS_COUNT; c++) heap->available[c] = NULL;
    // Backwards, so retiring (which moves the last chunk into the hole) skips nothing.
    for (size_t c = heap->chunk_count; c-- > 0;) {
        gc_chunk *chunk = heap->chunks[c];
        uint32_t words = (chunk->slot_count + 63) / 64;
        uint32_t used = 0;
        for (uint32_t w = 0; w < words; w++) {
            chunk->allocated[w] = chunk->marked[w];
            chunk->marked[w] = 0;
            used += (uint32_t)__builtin_popcountll(chunk->allocated[w]);
        }
        chunk->used = used;
        chunk->cursor = 0;
        chunk->next_available = NULL;
        if (used == 0) {
            retire_chunk(heap, chunk);
            continue;
        }
        live += (uint64_t)used * chunk->object_bytes;
        if (used < chunk->slot_count) {
            chunk->next_available = heap->available[chunk->size_class];
            heap->available[chunk->size_class] = chunk;
        }
    }
    size_t kept = 0;
    for (size_t i = 0; i < heap->large_count; i++) {
        gc_large large = heap->large[i];
        if (!large.marked) {
            munmap((void *)large.start, large.mapped_bytes);
            heap->heap_bytes -= large.mapped_bytes;
            continue;
        }
        large.marked = 0;
        live += large.object_bytes;
        heap->large[kept++] = large;
    }
    heap->large_count = kept;
    update_large_range(heap);
    heap->live_bytes = live;
}

void gc_space_destroy(gc_heap *heap) {
    for (size_t c = 0; c < heap->chunk_count; c++) release_chunk_memory(heap, heap->chunks[c]);
    for (size_t s = 0; s < heap->spare_count; s++) release_chunk_memory(heap, heap->spare[s]);
    for (size_t i = 0; i < heap->large_count; i++) {
        munmap((void *)heap->large[i].start, heap->large[i].mapped_bytes);
        heap->heap_bytes -= heap->large[i].mapped_bytes;
    }
    free(heap->chunks);
    free(heap->large);
    gc_map_free(&heap->chunk_map);
    heap->chunks = NULL;
    heap->large = NULL;
    heap->chunk_count = heap->chunk_capacity = heap->spare_count = 0;
    heap->large_count = heap->large_capacity = 0;
    for (uint32_t c = 0; c < GC_CLASS_COUNT; c++) heap->available[c] = NULL;
    update_large_range(heap);
    heap->live_bytes = 0;
}
