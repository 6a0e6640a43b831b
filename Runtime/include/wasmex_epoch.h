#ifndef WASMEX_EPOCH_H
#define WASMEX_EPOCH_H
// The process-wide epoch counter used for interruption (call timeouts).
//
// One ticker thread, started on first use, increments the counter every
// `WASMEX_EPOCH_TICK_MICROS`. Generated code compiled with epoch checks reads
// the counter at function entry and on loop back-edges and traps
// "interrupted" once it reaches the store's `epoch_deadline`.
#include <stdint.h>

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

/// Atomically sets `*deadline` (a store's `epoch_deadline`); safe from any thread.
void wasmex_epoch_set_deadline(uint64_t *deadline, uint64_t value);

#ifdef __cplusplus
}
#endif
#endif
