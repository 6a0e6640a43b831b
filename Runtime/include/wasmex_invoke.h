#ifndef WASMEX_INVOKE_H
#define WASMEX_INVOKE_H
// Entering generated code and leaving it by a trap.
//
// `wasmex_invoke` sets a (thread-local, nestable) landing point with
// sigsetjmp, installs the thread's stack limit into the store state and calls
// a per-signature entry trampoline. Generated code and libcalls leave through
// `wasmex_trap`, which siglongjmps back to the innermost landing point; only
// generated code and C frames lie in between (host functions report errors by
// returning a status instead of trapping from Swift).
#include <stddef.h>
#include <stdint.h>
#include "wasmex_vmctx.h"

#ifdef __cplusplus
extern "C" {
#endif

/// A per-signature entry trampoline: reads the arguments from `slots`, calls
/// `code(callee_vmctx, NULL, args...)` and writes the results back to `slots`.
typedef void (*wasmex_entry_fn)(void *callee_vmctx, void *code, uint64_t *slots);

/// Calls `entry(callee_vmctx, code, slots)` under a trap landing point.
/// Returns WASMEX_TRAP_NONE (0) on normal return or the trap code.
uint32_t wasmex_invoke(wasmex_store_state *store, const void *entry,
                       void *callee_vmctx, const void *code, uint64_t *slots);

/// Leaves generated code with a trap; never returns. Must only be reached
/// while a `wasmex_invoke` is active on the current thread (else it aborts).
_Noreturn void wasmex_trap(void *vmctx, uint32_t code);

/// Leaves generated code with a trap raised by a signal handler (a fault in
/// a guard region): records `pc` (the faulting instruction) and the frames
/// reached from `fp`, then jumps to the innermost landing point. `sp` is the
/// interrupted stack pointer: no frame record lies below it, so a frame
/// pointer below it (or above the landing frame) ends the walk. The faulting
/// code need not have set up its own frame yet: LLVM's shrink-wrapping may
/// place an optimised function's prologue after its first instructions (kept
/// on purpose: without it fib2 ran 5-22 % slower, docs/bench/stop32-shrink-wrap.log).
/// The frame pointer is then its caller's — the backtrace names the faulting
/// function and goes on from its caller's caller — or, when the caller is an
/// entry trampoline, whatever C code left there. Must only be reached while a
/// `wasmex_invoke` is active on the current thread.
_Noreturn void wasmex_trap_at(uint32_t code, uintptr_t pc, uintptr_t fp, uintptr_t sp);

/// The most return addresses a trap records.
#define WASMEX_MAX_TRAP_FRAMES 64

/// Copies the return addresses recorded by the last trap on the calling
/// thread (innermost first, at most `capacity`) to `out`; returns the count.
/// The walk follows frame pointers from the trap site up to the landing
/// frame, so it includes runtime and trampoline addresses the caller filters.
size_t wasmex_trap_backtrace(uintptr_t *out, size_t capacity);

/// Non-zero when the first address of the last trap's backtrace is the
/// faulting instruction itself (a trap raised by a signal through
/// `wasmex_trap_at`), zero when every address is a return address.
int32_t wasmex_trap_backtrace_starts_at_pc(void);

/// The lowest stack address generated code may reach on the calling thread
/// (its real stack bottom plus a safety margin for host code and the runtime).
uintptr_t wasmex_thread_stack_limit(void);

/// The lowest usable address of the calling thread's stack, as read by
/// `wasmex_thread_stack_limit` (0 before that or when unknown). Below it lies
/// the guard page; async-signal-safe.
uintptr_t wasmex_thread_stack_low(void);

/// Non-zero while the current thread is inside `wasmex_invoke`.
int32_t wasmex_in_invoke(void);

#ifdef __cplusplus
}
#endif
#endif
