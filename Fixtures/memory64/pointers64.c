// A freestanding wasm64 program (memory64): pointers and size_t are 64 bits, and
// memory.size/memory.grow count pages in i64. Built by build.sh; run with
//   wasmex run --invoke <function> Fixtures/memory64/pointers64.wasm <args>
#include <stddef.h>
#include <stdint.h>

#define PAGE_SIZE 65536ull

extern unsigned char __heap_base;
static uint8_t *heap_top;

/// Bump allocation, growing the memory when the heap runs past its end.
static void *allocate(uint64_t bytes) {
    if (heap_top == NULL) heap_top = &__heap_base;
    uint8_t *start = (uint8_t *)(((uintptr_t)heap_top + 15) & ~(uintptr_t)15);
    uint64_t end = (uintptr_t)start + bytes;
    uint64_t have = __builtin_wasm_memory_size(0) * PAGE_SIZE;
    if (end > have) {
        uint64_t pages = (end - have + PAGE_SIZE - 1) / PAGE_SIZE;
        if (__builtin_wasm_memory_grow(0, pages) == (size_t)-1) return NULL;
    }
    heap_top = (uint8_t *)end;
    return start;
}

/// sizeof(void *): 8 on wasm64.
uint64_t pointer_size(void) { return sizeof(void *); }

typedef struct Node {
    struct Node *next;
    uint64_t value;
} Node;

/// Builds a linked list of `count` nodes holding i*i and sums it by following pointers.
uint64_t list_sum(uint32_t count) {
    Node *head = NULL;
    for (uint32_t i = 0; i < count; i++) {
        Node *node = allocate(sizeof(Node));
        if (node == NULL) return 0;
        node->value = (uint64_t)i * i;
        node->next = head;
        head = node;
    }
    uint64_t sum = 0;
    for (Node *n = head; n != NULL; n = n->next) sum += n->value;
    return sum;
}

/// The number of primes below `limit` (a sieve in freshly allocated memory).
uint64_t count_primes(uint64_t limit) {
    uint8_t *composite = allocate(limit);
    if (composite == NULL) return 0;
    for (uint64_t i = 0; i < limit; i++) composite[i] = 0;
    uint64_t count = 0;
    for (uint64_t i = 2; i < limit; i++) {
        if (composite[i]) continue;
        count++;
        for (uint64_t j = i * i; j < limit; j += i) composite[j] = 1;
    }
    return count;
}

/// Grows the memory until `address + 8` is inside it, stores `value` there through a
/// 64-bit pointer and reads it back; 0 if the memory cannot grow that far.
uint64_t store_at(uint64_t address, uint64_t value) {
    uint64_t have = __builtin_wasm_memory_size(0) * PAGE_SIZE;
    if (address + 8 > have) {
        uint64_t pages = (address + 8 - have + PAGE_SIZE - 1) / PAGE_SIZE;
        if (__builtin_wasm_memory_grow(0, pages) == (size_t)-1) return 0;
    }
    volatile uint64_t *slot = (volatile uint64_t *)(uintptr_t)address;
    *slot = value;
    return *slot;
}

/// The memory's size in pages.
uint64_t pages(void) { return __builtin_wasm_memory_size(0); }
