// The explicit symbol table the JIT binds generated code against.
#define _GNU_SOURCE
#include "wasmex_libcalls.h"
#include "wasmex_invoke.h"
#include "wasmex_exceptions.h"
#include "wasmex_gc.h"
#include "wasmex_tier.h"
#include <setjmp.h>
#include <math.h>
#include <string.h>

#define SYMBOL(fn) { #fn, (const void *)&fn }

static const wasmex_symbol symbols[] = {
    SYMBOL(wasmex_trap),
    SYMBOL(wasmex_lib_memory_grow),
    SYMBOL(wasmex_lib_memory_copy),
    SYMBOL(wasmex_lib_memory_fill),
    SYMBOL(wasmex_lib_memory_init),
    SYMBOL(wasmex_lib_data_drop),
    SYMBOL(wasmex_lib_table_grow),
    SYMBOL(wasmex_lib_table_fill),
    SYMBOL(wasmex_lib_table_copy),
    SYMBOL(wasmex_lib_table_init),
    SYMBOL(wasmex_lib_elem_drop),
    SYMBOL(wasmex_lib_func_subtype),
    SYMBOL(wasmex_eh_throw),
    SYMBOL(wasmex_eh_throw_ref),
    SYMBOL(wasmex_eh_throw_pending),
    SYMBOL(wasmex_eh_consumed),
    SYMBOL(wasmex_eh_escape),
    SYMBOL(wasmex_eh_hold),
    SYMBOL(wasmex_eh_unhold),
    // WebAssembly GC: allocation and the array operators (wasmex_gc.h).
    SYMBOL(wasmex_gc_alloc),
    SYMBOL(wasmex_gc_array_new),
    SYMBOL(wasmex_gc_array_new_data),
    SYMBOL(wasmex_gc_array_new_elem),
    SYMBOL(wasmex_gc_array_fill),
    SYMBOL(wasmex_gc_array_copy),
    SYMBOL(wasmex_gc_array_init_data),
    SYMBOL(wasmex_gc_array_init_elem),
    // Tiered code: a first-tier function reports that it is hot (wasmex_tier.h).
    SYMBOL(wasmex_tier_hot),
    SYMBOL(wasmex_tier_resume),
    // A lazy function's stub asks for its code on first call (wasmex_tier.h).
    SYMBOL(wasmex_tier_lazy),
#if defined(__x86_64__) && defined(__ELF__)
    SYMBOL(wasmex_tier_lazy_entry),
#endif
    // try_table entry: saves registers without the signal mask (see wasmex_exceptions.h).
    SYMBOL(_setjmp),
    // libc functions LLVM may lower intrinsics to.
    SYMBOL(memcpy), SYMBOL(memmove), SYMBOL(memset),
    SYMBOL(ceil), SYMBOL(ceilf), SYMBOL(floor), SYMBOL(floorf),
    SYMBOL(trunc), SYMBOL(truncf), SYMBOL(nearbyint), SYMBOL(nearbyintf),
    SYMBOL(rint), SYMBOL(rintf), SYMBOL(roundeven), SYMBOL(roundevenf),
    SYMBOL(sqrt), SYMBOL(sqrtf), SYMBOL(fmod), SYMBOL(fmodf),
    SYMBOL(fmin), SYMBOL(fminf), SYMBOL(fmax), SYMBOL(fmaxf),
    SYMBOL(copysign), SYMBOL(copysignf), SYMBOL(fabs), SYMBOL(fabsf),
};

const wasmex_symbol *wasmex_runtime_symbols(size_t *count) {
    *count = sizeof(symbols) / sizeof(symbols[0]);
    return symbols;
}
