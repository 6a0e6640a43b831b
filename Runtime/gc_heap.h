#ifndef WASMEX_GC_HEAP_H
#define WASMEX_GC_HEAP_H
// The GC heap's private structures, shared by gc.c (lifecycle, allocation
// policy), gc_space.c (chunks and large objects), gc_mark.c (roots, marking),
// gc_roots.c (root registration) and gc_arrays.c (array operators).
// See gc.c for the design.
#include <pthread.h>
#include <stdint.h>
#include <stddef.h>
#include "gc_map.h"
#include "wasmex_gc.h"

// ---- Sizes

/// Chunks of small objects: this size, aligned to it, so `address & ~mask`
/// is the base of the only chunk that can contain `address`.
#define GC_CHUNK_SHIFT 18
#define GC_CHUNK_BYTES ((uintptr_t)1 << GC_CHUNK_SHIFT)   // 256 KiB
/// Objects are 16-byte aligned and sized in 16-byte granules.
#define GC_GRANULE 16u
/// Objects up to this many bytes go to size-class chunks, larger ones get a
/// mapping of their own.
#define GC_SMALL_MAX 8192u
#define GC_CLASS_COUNT 36u
/// The largest object the heap holds (header included): 4 GiB - 1, with
/// every reference counted at 4 bytes. Wasmtime draws the line at the same
/// place (measured: a 2 GiB array is made, one of 4 GiB is "allocation size
/// too large") and stores references in 4 bytes; Wasmex stores them as
/// 8-byte pointers, so an array of 2^29 to 2^30 - 1 references, which a guest
/// may make there, takes 4-8 GiB here. Counting references at 4 bytes keeps
/// the two engines' limits the same for every type (the differential fuzzer
/// found seeds that made such arrays). Bigger requests (an array of up to
/// 2^32 - 1 elements of up to 16 bytes asks for up to 64 GiB) fail with
/// WASMEX_TRAP_ALLOCATION_FAILURE / NULL at once. Large objects are fresh
/// mappings, so their zero pages cost nothing until touched.
#define GC_MAX_OBJECT_BYTES (((uint64_t)1 << 32) - 1)
/// Allocation bytes between collections when little survives (see gc.c).
#define GC_MIN_TRIGGER_BYTES ((uint64_t)4 << 20)
/// Empty chunks kept for reuse instead of being unmapped at once.
#define GC_SPARE_CHUNKS 4u
/// Bitmap words of a chunk: one bit per 16-byte granule is enough for the
/// smallest class.
#define GC_BITMAP_WORDS (GC_CHUNK_BYTES / GC_GRANULE / 64)

/// The header of every object (see wasmex_gc.h).
typedef struct gc_object {
    const wasmex_rtt *rtt;
    uint32_t length;
    uint32_t gc_bits;
    uint8_t payload[];
} gc_object;

_Static_assert(sizeof(gc_object) == WASMEX_GC_HEADER_BYTES, "object header is ABI");

/// A chunk of equally sized slots (descriptor kept outside the chunk).
typedef struct gc_chunk {
    uintptr_t base;
    uint32_t object_bytes;   ///< the slot size of the chunk's class
    uint32_t slot_count;
    uint32_t used;           ///< allocated slots
    uint32_t cursor;         ///< bitmap word where the search for a free slot resumes
    uint32_t size_class;
    uint32_t index;          ///< position in gc_heap.chunks
    struct gc_chunk *next_available;   ///< next chunk of the class with free slots
    uint64_t allocated[GC_BITMAP_WORDS];
    uint64_t marked[GC_BITMAP_WORDS];
} gc_chunk;

/// An object too large for the size classes: a mapping of its own.
typedef struct gc_large {
    uintptr_t start;
    uint64_t object_bytes;   ///< the object's size rounded to 16 bytes
    uint64_t mapped_bytes;   ///< the mapping's size (whole pages)
    uint64_t marked;
} gc_large;

typedef struct gc_heap {
    uint64_t limit;                  ///< byte limit on live_bytes (0 = none)

    // Space (gc_space.c).
    gc_chunk *available[GC_CLASS_COUNT];   ///< per class: chunks with free slots
    gc_chunk **chunks;               ///< every chunk in use
    size_t chunk_count, chunk_capacity;
    gc_map chunk_map;                ///< chunk base -> gc_chunk *
    gc_chunk *spare[GC_SPARE_CHUNKS];///< empty chunks kept for reuse
    size_t spare_count;
    gc_large *large;                 ///< large objects sorted by address
    size_t large_count, large_capacity;
    uintptr_t large_low, large_high; ///< [low, high) covers every large object (quick rejection)

    // Accounting, in "charged" bytes (gc_space_charge).
    uint64_t live_bytes;             ///< survivors of the last collection + allocated since
    uint64_t heap_bytes;             ///< chunks (spares included) and large mappings
    uint64_t allocated_bytes;        ///< since the heap was created
    uint64_t next_collection_at;     ///< allocated_bytes value that triggers a collection
    uint64_t collections;
    uint64_t total_pause_ns, max_pause_ns;

    // Roots (gc_roots.c).
    gc_map table_roots;              ///< const wasmex_table * -> registration count
    gc_map cell_roots;               ///< const uint64_t * -> registration count
    gc_map segment_roots;            ///< const wasmex_segment * -> registration count
    gc_map pins;                     ///< reference word -> pin count
    /// Guards `pins`: the host may release a reference (unpin) on any thread,
    /// also while the store's thread runs Wasm code that collects.
    pthread_mutex_t pins_lock;
    /// Set when a root could not be recorded (out of memory): collections
    /// are skipped from then on, since they could free a reachable object.
    int roots_incomplete;
    int collecting;

    // Marking (gc_mark.c).
    uintptr_t *mark_stack;
    size_t mark_count, mark_capacity;
    int mark_overflow;               ///< a marked object could not be pushed
} gc_heap;

// ---- gc.c

/// Set when a root could not be recorded because its heap could not even be
/// created: from then on no heap of the process collects (gc_roots.c).
extern _Atomic int gc_lost_roots;

/// The store's heap, created on first use; NULL when it cannot be created.
gc_heap *gc_heap_of(wasmex_store_state *store);

/// A new zeroed object with its header set, collecting first when
/// `may_collect` says so and the policy asks for it; NULL when it cannot be
/// held (limit, size, bad runtime type, out of memory).
void *gc_heap_allocate(wasmex_store_state *store, gc_heap *heap, const wasmex_rtt *rtt,
                       uint32_t length, int may_collect);

// ---- gc_space.c

/// The bytes an object of `bytes` (header included, a multiple of 16) is
/// charged: its size class's slot size, or itself when large.
uint64_t gc_space_charge(uint64_t bytes);

/// Zeroed memory for an object of `bytes` (a multiple of 16, at most
/// GC_MAX_OBJECT_BYTES), charged to the heap's accounting; NULL when the
/// system refuses memory.
void *gc_space_allocate(gc_heap *heap, uint64_t bytes);

/// The start of the allocated object whose bytes contain `address` (any
/// interior address), marking it: returns the start when the object was not
/// marked before, else 0 (also when `address` is in no object).
uintptr_t gc_space_mark(gc_heap *heap, uintptr_t address);

/// Calls `visit` for every marked object (mark-stack overflow recovery).
void gc_space_for_each_marked(gc_heap *heap, void (*visit)(gc_heap *, uintptr_t));

/// Frees unmarked objects, clears the marks, recomputes live_bytes and
/// returns empty chunks (keeping up to GC_SPARE_CHUNKS for reuse).
void gc_space_sweep(gc_heap *heap);

/// Returns every chunk and large object to the system.
void gc_space_destroy(gc_heap *heap);

// ---- gc_mark.c

/// Marks everything reachable from the roots (the stack range [stack_low,
/// stack_high) scanned conservatively when stack_high != 0) and sweeps.
void gc_mark_and_sweep(gc_heap *heap, wasmex_store_state *store, uintptr_t stack_low, uintptr_t stack_high);

#endif
