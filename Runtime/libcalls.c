// Bulk memory and table operators called from generated code. See wasmex_libcalls.h.
#include "wasmex_libcalls.h"
#include "wasmex_invoke.h"
#include "wasmex_memory.h"
#include "wasmex_trap.h"
#include <string.h>

/// True when [start, start + count) lies inside [0, length), without wrapping
/// (64-bit memories and tables pass any u64).
static inline int in_bounds(uint64_t start, uint64_t count, uint64_t length) {
    return count <= length && start <= length - count;
}

int64_t wasmex_lib_memory_grow(wasmex_vmctx *vmctx, uint32_t memory, uint64_t delta) {
    return wasmex_memory_grow_pages(vmctx->memories[memory], delta, vmctx->store);
}

void wasmex_lib_memory_copy(wasmex_vmctx *vmctx, uint32_t dst_memory, uint32_t src_memory,
                            uint64_t dst, uint64_t src, uint64_t count) {
    wasmex_memory *d = vmctx->memories[dst_memory];
    wasmex_memory *s = vmctx->memories[src_memory];
    if (!in_bounds(src, count, s->length) || !in_bounds(dst, count, d->length)) {
        wasmex_trap(vmctx, WASMEX_TRAP_MEMORY_OUT_OF_BOUNDS);
    }
    memmove(d->base + dst, s->base + src, count);
}

void wasmex_lib_memory_fill(wasmex_vmctx *vmctx, uint32_t memory, uint64_t dst, uint32_t value, uint64_t count) {
    wasmex_memory *m = vmctx->memories[memory];
    if (!in_bounds(dst, count, m->length)) wasmex_trap(vmctx, WASMEX_TRAP_MEMORY_OUT_OF_BOUNDS);
    memset(m->base + dst, (int)(value & 0xff), count);
}

void wasmex_lib_memory_init(wasmex_vmctx *vmctx, uint32_t memory, uint32_t segment,
                            uint64_t dst, uint32_t src, uint32_t count) {
    wasmex_memory *m = vmctx->memories[memory];
    wasmex_segment *seg = &vmctx->data_segments[segment];
    if (!in_bounds(src, count, seg->length) || !in_bounds(dst, count, m->length)) {
        wasmex_trap(vmctx, WASMEX_TRAP_MEMORY_OUT_OF_BOUNDS);
    }
    if (count > 0) memcpy(m->base + dst, (const uint8_t *)seg->items + src, count);
}

void wasmex_lib_data_drop(wasmex_vmctx *vmctx, uint32_t segment) {
    vmctx->data_segments[segment].length = 0;
}

int64_t wasmex_lib_table_grow(wasmex_vmctx *vmctx, uint32_t table, uintptr_t init, uint64_t delta) {
    // Lengths stay below 2^32: a larger delta can never succeed.
    if (delta > UINT32_MAX) return -1;
    return wasmex_table_grow_elements(vmctx->tables[table], (uint32_t)delta, init, vmctx->store);
}

void wasmex_lib_table_fill(wasmex_vmctx *vmctx, uint32_t table, uint64_t dst, uintptr_t value, uint64_t count) {
    wasmex_table *t = vmctx->tables[table];
    if (!in_bounds(dst, count, t->length)) wasmex_trap(vmctx, WASMEX_TRAP_TABLE_OUT_OF_BOUNDS);
    for (uint64_t i = 0; i < count; i++) t->elements[dst + i] = value;
}

void wasmex_lib_table_copy(wasmex_vmctx *vmctx, uint32_t dst_table, uint32_t src_table,
                           uint64_t dst, uint64_t src, uint64_t count) {
    wasmex_table *d = vmctx->tables[dst_table];
    wasmex_table *s = vmctx->tables[src_table];
    if (!in_bounds(src, count, s->length) || !in_bounds(dst, count, d->length)) {
        wasmex_trap(vmctx, WASMEX_TRAP_TABLE_OUT_OF_BOUNDS);
    }
    memmove(d->elements + dst, s->elements + src, (size_t)count * sizeof(uintptr_t));
}

void wasmex_lib_table_init(wasmex_vmctx *vmctx, uint32_t table, uint32_t segment,
                           uint64_t dst, uint32_t src, uint32_t count) {
    wasmex_table *t = vmctx->tables[table];
    wasmex_segment *seg = &vmctx->elem_segments[segment];
    if (!in_bounds(src, count, seg->length) || !in_bounds(dst, count, t->length)) {
        wasmex_trap(vmctx, WASMEX_TRAP_TABLE_OUT_OF_BOUNDS);
    }
    if (count > 0) {
        memcpy(t->elements + dst, (const uintptr_t *)seg->items + src, (size_t)count * sizeof(uintptr_t));
    }
}

void wasmex_lib_elem_drop(wasmex_vmctx *vmctx, uint32_t segment) {
    vmctx->elem_segments[segment].length = 0;
}

int32_t wasmex_lib_func_subtype(void *vmctx, uint32_t actual, uint32_t expected) {
    wasmex_store_state *store = ((wasmex_vmctx *)vmctx)->store;
    if (actual == expected) return 1;
    return store->subtype_check != NULL && store->subtype_check(store->subtype_ctx, actual, expected);
}
