// Guard-region and code-range registries and the fault handler. See wasmex_guard.h.
#define _GNU_SOURCE
#include "wasmex_guard.h"
#include "wasmex_epoch.h"
#include "region_set.h"
#include "wasmex_invoke.h"
#include "wasmex_trap.h"
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <ucontext.h>

static region_set guard_regions;
static region_set code_ranges;
static pthread_once_t handler_once = PTHREAD_ONCE_INIT;
static int handler_status = -1;
static struct sigaction previous_segv;
static struct sigaction previous_bus;

int32_t wasmex_guard_contains(uintptr_t address) { return region_set_contains(&guard_regions, address); }

int32_t wasmex_code_contains(uintptr_t pc) { return region_set_contains(&code_ranges, pc); }

/// The faulting instruction, frame pointer and stack pointer of an interrupted context.
static void context_registers(void *context, uintptr_t *pc, uintptr_t *fp, uintptr_t *sp) {
    ucontext_t *uc = (ucontext_t *)context;
#if defined(__x86_64__)
    *pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    *fp = (uintptr_t)uc->uc_mcontext.gregs[REG_RBP];
    *sp = (uintptr_t)uc->uc_mcontext.gregs[REG_RSP];
#elif defined(__aarch64__)
    *pc = (uintptr_t)uc->uc_mcontext.pc;
    *fp = (uintptr_t)uc->uc_mcontext.regs[29];
    *sp = (uintptr_t)uc->uc_mcontext.sp;
#else
    (void)uc;
    *pc = 0;
    *fp = 0;
    *sp = 0;
#endif
}

/// Ends the process the way `signal`'s default action would: restores the
/// default disposition and delivers the signal again. Only used when the
/// process is going to die anyway, so our handler being gone no longer matters.
static void die_by_default(int signal, const siginfo_t *info) {
    struct sigaction fallback;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(signal, &fallback, NULL);
    if (info->si_code > 0) {
        // A real fault: returning re-executes the faulting instruction, which
        // faults again and ends the process with the original signal and
        // address (so a core dump shows the real crash site).
        return;
    }
    // Sent by kill/tgkill/sigqueue: nothing would re-raise it, so do it here.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, signal);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    raise(signal);
}

/// Hands a signal that is not a Wasm trap to whoever handled it before.
///
/// Our handler stays installed in every case the process survives: a chained
/// handler is called directly, an ignored signal sent by another process is
/// dropped. Only when the default action (termination) applies is the default
/// disposition restored, because that is how the process has to end.
static void forward(int signal, siginfo_t *info, void *context) {
    const struct sigaction *previous = signal == SIGBUS ? &previous_bus : &previous_segv;
    if (previous->sa_flags & SA_SIGINFO) {
        if (previous->sa_sigaction != NULL) {
            previous->sa_sigaction(signal, info, context);
            return;
        }
    } else if (previous->sa_handler == SIG_IGN) {
        // The kernel never lets a real fault be ignored (it would re-fault
        // forever), so only a sent signal is dropped here.
        if (info->si_code <= 0) return;
    } else if (previous->sa_handler != SIG_DFL) {
        previous->sa_handler(signal);
        return;
    }
    die_by_default(signal, info);
}

/// How far below the thread's stack a fault still counts as running off its
/// end: glibc's guard is one page (or the size the thread was created with),
/// the kernel keeps a 1 MiB gap below the main thread's stack, and stack
/// probes touch every page, so the first fault lies within this window.
#define STACK_OVERFLOW_WINDOW (1024 * 1024)

/// Whether `address` lies just below the calling thread's stack.
static int is_stack_overflow(uintptr_t address) {
    uintptr_t low = wasmex_thread_stack_low();
    if (low == 0) return 0;
    uintptr_t window_start = low > STACK_OVERFLOW_WINDOW ? low - STACK_OVERFLOW_WINDOW : 0;
    return address >= window_start && address < low;
}

/// A fault is a Wasm trap only when
///  - the thread is inside `wasmex_invoke` (there is a landing point),
///  - the faulting instruction is generated code (a JIT or AOT object's text),
///    so host code — a host function, the runtime, Swift — that touches a
///    guard region still crashes instead of unwinding through Swift frames,
///  - and the address lies in a registered guard region (out of bounds), in
///    a store's poll page (interrupted: wasmex_epoch.h), or
///    just below the thread's stack (a frame larger than the prologue's
///    estimate ran off the stack: call stack exhausted; the handler runs on
///    the alternate stack `wasmex_invoke` sets up).
static void handle_fault(int signal, siginfo_t *info, void *context) {
    if (info->si_code > 0 && wasmex_in_invoke()) {
        uintptr_t pc = 0, fp = 0, sp = 0;
        context_registers(context, &pc, &fp, &sp);
        uintptr_t address = (uintptr_t)info->si_addr;
        if (wasmex_code_contains(pc)) {
            if (wasmex_guard_contains(address)) wasmex_trap_at(WASMEX_TRAP_MEMORY_OUT_OF_BOUNDS, pc, fp, sp);
            if (wasmex_epoch_poll_contains(address)) wasmex_trap_at(WASMEX_TRAP_INTERRUPTED, pc, fp, sp);
            if (is_stack_overflow(address)) wasmex_trap_at(WASMEX_TRAP_CALL_STACK_EXHAUSTED, pc, fp, sp);
        }
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

int32_t wasmex_guard_register(uintptr_t start, uint64_t length) {
    if (start == 0 || length == 0) return -1;
    pthread_once(&handler_once, install_handler);
    if (handler_status != 0) return -1;
    return region_set_add(&guard_regions, start, length) == 0 ? 0 : -1;
}

void wasmex_guard_unregister(uintptr_t start) { region_set_remove(&guard_regions, start); }

int32_t wasmex_code_register(uintptr_t start, uint64_t length) {
    // Every mode needs the handler once generated code exists, not only
    // guard-page memories: a frame's stack probe faults below the thread's
    // stack, and that fault is the "call stack exhausted" trap.
    pthread_once(&handler_once, install_handler);
    return region_set_add(&code_ranges, start, length) == 0 ? 0 : -1;
}

void wasmex_code_unregister(uintptr_t start) { region_set_remove(&code_ranges, start); }
