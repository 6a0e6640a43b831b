// The WebAssembly GC heap of a store: allocation policy, collection entry
// points, heap lifecycle and statistics. See wasmex_gc.h for the ABI.
//
// ---- Design
//
// A non-moving mark-sweep collector, one heap per store, with conservative
// roots on the native stack and precise tracing inside the heap.
//
// Why conservative stack roots. Generated code is optimised LLVM code: a
// reference is an ordinary 64-bit value that LLVM keeps in registers, spills,
// rematerialises and turns into derived pointers (base + 16 + i * size) as it
// likes. Finding the references of every frame precisely needs stack maps at
// each call that can collect, i.e. LLVM's gc.statepoint machinery: rewriting
// the IR (RewriteStatepointsForGC), parsing the .llvm_stackmaps section of
// every object the JIT loads, and relocating base and derived pointers. The C
// API we build the JIT on offers no practical path to that, it is
// experimental, and it forces every reference live across a call out to the
// stack. Instead the collector scans the calling thread's stack, from the
// current stack pointer (after spilling the callee-saved registers into its
// own frame) up to the frame of the outermost active `wasmex_invoke`: every
// word that points into a live object keeps it. Generated code needs nothing
// special besides keeping some pointer into each object it still uses.
//
// Why non-moving. A conservatively found word may be an integer that merely
// looks like an address, so the object it points to can never be moved and
// the word never rewritten. Never moving anything also lets generated code
// keep raw (derived) pointers across calls that allocate, without reloading.
//
// Why precise heap tracing. Inside the heap every object names its runtime
// type (`wasmex_rtt`), which lists the reference fields of a struct and says
// whether an array's elements are references: marking reads exactly those
// words, so numbers stored in objects never retain anything, and only the
// (small) stack is scanned conservatively.
//
// Interior pointers. LLVM may keep only a derived pointer alive (a field or
// element address, or a loop pointer). The lookup maps any address inside an
// object to its start: small objects live in 256 KiB chunks aligned to their
// size, so masking an address gives the only candidate chunk (a hash map
// confirms it is one), the slot is (address - base) / slot size and an
// allocation bitmap says whether the slot holds an object; large objects are
// found by binary search in a sorted array. A stack word exactly at an
// object's end also keeps it (a loop pointer advanced past the last element
// before a call). Pointers derived below an object's start are not
// recognised: generated code should address fields and elements with in-bounds
// GEPs from the object pointer.
//
// Costs. Stale stack words and integers that look like addresses may retain
// garbage (bounded: only the active call chain's stack is scanned); memory is
// never compacted, so fragmentation is limited only by the size classes
// (a slot wastes at most a quarter of itself) and by freeing empty chunks;
// allocation searches a bitmap instead of bumping a pointer. A collection
// stops the store's thread for time proportional to the live objects (mark)
// plus the number of chunks (sweep reads and writes only bitmaps, never the
// dead objects).
//
// Roots. (a) The native stack, as above (none when no `wasmex_invoke` is
// active on the thread, e.g. a host collecting between calls). (b) Registered
// tables (their current elements), global cells (first word) and element
// segments (their words). (c) Pinned words, counted. (d) The store's pending
// exception and its `exnref` exceptions, whose payload slots are scanned
// conservatively (their value types are not recorded). Registered words may
// be anything (funcref record pointers, host ids, i31 values): only words that
// are heap objects count.
//
// Marking uses an explicit stack (a 10-million-long list cannot overflow the
// C stack); if the mark stack cannot grow, the objects that did not fit stay
// marked and a recovery pass re-traces every marked object until no more
// overflow happens.
//
// Trigger policy. A collection runs when the bytes allocated since the last
// one exceed max(4 MiB, bytes live after the last one). Between collections
// the heap thus grows to about twice its live size, so the marking work
// (proportional to live bytes) per allocated byte stays constant, and small
// heaps do not collect on every few objects. With a store limit, an
// allocation that would take live bytes past the limit collects first and
// fails if it still does not fit. Allocations by the host never collect
// (host code holds references in variables the collector cannot see) and
// return NULL instead of failing with a trap.
//
// Accounting. Objects are charged their slot size (their size rounded up to
// their size class), large ones their size rounded to 16 bytes; `live_bytes`
// and the limit use charged bytes, `heap_bytes` counts what the heap holds
// from the system (chunks, including up to GC_SPARE_CHUNKS empty ones, and
// the page-rounded mappings of large objects). The largest object is
// GC_MAX_OBJECT_BYTES (4 GiB - 1), references counted at 4 bytes.
//
// Threads. A heap is used by one thread at a time (a store's calls are
// serialised) and takes no locks. A collection scans only the calling
// thread's stack, so a store must not be running Wasm on another thread
// while it collects.
//
// Out of memory. When a root cannot be recorded, collecting could free a
// reachable object, so the heap (or, if the heap itself could not be
// created, every heap) stops collecting: leaking is safe, freeing is not.
#define _GNU_SOURCE
#include "gc_heap.h"
#include "invoke_stack.h"
#include "wasmex_invoke.h"
#include "wasmex_trap.h"
#include <stdlib.h>
#include <time.h>

_Atomic int gc_lost_roots;

gc_heap *gc_heap_of(wasmex_store_state *store) {
    if (store->gc_heap != NULL) return store->gc_heap;
    gc_heap *heap = calloc(1, sizeof(gc_heap));
    if (heap == NULL) return NULL;
    heap->limit = store->gc_limit;
    heap->next_collection_at = GC_MIN_TRIGGER_BYTES;
    pthread_mutex_init(&heap->pins_lock, NULL);
    store->gc_heap = heap;
    return heap;
}

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/// The stack pointer of the calling function.
static inline __attribute__((always_inline)) uintptr_t stack_pointer(void) {
#if defined(__x86_64__)
    uintptr_t sp;
    __asm__ volatile("mov %%rsp, %0" : "=r"(sp));
    return sp;
#elif defined(__aarch64__)
    uintptr_t sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    return sp;
#else
    return (uintptr_t)__builtin_frame_address(0);
#endif
}

/// Collects unless that is unsafe (incomplete roots, a stack that is not the
/// one the Wasm calls run on) or already under way; returns non-zero when it
/// did. Not inlined: its prologue saves every callee-saved register (the
/// references generated code kept in them) inside the scanned stack range.
__attribute__((noinline))
static int collect(wasmex_store_state *store, gc_heap *heap) {
    __builtin_unwind_init();
    uintptr_t high = wasmex_invoke_outermost_frame();
    uintptr_t low = stack_pointer();
    if (heap->collecting || heap->roots_incomplete || gc_lost_roots || (high != 0 && low > high)) {
        // Postponed: try again after another minimum allocation interval.
        heap->next_collection_at = heap->allocated_bytes + GC_MIN_TRIGGER_BYTES;
        return 0;
    }
    heap->collecting = 1;
    uint64_t start = now_ns();
    gc_mark_and_sweep(heap, store, low, high);
    uint64_t pause = now_ns() - start;
    heap->collections += 1;
    heap->total_pause_ns += pause;
    if (pause > heap->max_pause_ns) heap->max_pause_ns = pause;
    uint64_t interval = heap->live_bytes > GC_MIN_TRIGGER_BYTES ? heap->live_bytes : GC_MIN_TRIGGER_BYTES;
    heap->next_collection_at = heap->allocated_bytes + interval;
    heap->collecting = 0;
    return 1;
}

/// The size of an object of `rtt` (header included, a multiple of 16);
/// 0 when the type is malformed or the object would pass the maximum.
static uint64_t object_bytes(const wasmex_rtt *rtt, uint32_t length) {
    if (rtt == NULL) return 0;
    uint64_t payload;
    // The size the limit applies to: references counted at 4 bytes, as an
    // engine with 32-bit references stores them (see GC_MAX_OBJECT_BYTES).
    uint64_t limited_payload;
    if (rtt->kind == WASMEX_GC_KIND_STRUCT) {
        if (rtt->ref_count > 0 && rtt->ref_offsets == NULL) return 0;
        payload = rtt->size;
        limited_payload = payload;
    } else if (rtt->kind == WASMEX_GC_KIND_ARRAY) {
        uint32_t size = rtt->size;
        if (size != 1 && size != 2 && size != 4 && size != 8 && size != 16) return 0;
        if (rtt->ref_count > 1 || (rtt->ref_count == 1 && size != 8)) return 0;
        payload = (uint64_t)size * length;   // at most 2^36: no overflow
        limited_payload = rtt->ref_count == 1 ? (uint64_t)4 * length : payload;
    } else {
        return 0;
    }
    if (WASMEX_GC_HEADER_BYTES + limited_payload > GC_MAX_OBJECT_BYTES) return 0;
    return WASMEX_GC_HEADER_BYTES + ((payload + GC_GRANULE - 1) & ~(uint64_t)(GC_GRANULE - 1));
}

static int over_limit(const gc_heap *heap, uint64_t charge) {
    return heap->limit != 0 && (charge > heap->limit || heap->live_bytes > heap->limit - charge);
}

void *gc_heap_allocate(wasmex_store_state *store, gc_heap *heap, const wasmex_rtt *rtt,
                       uint32_t length, int may_collect) {
    uint64_t bytes = object_bytes(rtt, length);
    if (bytes == 0) return NULL;
    uint64_t charge = gc_space_charge(bytes);
    int collected = 0;
    if (may_collect && heap->allocated_bytes + charge > heap->next_collection_at) {
        collected = collect(store, heap);
    }
    if (over_limit(heap, charge)) {
        if (!may_collect || collected || !collect(store, heap) || over_limit(heap, charge)) return NULL;
        collected = 1;
    }
    gc_object *object = gc_space_allocate(heap, bytes);
    if (object == NULL && may_collect && !collected && collect(store, heap)) {
        object = gc_space_allocate(heap, bytes);
    }
    if (object == NULL) return NULL;
    object->rtt = rtt;
    object->length = rtt->kind == WASMEX_GC_KIND_ARRAY ? length : 0;
    object->gc_bits = 0;
    return object;
}

void *wasmex_gc_alloc(void *vmctx, const wasmex_rtt *rtt, uint32_t length) {
    wasmex_store_state *store = ((wasmex_vmctx *)vmctx)->store;
    gc_heap *heap = gc_heap_of(store);
    void *object = heap == NULL ? NULL : gc_heap_allocate(store, heap, rtt, length, 1);
    if (object == NULL) wasmex_trap(vmctx, WASMEX_TRAP_ALLOCATION_FAILURE);
    return object;
}

void *wasmex_gc_alloc_host(wasmex_store_state *store, const wasmex_rtt *rtt, uint32_t length) {
    if (store == NULL) return NULL;
    gc_heap *heap = gc_heap_of(store);
    return heap == NULL ? NULL : gc_heap_allocate(store, heap, rtt, length, 0);
}

void wasmex_gc_set_limit(wasmex_store_state *store, uint64_t limit_bytes) {
    store->gc_limit = limit_bytes;
    gc_heap *heap = store->gc_heap;
    if (heap != NULL) heap->limit = limit_bytes;
}

void wasmex_gc_collect(wasmex_store_state *store) {
    gc_heap *heap = store->gc_heap;
    if (heap != NULL) collect(store, heap);
}

void wasmex_gc_stats_get(wasmex_store_state *store, wasmex_gc_stats *out) {
    gc_heap *heap = store->gc_heap;
    if (heap == NULL) {
        *out = (wasmex_gc_stats){ 0 };
        return;
    }
    out->collections = heap->collections;
    out->allocated_bytes = heap->allocated_bytes;
    out->live_bytes = heap->live_bytes;
    out->heap_bytes = heap->heap_bytes;
    out->total_pause_ns = heap->total_pause_ns;
    out->max_pause_ns = heap->max_pause_ns;
}

void wasmex_gc_heap_destroy(wasmex_store_state *store) {
    gc_heap *heap = store->gc_heap;
    if (heap == NULL) return;
    gc_space_destroy(heap);
    gc_map_free(&heap->table_roots);
    gc_map_free(&heap->cell_roots);
    gc_map_free(&heap->segment_roots);
    gc_map_free(&heap->pins);
    pthread_mutex_destroy(&heap->pins_lock);
    free(heap->mark_stack);
    free(heap);
    store->gc_heap = NULL;
}
