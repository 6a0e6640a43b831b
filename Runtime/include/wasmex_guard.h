#ifndef WASMEX_GUARD_H
#define WASMEX_GUARD_H
// Guard regions of guard-page memories and the fault handler that turns an
// access into one of them into the out-of-bounds trap.
//
// A guard-page memory reserves WASMEX_GUARDED_RESERVATION bytes of address
// space: 4 GiB a 32-bit memory can address, 4 GiB more so that any
// `zext(addr) + offset` (offset < 2^32) stays inside, and one page for the
// access size. Generated code for such memories has no bounds checks; bytes
// past the memory's length are PROT_NONE, so a stray access faults.
//
// The SIGSEGV/SIGBUS handler (installed once, on the first registration)
// traps only when the faulting thread is inside `wasmex_invoke`, the faulting
// instruction lies in registered generated code (the loader registers each
// object's executable sections) and the address lies in a registered guard
// region. Any other fault goes to the handler that was installed before (or
// the default action), so host crashes stay crashes; the handler stays
// installed whenever the process survives the forwarded signal.
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Address space one guard-page memory reserves (8 GiB + 64 KiB).
#define WASMEX_GUARDED_RESERVATION ((8ull << 30) + 65536ull)

/// Records [start, start + length) as a guard region; installs the fault
/// handler on first use. Returns 0 on success, -1 if the handler cannot be
/// installed or no slot can be allocated.
int32_t wasmex_guard_register(uintptr_t start, uint64_t length);

/// Forgets the region that starts at `start` (before it is unmapped).
void wasmex_guard_unregister(uintptr_t start);

/// Non-zero when `address` lies in a registered guard region (async-signal-safe).
int32_t wasmex_guard_contains(uintptr_t address);

/// Records [start, start + length) as generated code (a loaded object's
/// executable section): faults there may become traps. Returns 0 or -1.
int32_t wasmex_code_register(uintptr_t start, uint64_t length);

/// Forgets the code range that starts at `start` (before the code is freed).
void wasmex_code_unregister(uintptr_t start);

/// Non-zero when `pc` lies in registered generated code (async-signal-safe).
int32_t wasmex_code_contains(uintptr_t pc);

#ifdef __cplusplus
}
#endif
#endif
