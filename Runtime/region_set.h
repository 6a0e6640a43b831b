#ifndef WASMEX_REGION_SET_H
#define WASMEX_REGION_SET_H
// A set of address ranges the fault handler can search without locks
// (private to the runtime; guard.c keeps one for guard regions and one for
// generated code).
#include <stdatomic.h>
#include <stdint.h>

/// Ranges live in fixed-size chunks linked from `first`. Chunks are never
/// freed, so a signal handler can walk them at any time: a slot is claimed by
/// a CAS on `start` and published by storing `end`; it is released by clearing
/// `end` then `start`. A reader that sees a half-written slot sees `end == 0`
/// and no match, which is right: nothing can fault in a range before its
/// registration returns.
#define REGION_SLOTS_PER_CHUNK 1024

typedef struct region_slot {
    _Atomic uintptr_t start;
    _Atomic uintptr_t end;
} region_slot;

typedef struct region_chunk {
    region_slot slots[REGION_SLOTS_PER_CHUNK];
    _Atomic(struct region_chunk *) next;
} region_chunk;

typedef struct region_set {
    _Atomic(region_chunk *) first;
} region_set;

/// Adds [start, start + length). Returns 0, or -1 when no slot can be allocated
/// or the range is empty or wraps around.
int region_set_add(region_set *set, uintptr_t start, uint64_t length);

/// Removes the range that starts at `start` (the first one, if added twice).
void region_set_remove(region_set *set, uintptr_t start);

/// Non-zero when `address` lies in a range of the set (async-signal-safe).
int region_set_contains(region_set *set, uintptr_t address);

#endif
