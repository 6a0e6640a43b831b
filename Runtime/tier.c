#include "wasmex_tier.h"

void wasmex_tier_publish(void **slot, void *code) {
    __atomic_store_n(slot, code, __ATOMIC_RELEASE);
}

void *wasmex_tier_read(void **slot) {
    return __atomic_load_n(slot, __ATOMIC_ACQUIRE);
}
