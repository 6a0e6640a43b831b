#ifndef WASMEX_LIBCALLS_H
#define WASMEX_LIBCALLS_H
// Functions called by generated code for operators that are not inlined:
// memory.grow and the bulk memory / table operators. They check bounds with
// the spec's rules (nothing is written when a check fails) and trap through
// `wasmex_trap`, so they must only run inside `wasmex_invoke`.
#include <stdint.h>
#include "wasmex_vmctx.h"

#ifdef __cplusplus
extern "C" {
#endif

/// Addresses, sizes and deltas are u64 for every memory and table: generated
/// code zero-extends a 32-bit memory's or table's operands (and truncates the
/// grow results), so one entry point serves both address types.
/// memory.grow: old size in pages, or -1.
int64_t wasmex_lib_memory_grow(wasmex_vmctx *vmctx, uint32_t memory, uint64_t delta);
void wasmex_lib_memory_copy(wasmex_vmctx *vmctx, uint32_t dst_memory, uint32_t src_memory,
                            uint64_t dst, uint64_t src, uint64_t count);
void wasmex_lib_memory_fill(wasmex_vmctx *vmctx, uint32_t memory, uint64_t dst, uint32_t value, uint64_t count);
void wasmex_lib_memory_init(wasmex_vmctx *vmctx, uint32_t memory, uint32_t segment,
                            uint64_t dst, uint32_t src, uint32_t count);
void wasmex_lib_data_drop(wasmex_vmctx *vmctx, uint32_t segment);
/// table.grow: old length, or -1.
int64_t wasmex_lib_table_grow(wasmex_vmctx *vmctx, uint32_t table, uintptr_t init, uint64_t delta);
void wasmex_lib_table_fill(wasmex_vmctx *vmctx, uint32_t table, uint64_t dst, uintptr_t value, uint64_t count);
void wasmex_lib_table_copy(wasmex_vmctx *vmctx, uint32_t dst_table, uint32_t src_table,
                           uint64_t dst, uint64_t src, uint64_t count);
void wasmex_lib_table_init(wasmex_vmctx *vmctx, uint32_t table, uint32_t segment,
                           uint64_t dst, uint32_t src, uint32_t count);
void wasmex_lib_elem_drop(wasmex_vmctx *vmctx, uint32_t segment);

/// A runtime symbol the JIT (or an AOT loader) binds generated code to.
typedef struct wasmex_symbol {
    const char *name;
    const void *address;
} wasmex_symbol;

/// Every symbol generated code may reference: the runtime entry points above,
/// `wasmex_trap`, and the libc functions LLVM lowers intrinsics to.
const wasmex_symbol *wasmex_runtime_symbols(size_t *count);

/// Whether a function of canonical type `actual` may be used where `expected`
/// is required (declared subtyping; the ids already differ). Non-zero for yes.
int32_t wasmex_lib_func_subtype(void *vmctx, uint32_t actual, uint32_t expected);

#ifdef __cplusplus
}
#endif
#endif
