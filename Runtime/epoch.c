// The epoch counter, its ticker thread, and the stores' poll pages. See wasmex_epoch.h.
#define _GNU_SOURCE
#include "wasmex_epoch.h"
#include "region_set.h"
#include "wasmex_vmctx.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

static volatile uint64_t epoch_counter;
static pthread_once_t ticker_once = PTHREAD_ONCE_INIT;
static int32_t ticker_status = -1;

/// What a store without a poll page of its own reads: never protected.
static const uint32_t never_faults[16] __attribute__((aligned(64)));

/// The poll pages, for the fault handler.
static region_set poll_pages;

/// The stores with a deadline (not UINT64_MAX), for the ticker; guarded by
/// `armed_lock`, which also serialises every change of a page's protection.
typedef struct armed_store {
    wasmex_store_state *state;
    int tripped;   ///< its page is inaccessible
} armed_store;
static pthread_mutex_t armed_lock = PTHREAD_MUTEX_INITIALIZER;
static armed_store *armed;
static size_t armed_count, armed_capacity;

static size_t page_size(void) {
    long size = sysconf(_SC_PAGESIZE);
    return size > 0 ? (size_t)size : 4096;
}

static void *page_of(const wasmex_store_state *state) { return (void *)(uintptr_t)state->epoch_poll; }

static int owns_page(const wasmex_store_state *state) {
    return state->epoch_poll != NULL && (const void *)state->epoch_poll != (const void *)never_faults;
}

/// Trips or re-opens `entry`'s page to match `due` (with `armed_lock` held).
static void set_tripped(armed_store *entry, int due) {
    if (entry->tripped == due) return;
    if (mprotect(page_of(entry->state), page_size(), due ? PROT_NONE : PROT_READ) == 0) entry->tripped = due;
}

/// Trips the page of every armed store whose deadline `now` has reached.
static void trip_due_stores(uint64_t now) {
    pthread_mutex_lock(&armed_lock);
    for (size_t i = 0; i < armed_count; i++) {
        if (__atomic_load_n(&armed[i].state->epoch_deadline, __ATOMIC_ACQUIRE) <= now) set_tripped(&armed[i], 1);
    }
    pthread_mutex_unlock(&armed_lock);
}

static void *ticker_main(void *unused) {
    (void)unused;
    struct timespec period = { 0, WASMEX_EPOCH_TICK_MICROS * 1000L };
    for (;;) {
        nanosleep(&period, NULL);
        uint64_t now = __atomic_add_fetch(&epoch_counter, 1, __ATOMIC_RELEASE);
        // Racy read of the count: a store armed just now is looked at next tick.
        if (__atomic_load_n(&armed_count, __ATOMIC_RELAXED) != 0) trip_due_stores(now);
    }
    return NULL;
}

static void start_ticker(void) {
    pthread_attr_t attr;
    if (pthread_attr_init(&attr) != 0) return;
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    pthread_t thread;
    ticker_status = pthread_create(&thread, &attr, ticker_main, NULL) == 0 ? 0 : -1;
    pthread_attr_destroy(&attr);
}

const volatile uint64_t *wasmex_epoch_counter(void) { return &epoch_counter; }

uint64_t wasmex_epoch_now(void) { return __atomic_load_n(&epoch_counter, __ATOMIC_ACQUIRE); }

int32_t wasmex_epoch_start_ticker(void) {
    pthread_once(&ticker_once, start_ticker);
    return ticker_status;
}

int32_t wasmex_epoch_poll_create(wasmex_store_state *state, int32_t interruptible) {
    state->epoch_poll = never_faults;
    if (!interruptible) return 0;
    size_t size = page_size();
    void *page = mmap(NULL, size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED) return -1;
    if (region_set_add(&poll_pages, (uintptr_t)page, size) != 0) {
        munmap(page, size);
        return -1;
    }
    state->epoch_poll = page;
    return 0;
}

void wasmex_epoch_poll_destroy(wasmex_store_state *state) {
    wasmex_epoch_set_deadline(state, UINT64_MAX);
    if (owns_page(state)) {
        region_set_remove(&poll_pages, (uintptr_t)page_of(state));
        munmap(page_of(state), page_size());
    }
    state->epoch_poll = never_faults;
}

int32_t wasmex_epoch_poll_usable(const wasmex_store_state *state) { return owns_page(state); }

void wasmex_epoch_set_deadline(wasmex_store_state *state, uint64_t value) {
    pthread_mutex_lock(&armed_lock);
    __atomic_store_n(&state->epoch_deadline, value, __ATOMIC_RELEASE);
    size_t index = 0;
    while (index < armed_count && armed[index].state != state) index++;
    if (value == UINT64_MAX) {
        if (index < armed_count) {
            set_tripped(&armed[index], 0);
            armed[index] = armed[armed_count - 1];
            __atomic_store_n(&armed_count, armed_count - 1, __ATOMIC_RELAXED);
        }
    } else if (owns_page(state)) {
        if (index == armed_count) {
            if (armed_count == armed_capacity) {
                size_t capacity = armed_capacity ? armed_capacity * 2 : 16;
                armed_store *grown = realloc(armed, capacity * sizeof *grown);
                if (grown == NULL) {
                    // Cannot arm: the deadline still stops blocking host calls.
                    pthread_mutex_unlock(&armed_lock);
                    return;
                }
                armed = grown;
                armed_capacity = capacity;
            }
            armed[index] = (armed_store){ state, 0 };
            __atomic_store_n(&armed_count, armed_count + 1, __ATOMIC_RELAXED);
        }
        set_tripped(&armed[index], value <= wasmex_epoch_now());
    }
    pthread_mutex_unlock(&armed_lock);
}

int32_t wasmex_epoch_poll_contains(uintptr_t address) { return region_set_contains(&poll_pages, address); }
