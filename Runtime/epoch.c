// The epoch counter and its ticker thread. See wasmex_epoch.h.
#define _GNU_SOURCE
#include "wasmex_epoch.h"
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

static volatile uint64_t epoch_counter;
static pthread_once_t ticker_once = PTHREAD_ONCE_INIT;
static int32_t ticker_status = -1;

static void *ticker_main(void *unused) {
    (void)unused;
    struct timespec period = { 0, WASMEX_EPOCH_TICK_MICROS * 1000L };
    for (;;) {
        nanosleep(&period, NULL);
        __atomic_fetch_add(&epoch_counter, 1, __ATOMIC_RELEASE);
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

void wasmex_epoch_set_deadline(uint64_t *deadline, uint64_t value) {
    __atomic_store_n(deadline, value, __ATOMIC_RELEASE);
}
