// Trap landing points and the thread's stack limit. See wasmex_invoke.h.
#define _GNU_SOURCE
#include "wasmex_invoke.h"
#include "altstack.h"
#include "invoke_stack.h"
#include "wasmex_trap.h"
#include "wasmex_exceptions.h"
#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct wasmex_landing {
    sigjmp_buf buf;
    struct wasmex_landing *previous;
    /// wasmex_invoke's frame: the upper bound of a trap's frame-pointer walk.
    uintptr_t frame;
} wasmex_landing;

/// Return addresses collected by the last trap on this thread (innermost first).
static _Thread_local uintptr_t trap_frames[WASMEX_MAX_TRAP_FRAMES];
static _Thread_local size_t trap_frame_count;
/// Whether trap_frames[0] is a faulting pc (signal) rather than a return address.
static _Thread_local int32_t trap_first_is_pc;

static _Thread_local wasmex_landing *current_landing;
static _Thread_local uintptr_t cached_stack_limit;
/// The lowest usable address of this thread's stack (0 when unknown).
static _Thread_local uintptr_t cached_stack_low;

/// Room left below the limit for host callbacks, the runtime and libc.
static const uintptr_t max_margin = 256 * 1024;
/// Assumed stack when the thread's bounds cannot be read.
static const uintptr_t fallback_stack = 1024 * 1024;

static uintptr_t compute_stack_limit(void) {
    uintptr_t here = (uintptr_t)__builtin_frame_address(0);
    pthread_attr_t attr;
    void *low = NULL;
    size_t size = 0;
    int ok = pthread_getattr_np(pthread_self(), &attr) == 0;
    if (ok) {
        ok = pthread_attr_getstack(&attr, &low, &size) == 0;
        pthread_attr_destroy(&attr);
    }
    if (!ok || low == NULL || size == 0 || here < (uintptr_t)low || here > (uintptr_t)low + size) {
        return here > fallback_stack ? here - fallback_stack : 0;
    }
    uintptr_t margin = size / 4 < max_margin ? size / 4 : max_margin;
    cached_stack_low = (uintptr_t)low;
    return (uintptr_t)low + margin;
}

uintptr_t wasmex_thread_stack_limit(void) {
    if (cached_stack_limit == 0) cached_stack_limit = compute_stack_limit();
    return cached_stack_limit;
}

int32_t wasmex_in_invoke(void) { return current_landing != NULL; }

uintptr_t wasmex_invoke_outermost_frame(void) {
    // Nested invokes (Wasm -> host -> Wasm) chain their landings; the first
    // one's frame bounds all of them.
    const wasmex_landing *landing = current_landing;
    if (landing == NULL) return 0;
    while (landing->previous != NULL) landing = landing->previous;
    return landing->frame;
}

uintptr_t wasmex_thread_stack_low(void) { return cached_stack_low; }

/// After a trap: drops the holds of the legacy catch blocks the trap left
/// (hold records still on this call's handler chain, see wasmex_exceptions.h),
/// freeing what nothing else owns. The records are in the frames the trap
/// left, whose stack the next call from here reuses: they are all read first,
/// with no call in between (hence always inlined), and the exceptions to free
/// are linked through `next_escaped` (unused while not escaped) and freed after.
static inline __attribute__((always_inline)) void drop_trapped_holds(wasmex_store_state *store) {
    wasmex_exception *unowned = NULL;
    for (void **record = store->eh_handlers; record != NULL; record = record[0]) {
        wasmex_exception *exception = record[WASMEX_HANDLER_HELD_OFFSET / sizeof(void *)];
        if (exception == NULL) continue;
        exception->held -= 1;
        if (exception->held == 0 && !exception->escaped && exception != store->eh_exception) {
            exception->next_escaped = unowned;
            unowned = exception;
        }
    }
    store->eh_handlers = NULL;
    while (unowned != NULL) {
        wasmex_exception *next = unowned->next_escaped;
        unowned->next_escaped = NULL;
        wasmex_eh_release(store, unowned);
        unowned = next;
    }
}

uint32_t wasmex_invoke(wasmex_store_state *store, const void *entry,
                       void *callee_vmctx, const void *code, uint64_t *slots) {
    wasmex_landing landing;
    landing.previous = current_landing;
    landing.frame = (uintptr_t)__builtin_frame_address(0);
    uintptr_t saved_limit = store->stack_limit;
    // try_table handlers of an outer call are out of reach: an exception this
    // call does not catch ends it (WASMEX_TRAP_UNCAUGHT_EXCEPTION) and the host
    // decides whether to throw it on.
    void *saved_handlers = store->eh_handlers;
    store->eh_handlers = NULL;
    uintptr_t limit = wasmex_thread_stack_limit();
    // The fault handler needs a stack of its own to report an overflow of
    // this one (a frame bigger than the prologue's estimate runs into the
    // guard page below the stack; stack probes make sure it cannot skip it).
    wasmex_ensure_alt_stack();
    if (store->max_wasm_stack != 0) {
        uintptr_t here = (uintptr_t)__builtin_frame_address(0);
        uintptr_t bounded = here > store->max_wasm_stack ? here - store->max_wasm_stack : 0;
        if (bounded > limit) limit = bounded;
    }
    // A re-entrant call (host function calling Wasm) stays within the outer call's bound.
    if (saved_limit > limit) limit = saved_limit;
    store->stack_limit = limit;
    volatile uint32_t result = WASMEX_TRAP_NONE;
    current_landing = &landing;
    int jumped = sigsetjmp(landing.buf, 0);
    if (jumped == 0) {
        ((wasmex_entry_fn)entry)(callee_vmctx, (void *)code, slots);
    } else {
        result = (uint32_t)jumped;
        drop_trapped_holds(store);
    }
    current_landing = landing.previous;
    store->stack_limit = saved_limit;
    store->eh_handlers = saved_handlers;
    return result;
}

/// Walks the frame-pointer chain from `fp` up to (not beyond) the landing
/// frame `top`, recording return addresses; `first_pc`, when non-zero, is
/// recorded first (the faulting instruction of a signal). Every dereference
/// stays inside [low, top], where `low` is the lowest address a frame record
/// of this walk can have (the interrupted stack pointer, or the walker's own
/// frame); the walk stops on a frame pointer outside that range, misaligned
/// or not increasing. `skip_first` drops the first frame's return address
/// (the recording helper's own caller inside the runtime).
static void record_frames_from(uintptr_t fp, uintptr_t low, uintptr_t top, uintptr_t first_pc, int skip_first) {
    uintptr_t first = fp;
    size_t count = 0;
    trap_first_is_pc = first_pc != 0;
    if (first_pc != 0) trap_frames[count++] = first_pc;
    while (count < WASMEX_MAX_TRAP_FRAMES) {
        if (fp < low || fp % sizeof(uintptr_t) != 0 || top < 2 * sizeof(uintptr_t)
            || fp > top - 2 * sizeof(uintptr_t)) {
            break;
        }
        const uintptr_t *frame = (const uintptr_t *)fp;
        uintptr_t next = frame[0];
        uintptr_t ret = frame[1];
        if (!(skip_first && fp == first) && ret != 0) trap_frames[count++] = ret;
        if (next <= fp) break;
        fp = next;
    }
    trap_frame_count = count;
}

__attribute__((noinline))
static void record_trap_frames(uintptr_t top) {
    // Skip this helper's own return address (into wasmex_trap).
    uintptr_t here = (uintptr_t)__builtin_frame_address(0);
    record_frames_from(here, here, top, 0, 1);
}

size_t wasmex_trap_backtrace(uintptr_t *out, size_t capacity) {
    size_t count = trap_frame_count < capacity ? trap_frame_count : capacity;
    for (size_t i = 0; i < count; i++) out[i] = trap_frames[i];
    return count;
}

int32_t wasmex_trap_backtrace_starts_at_pc(void) { return trap_first_is_pc; }

_Noreturn void wasmex_trap(void *vmctx, uint32_t code) {
    (void)vmctx;
    wasmex_landing *landing = current_landing;
    if (landing == NULL) {
        fprintf(stderr, "wasmex: trap %u outside of wasmex_invoke\n", code);
        abort();
    }
    record_trap_frames(landing->frame);
    siglongjmp(landing->buf, code == 0 ? WASMEX_TRAP_UNREACHABLE : (int)code);
}

_Noreturn void wasmex_trap_at(uint32_t code, uintptr_t pc, uintptr_t fp, uintptr_t sp) {
    wasmex_landing *landing = current_landing;
    if (landing == NULL) {
        fprintf(stderr, "wasmex: trap %u outside of wasmex_invoke\n", code);
        abort();
    }
    record_frames_from(fp, sp, landing->frame, pc, 0);
    siglongjmp(landing->buf, code == 0 ? WASMEX_TRAP_UNREACHABLE : (int)code);
}
