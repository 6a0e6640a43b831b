// Guard-region registry and fault handler. See wasmex_guard.h.
#define _GNU_SOURCE
#include "wasmex_guard.h"
#include "wasmex_invoke.h"
#include "wasmex_trap.h"
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>

/// Regions live in fixed-size chunks linked from `first_chunk`. Chunks are
/// never freed, so the signal handler can walk them without locks: a slot is
/// claimed by a CAS on `start` and published by storing `end`; it is released
/// by clearing `end` then `start`. A reader that sees a half-written slot sees
/// `end == 0` and no match, which is right: no access to a region can fault
/// before its registration returns.
#define SLOTS_PER_CHUNK 1024

typedef struct guard_slot {
    _Atomic uintptr_t start;
    _Atomic uintptr_t end;
} guard_slot;

typedef struct guard_chunk {
    guard_slot slots[SLOTS_PER_CHUNK];
    _Atomic(struct guard_chunk *) next;
} guard_chunk;

static _Atomic(guard_chunk *) first_chunk;
static pthread_once_t handler_once = PTHREAD_ONCE_INIT;
static int handler_status = -1;
static struct sigaction previous_segv;
static struct sigaction previous_bus;

int32_t wasmex_guard_contains(uintptr_t address) {
    for (guard_chunk *chunk = atomic_load(&first_chunk); chunk != NULL; chunk = atomic_load(&chunk->next)) {
        for (int i = 0; i < SLOTS_PER_CHUNK; i++) {
            uintptr_t start = atomic_load_explicit(&chunk->slots[i].start, memory_order_acquire);
            if (start == 0 || address < start) continue;
            uintptr_t end = atomic_load_explicit(&chunk->slots[i].end, memory_order_acquire);
            if (address < end) return 1;
        }
    }
    return 0;
}

/// The faulting instruction and frame pointer of an interrupted context.
static void context_registers(void *context, uintptr_t *pc, uintptr_t *fp) {
    ucontext_t *uc = (ucontext_t *)context;
#if defined(__x86_64__)
    *pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    *fp = (uintptr_t)uc->uc_mcontext.gregs[REG_RBP];
#elif defined(__aarch64__)
    *pc = (uintptr_t)uc->uc_mcontext.pc;
    *fp = (uintptr_t)uc->uc_mcontext.regs[29];
#else
    (void)uc;
    *pc = 0;
    *fp = 0;
#endif
}

/// Hands a fault that is not ours to whoever handled it before.
static void forward(int signal, siginfo_t *info, void *context) {
    struct sigaction *previous = signal == SIGBUS ? &previous_bus : &previous_segv;
    if (previous->sa_flags & SA_SIGINFO) {
        if (previous->sa_sigaction != NULL) {
            previous->sa_sigaction(signal, info, context);
            return;
        }
    } else if (previous->sa_handler != SIG_DFL && previous->sa_handler != SIG_IGN) {
        previous->sa_handler(signal);
        return;
    }
    // Default action: reinstate it and return; the instruction faults again
    // and the process ends the way it would have without us.
    struct sigaction fallback;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(signal, &fallback, NULL);
}

static void handle_fault(int signal, siginfo_t *info, void *context) {
    uintptr_t address = (uintptr_t)info->si_addr;
    if (wasmex_in_invoke() && wasmex_guard_contains(address)) {
        uintptr_t pc = 0, fp = 0;
        context_registers(context, &pc, &fp);
        wasmex_trap_at(WASMEX_TRAP_MEMORY_OUT_OF_BOUNDS, pc, fp);
    }
    forward(signal, info, context);
}

static void install_handler(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = handle_fault;
    // SA_NODEFER: the handler leaves by siglongjmp to a landing point saved
    // without the signal mask, so the signal must not stay blocked.
    action.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGSEGV, &action, &previous_segv) != 0) return;
    if (sigaction(SIGBUS, &action, &previous_bus) != 0) {
        sigaction(SIGSEGV, &previous_segv, NULL);
        return;
    }
    handler_status = 0;
}

static guard_slot *claim_slot(uintptr_t start) {
    _Atomic(guard_chunk *) *link = &first_chunk;
    for (;;) {
        guard_chunk *chunk = atomic_load(link);
        if (chunk == NULL) {
            guard_chunk *fresh = calloc(1, sizeof(guard_chunk));
            if (fresh == NULL) return NULL;
            guard_chunk *expected = NULL;
            if (!atomic_compare_exchange_strong(link, &expected, fresh)) {
                free(fresh);  // another thread appended first; use theirs
            }
            continue;
        }
        for (int i = 0; i < SLOTS_PER_CHUNK; i++) {
            uintptr_t expected = 0;
            if (atomic_compare_exchange_strong(&chunk->slots[i].start, &expected, start)) return &chunk->slots[i];
        }
        link = &chunk->next;
    }
}

int32_t wasmex_guard_register(uintptr_t start, uint64_t length) {
    if (start == 0 || length == 0) return -1;
    pthread_once(&handler_once, install_handler);
    if (handler_status != 0) return -1;
    guard_slot *slot = claim_slot(start);
    if (slot == NULL) return -1;
    atomic_store_explicit(&slot->end, start + length, memory_order_release);
    return 0;
}

void wasmex_guard_unregister(uintptr_t start) {
    for (guard_chunk *chunk = atomic_load(&first_chunk); chunk != NULL; chunk = atomic_load(&chunk->next)) {
        for (int i = 0; i < SLOTS_PER_CHUNK; i++) {
            if (atomic_load(&chunk->slots[i].start) != start) continue;
            atomic_store(&chunk->slots[i].end, 0);
            atomic_store(&chunk->slots[i].start, 0);
            return;
        }
    }
}
