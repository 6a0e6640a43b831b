// The array operators generated code calls: array.new (with a value),
// array.new_data, array.new_elem, array.fill, array.copy, array.init_data and
// array.init_elem. Index arithmetic is 64-bit, so no sum or product of u32
// operands can wrap; checks come in the order the spec's tests expect (null,
// then the array's bounds, then the segment's). See wasmex_gc.h.
#include "gc_heap.h"
#include "wasmex_invoke.h"
#include "wasmex_trap.h"
#include <string.h>

_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "elements are stored little-endian, like Wasm memory");

/// True when [start, start + count) lies inside [0, length).
static inline int in_bounds(uint64_t start, uint64_t count, uint64_t length) {
    return count <= length && start <= length - count;
}

/// Stores the low `size` bytes of the 128-bit value (lo, hi) at `at`.
static inline void write_element(uint8_t *at, uint32_t size, uint64_t lo, uint64_t hi) {
    if (size <= 8) {
        memcpy(at, &lo, size);
    } else {
        memcpy(at, &lo, 8);
        memcpy(at + 8, &hi, size - 8);
    }
}

/// Sets `count` elements of `size` bytes at `start` to (lo, hi): one element
/// written, then copies doubling in length.
static void fill_elements(uint8_t *start, uint32_t size, uint64_t count, uint64_t lo, uint64_t hi) {
    if (count == 0) return;
    if (size == 1) {
        memset(start, (int)(lo & 0xff), count);
        return;
    }
    write_element(start, size, lo, hi);
    uint64_t total = count * size;
    uint64_t done = size;
    while (done < total) {
        uint64_t chunk = done <= total - done ? done : total - done;
        memcpy(start + done, start, chunk);
        done += chunk;
    }
}

/// Non-zero when the low `size` bytes of (lo, hi) are not all zero.
static inline int is_nonzero(uint32_t size, uint64_t lo, uint64_t hi) {
    if (size >= 16) return (lo | hi) != 0;
    if (size > 8) return lo != 0 || (hi & ((1ull << ((size - 8) * 8)) - 1)) != 0;
    if (size == 8) return lo != 0;
    return (lo & ((1ull << (size * 8)) - 1)) != 0;
}

/// Copies `count` element words into elements of `size` bytes (8 for reference arrays).
static void copy_words(uint8_t *to, uint32_t size, const uintptr_t *words, uint64_t count) {
    if (size == 8) {
        if (count > 0) memcpy(to, words, count * 8);
        return;
    }
    for (uint64_t i = 0; i < count; i++) write_element(to + i * size, size, words[i], 0);
}

static gc_object *non_null(void *vmctx, void *array) {
    if (array == NULL) wasmex_trap(vmctx, WASMEX_TRAP_NULL_ARRAY_REFERENCE);
    return array;
}

static const wasmex_rtt *checked_rtt(void *vmctx, const wasmex_rtt *rtt) {
    if (rtt == NULL) wasmex_trap(vmctx, WASMEX_TRAP_ALLOCATION_FAILURE);
    return rtt;
}

void *wasmex_gc_array_new(void *vmctx, const wasmex_rtt *rtt, uint32_t length, uint64_t lo, uint64_t hi) {
    gc_object *array = wasmex_gc_alloc(vmctx, checked_rtt(vmctx, rtt), length);
    // The payload is already zero.
    if (is_nonzero(rtt->size, lo, hi)) fill_elements(array->payload, rtt->size, length, lo, hi);
    return array;
}

void *wasmex_gc_array_new_data(void *vmctx, const wasmex_rtt *rtt, uint32_t data_index, uint32_t offset, uint32_t length) {
    const wasmex_segment *segment = &((wasmex_vmctx *)vmctx)->data_segments[data_index];
    uint64_t bytes = (uint64_t)length * checked_rtt(vmctx, rtt)->size;
    if (!in_bounds(offset, bytes, segment->length)) wasmex_trap(vmctx, WASMEX_TRAP_MEMORY_OUT_OF_BOUNDS);
    gc_object *array = wasmex_gc_alloc(vmctx, rtt, length);
    if (bytes > 0) memcpy(array->payload, (const uint8_t *)segment->items + offset, bytes);
    return array;
}

void *wasmex_gc_array_new_elem(void *vmctx, const wasmex_rtt *rtt, uint32_t elem_index, uint32_t offset, uint32_t length) {
    const wasmex_segment *segment = &((wasmex_vmctx *)vmctx)->elem_segments[elem_index];
    if (!in_bounds(offset, length, segment->length)) wasmex_trap(vmctx, WASMEX_TRAP_TABLE_OUT_OF_BOUNDS);
    gc_object *array = wasmex_gc_alloc(vmctx, checked_rtt(vmctx, rtt), length);
    if (length > 0) copy_words(array->payload, rtt->size, (const uintptr_t *)segment->items + offset, length);
    return array;
}

void wasmex_gc_array_fill(void *vmctx, void *array, uint32_t index, uint64_t lo, uint64_t hi, uint32_t length) {
    gc_object *object = non_null(vmctx, array);
    if (!in_bounds(index, length, object->length)) wasmex_trap(vmctx, WASMEX_TRAP_ARRAY_OUT_OF_BOUNDS);
    uint32_t size = object->rtt->size;
    fill_elements(object->payload + (uint64_t)index * size, size, length, lo, hi);
}

void wasmex_gc_array_copy(void *vmctx, void *dst, uint32_t dst_index, void *src, uint32_t src_index, uint32_t length) {
    gc_object *to = non_null(vmctx, dst);
    gc_object *from = non_null(vmctx, src);
    if (!in_bounds(dst_index, length, to->length)) wasmex_trap(vmctx, WASMEX_TRAP_ARRAY_OUT_OF_BOUNDS);
    if (!in_bounds(src_index, length, from->length)) wasmex_trap(vmctx, WASMEX_TRAP_ARRAY_OUT_OF_BOUNDS);
    uint32_t size = to->rtt->size;
    // Validation makes the element types match; copying between different
    // sizes would read or write past an array, so it traps instead.
    if (from->rtt->size != size) wasmex_trap(vmctx, WASMEX_TRAP_UNREACHABLE);
    if (length > 0) {
        memmove(to->payload + (uint64_t)dst_index * size, from->payload + (uint64_t)src_index * size,
                (uint64_t)length * size);
    }
}

void wasmex_gc_array_init_data(void *vmctx, void *array, uint32_t index, uint32_t data_index, uint32_t offset, uint32_t length) {
    gc_object *object = non_null(vmctx, array);
    if (!in_bounds(index, length, object->length)) wasmex_trap(vmctx, WASMEX_TRAP_ARRAY_OUT_OF_BOUNDS);
    const wasmex_segment *segment = &((wasmex_vmctx *)vmctx)->data_segments[data_index];
    uint32_t size = object->rtt->size;
    uint64_t bytes = (uint64_t)length * size;
    if (!in_bounds(offset, bytes, segment->length)) wasmex_trap(vmctx, WASMEX_TRAP_MEMORY_OUT_OF_BOUNDS);
    if (bytes > 0) memcpy(object->payload + (uint64_t)index * size, (const uint8_t *)segment->items + offset, bytes);
}

void wasmex_gc_array_init_elem(void *vmctx, void *array, uint32_t index, uint32_t elem_index, uint32_t offset, uint32_t length) {
    gc_object *object = non_null(vmctx, array);
    if (!in_bounds(index, length, object->length)) wasmex_trap(vmctx, WASMEX_TRAP_ARRAY_OUT_OF_BOUNDS);
    const wasmex_segment *segment = &((wasmex_vmctx *)vmctx)->elem_segments[elem_index];
    if (!in_bounds(offset, length, segment->length)) wasmex_trap(vmctx, WASMEX_TRAP_TABLE_OUT_OF_BOUNDS);
    uint32_t size = object->rtt->size;
    if (length > 0) copy_words(object->payload + (uint64_t)index * size, size, (const uintptr_t *)segment->items + offset, length);
}
