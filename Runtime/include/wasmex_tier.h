#ifndef WASMEX_TIER_H
#define WASMEX_TIER_H
// Publishing second-tier code into a first-tier object's tier table.
//
// First-tier functions load their slot atomically at every entry; the
// runtime stores each optimised function's address once, from the thread
// that finished compiling it, while other threads may be running the code.
#ifdef __cplusplus
extern "C" {
#endif

/// Atomically (release) stores `code` into `*slot`.
void wasmex_tier_publish(void **slot, void *code);

/// The value of `*slot` (acquire load).
void *wasmex_tier_read(void **slot);

#ifdef __cplusplus
}
#endif
#endif
