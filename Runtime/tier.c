#define _GNU_SOURCE
#include "wasmex_tier.h"
#include "wasmex_invoke.h"
#include "wasmex_trap.h"

#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

void wasmex_tier_publish(void **slot, void *code) {
    __atomic_store_n(slot, code, __ATOMIC_RELEASE);
}

void *wasmex_tier_publish_if_empty(void **slot, void *code) {
    void *expected = NULL;
    if (__atomic_compare_exchange_n(slot, &expected, code, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) return code;
    return expected;
}

void *wasmex_tier_read(void **slot) {
    return __atomic_load_n(slot, __ATOMIC_ACQUIRE);
}

uint32_t wasmex_tier_read_counter(const void *counters, uint32_t index) {
    return __atomic_load_n((const uint32_t *)counters + index, __ATOMIC_RELAXED);
}

static wasmex_tier_hot_handler hot_handler;

void wasmex_tier_set_hot_handler(wasmex_tier_hot_handler handler) {
    __atomic_store_n(&hot_handler, handler, __ATOMIC_RELEASE);
}

void wasmex_tier_hot(void **tiers, uint32_t index) {
    wasmex_tier_hot_handler handler = __atomic_load_n(&hot_handler, __ATOMIC_ACQUIRE);
    if (handler) handler(tiers, index);
}

static wasmex_tier_resume_handler resume_handler;

void wasmex_tier_set_resume_handler(wasmex_tier_resume_handler handler) {
    __atomic_store_n(&resume_handler, handler, __ATOMIC_RELEASE);
}

void wasmex_tier_resume(void **tiers, void **osr_slot, uint32_t index) {
    void *expected = WASMEX_TIER_OSR_WANTED;
    // Only the thread that takes the slot from "wanted" to empty asks.
    if (!__atomic_compare_exchange_n(osr_slot, &expected, NULL, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) return;
    wasmex_tier_resume_handler handler = __atomic_load_n(&resume_handler, __ATOMIC_ACQUIRE);
    if (handler) handler(tiers, index);
}

static wasmex_tier_lazy_handler lazy_handler;

void wasmex_tier_set_lazy_handler(wasmex_tier_lazy_handler handler) {
    __atomic_store_n(&lazy_handler, handler, __ATOMIC_RELEASE);
}

void *wasmex_tier_lazy(void *vmctx, void **tiers, uint32_t index) {
    void *code = __atomic_load_n(&tiers[index], __ATOMIC_ACQUIRE);
    if (code) return code;
    wasmex_tier_lazy_handler handler = __atomic_load_n(&lazy_handler, __ATOMIC_ACQUIRE);
    if (handler) code = handler(tiers, index);
    if (!code) wasmex_trap(vmctx, WASMEX_TRAP_COMPILE_FAILED);
    return code;
}

static pthread_mutex_t compile_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t compile_done = PTHREAD_COND_INITIALIZER;
static int running_compiles;   // guarded by compile_mutex
static int exiting;            // guarded by compile_mutex
static pthread_once_t exit_handler_once = PTHREAD_ONCE_INIT;

static void wait_for_compiles_at_exit(int status, void *unused) {
    (void)unused;
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += WASMEX_TIER_EXIT_WAIT_MS / 1000;
    deadline.tv_nsec += (long)(WASMEX_TIER_EXIT_WAIT_MS % 1000) * 1000000L;
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_sec += 1;
        deadline.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&compile_mutex);
    exiting = 1;
    while (running_compiles > 0) {
        if (pthread_cond_timedwait(&compile_done, &compile_mutex, &deadline) != 0) break;
    }
    int still_running = running_compiles;
    pthread_mutex_unlock(&compile_mutex);
    if (still_running > 0) {
        fflush(NULL);
        _exit(status);
    }
}

static void install_exit_handler(void) {
    on_exit(wait_for_compiles_at_exit, NULL);
}

int wasmex_tier_compile_begin(void) {
    pthread_once(&exit_handler_once, install_exit_handler);
    pthread_mutex_lock(&compile_mutex);
    int allowed = !exiting;
    if (allowed) running_compiles += 1;
    pthread_mutex_unlock(&compile_mutex);
    return allowed;
}

void wasmex_tier_compile_end(void) {
    pthread_mutex_lock(&compile_mutex);
    running_compiles -= 1;
    pthread_cond_broadcast(&compile_done);
    pthread_mutex_unlock(&compile_mutex);
}

int wasmex_tier_usable_cpus(void) {
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    int count = online > 0 ? (int)online : 1;
#ifdef __linux__
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) == 0) {
        int allowed = CPU_COUNT(&set);
        if (allowed > 0 && allowed < count) count = allowed;
    }
#endif
    return count;
}

int wasmex_tier_current_cpu(void) {
#ifdef __linux__
    return sched_getcpu();
#else
    return -1;
#endif
}

int wasmex_tier_leave_cpu(int cpu) {
#ifdef __linux__
    if (cpu < 0 || sched_getcpu() != cpu) return 0;
    cpu_set_t allowed, elsewhere;
    CPU_ZERO(&allowed);
    if (sched_getaffinity(0, sizeof allowed, &allowed) != 0) return 0;
    elsewhere = allowed;
    CPU_CLR(cpu, &elsewhere);
    if (CPU_COUNT(&elsewhere) == 0) return 0;
    if (sched_setaffinity(0, sizeof elsewhere, &elsewhere) != 0) return 0;
    (void)sched_setaffinity(0, sizeof allowed, &allowed);
    return 1;
#else
    (void)cpu;
    return 0;
#endif
}
