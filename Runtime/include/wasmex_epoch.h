#ifndef WASMEX_EPOCH_H
#define WASMEX_EPOCH_H
// Interruption (call timeouts, `interrupt()`): a process-wide epoch counter,
// each store's deadline in epochs, and each store's poll page.
//
// One ticker thread, started on first use, increments the counter every
// `WASMEX_EPOCH_TICK_MICROS`. Generated code compiled with epoch checks does
// not compare the counter with the deadline: at loop headers and checked
// function entries it reads a word of its store's poll page, one load and no
// branch. The runtime keeps that page readable while the store's deadline
// lies ahead and makes it inaccessible once the deadline is reached (the
// ticker, on the tick that reaches it; `wasmex_epoch_set_deadline`, when the
// deadline is already due, as `interrupt()` makes it). The read then faults
// and the fault handler (guard.c) turns the fault into the trap
// "interrupted" at that instruction. Host code that blocks (WASI
// `poll_oneoff`, reads) compares the counter with the deadline itself.
#include <stdint.h>

struct wasmex_store_state;

#ifdef __cplusplus
extern "C" {
#endif

/// Period of the ticker thread in microseconds.
#define WASMEX_EPOCH_TICK_MICROS 2000

/// The address of the counter (stable for the process's life).
const volatile uint64_t *wasmex_epoch_counter(void);

/// The current epoch (acquire load).
uint64_t wasmex_epoch_now(void);

/// Starts the ticker thread if it is not running; returns 0 on success.
int32_t wasmex_epoch_start_ticker(void);

/// Gives a new store its poll page (`epoch_poll`): with `interruptible`, a
/// readable page of its own registered with the fault handler; else, or when
/// no page could be mapped (returns -1), a shared page that never faults.
int32_t wasmex_epoch_poll_create(struct wasmex_store_state *state, int32_t interruptible);

/// Releases the store's poll page (when the store is freed; no call runs).
void wasmex_epoch_poll_destroy(struct wasmex_store_state *state);

/// Non-zero when the store has a poll page of its own (can be interrupted).
int32_t wasmex_epoch_poll_usable(const struct wasmex_store_state *state);

/// Sets the store's `epoch_deadline` (UINT64_MAX: never) and its poll page's
/// access to match: inaccessible at once when the deadline is already due,
/// else readable, and made inaccessible by the ticker when it comes. Safe
/// from any thread.
void wasmex_epoch_set_deadline(struct wasmex_store_state *state, uint64_t value);

/// Non-zero when `address` lies in a store's poll page (async-signal-safe).
int32_t wasmex_epoch_poll_contains(uintptr_t address);

#ifdef __cplusplus
}
#endif
#endif
