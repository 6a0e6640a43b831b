// Per-thread alternate signal stacks. See altstack.h.
#define _GNU_SOURCE
#include "altstack.h"
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>

/// 64 KiB: the handler walks at most a bounded number of frames and then
/// leaves by siglongjmp; a chained handler (e.g. a crash reporter) gets the
/// rest. One inaccessible page below catches an overflow of the alt stack.
#define ALT_STACK_SIZE (64 * 1024)
#define ALT_GUARD_SIZE 4096

/// 1 once this thread has an alternate stack (its own or ours).
static _Thread_local int thread_ready;
static pthread_key_t release_key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;
static int key_status = -1;

/// At thread exit: stop using our stack, then unmap it (only if it is still
/// the thread's alternate stack; someone may have replaced it).
static void release_alt_stack(void *mapping) {
    stack_t current;
    if (sigaltstack(NULL, &current) != 0) return;  // cannot tell: leak rather than unmap a live stack
    if (current.ss_sp == (char *)mapping + ALT_GUARD_SIZE && !(current.ss_flags & SS_DISABLE)) {
        if (current.ss_flags & SS_ONSTACK) return;  // running on it: leak rather than unmap it
        stack_t disable = {.ss_sp = NULL, .ss_flags = SS_DISABLE, .ss_size = 0};
        if (sigaltstack(&disable, NULL) != 0) return;
    }
    munmap(mapping, ALT_STACK_SIZE + ALT_GUARD_SIZE);
}

static void make_key(void) { key_status = pthread_key_create(&release_key, release_alt_stack); }

int wasmex_ensure_alt_stack(void) {
    if (thread_ready) return 0;
    stack_t current;
    if (sigaltstack(NULL, &current) != 0) return -1;
    if (!(current.ss_flags & SS_DISABLE)) {
        thread_ready = 1;  // the thread's owner set one up: keep it
        return 0;
    }
    pthread_once(&key_once, make_key);
    if (key_status != 0) return -1;
    void *mapping = mmap(NULL, ALT_STACK_SIZE + ALT_GUARD_SIZE, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (mapping == MAP_FAILED) return -1;
    mprotect(mapping, ALT_GUARD_SIZE, PROT_NONE);
    stack_t stack = {.ss_sp = (char *)mapping + ALT_GUARD_SIZE, .ss_flags = 0, .ss_size = ALT_STACK_SIZE};
    if (sigaltstack(&stack, NULL) != 0) {
        munmap(mapping, ALT_STACK_SIZE + ALT_GUARD_SIZE);
        return -1;
    }
    pthread_setspecific(release_key, mapping);
    thread_ready = 1;
    return 0;
}
