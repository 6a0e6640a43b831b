#ifndef WASMEX_TIER_H
#define WASMEX_TIER_H
// Tiered compilation support: publishing second-tier code into a first-tier
// object's tier table, and keeping process exit away from running compiles.
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Atomically (release) stores `code` into `*slot`.
void wasmex_tier_publish(void **slot, void *code);

/// Atomically stores `code` into `*slot` if the slot is still null; returns
/// what the slot holds afterwards (`code`, or the code published first).
void *wasmex_tier_publish_if_empty(void **slot, void *code);

/// The value of `*slot` (acquire load).
void *wasmex_tier_read(void **slot);

/// Hotness counter `index` of a module's `wasm_hotness` table (a relaxed
/// load: first-tier code updates the counters without synchronisation).
uint32_t wasmex_tier_read_counter(const void *counters, uint32_t index);

/// What the engine does when first-tier code reports a hot function: `tiers`
/// is the module's tier table (it identifies the module), `index` the defined
/// function's index.
typedef void (*wasmex_tier_hot_handler)(void **tiers, uint32_t index);

/// Installs the hot-function handler (once, by the engine).
void wasmex_tier_set_hot_handler(wasmex_tier_hot_handler handler);

/// Called by first-tier code, once, when a function's counter (calls plus
/// loop iterations) reaches the hotness threshold. Returns at once: the
/// handler only queues the function's optimised compilation.
void wasmex_tier_hot(void **tiers, uint32_t index);

/// What a function's `wasm_osr` slot holds once its optimised code is
/// published without an on-stack-replacement entry: first-tier code still
/// looping in the function then asks for the entry (`wasmex_tier_resume`).
#define WASMEX_TIER_OSR_WANTED ((void *)1)

/// What the engine does when first-tier code asks for a function's
/// on-stack-replacement entry: `tiers` identifies the module, `index` is the
/// defined function's index.
typedef void (*wasmex_tier_resume_handler)(void **tiers, uint32_t index);

/// Installs the resume handler (once, by the engine).
void wasmex_tier_set_resume_handler(wasmex_tier_resume_handler handler);

/// Called by first-tier code at a resumable loop header that finds
/// WASMEX_TIER_OSR_WANTED in its function's `wasm_osr` slot `osr_slot`: the
/// first caller clears the slot (so the loop goes on without asking again)
/// and has the handler queue the entry's compilation; returns at once.
void wasmex_tier_resume(void **tiers, void **osr_slot, uint32_t index);

/// What the engine does when a lazily compiled function is called for the
/// first time: compiles it (and, within a budget, functions it calls),
/// publishes the code in `tiers` and returns the function's code, or returns
/// NULL when the code cannot be built.
typedef void *(*wasmex_tier_lazy_handler)(void **tiers, uint32_t index);

/// Installs the lazy-compilation handler (once, by the engine).
void wasmex_tier_set_lazy_handler(wasmex_tier_lazy_handler handler);

/// Called by a lazy function's stub (first-tier code) while its tier-table
/// slot is still null: returns the code to tail-call. Blocks while the code
/// is compiled; traps "function could not be compiled" (through
/// `wasmex_trap`, so only inside `wasmex_invoke`) when it cannot be built.
void *wasmex_tier_lazy(void *vmctx, void **tiers, uint32_t index);

#if defined(__x86_64__) && defined(__ELF__)
/// The shared part of a lazy function's machine-code stub (x86-64; see
/// `tier_entry.c`): not a C function — stubs jump to it with the function's
/// index in %eax, the tier table in %r11 and the function's arguments in place.
void wasmex_tier_lazy_entry(void);
#endif

/// Called before a background compilation starts: returns 1 and counts it,
/// or 0 when the process is exiting (the compilation must not start).
///
/// LLVM's static objects are destroyed when the process exits; a thread that
/// is still inside LLVM then reads freed memory and the process dies with
/// SIGSEGV after the program had finished. So the first call installs an
/// exit handler (`on_exit`) that stops new compilations and waits for the
/// running ones, up to `WASMEX_TIER_EXIT_WAIT_MS`; if one is still running
/// then, it flushes stdio and ends the process with the program's exit
/// status (`_exit`), before any static destructor runs.
int wasmex_tier_compile_begin(void);

/// Called when a compilation counted by `wasmex_tier_compile_begin` ends.
void wasmex_tier_compile_end(void);

/// How many cores this process may run on: the CPUs in its affinity mask
/// (`taskset`, a container's cpuset) where the system has one, else the
/// online processors; at least 1. Compile threads are sized by it.
int wasmex_tier_usable_cpus(void);

/// The CPU the calling thread runs on now, or -1 where the system does not say.
int wasmex_tier_current_cpu(void);

/// Moves the calling thread off `cpu` when it runs there and its affinity
/// allows another CPU, then gives it its affinity back (the scheduler leaves
/// it where it now runs); returns 1 when it moved. A compile thread woken by
/// the program's thread calls it with that thread's CPU: Linux tends to wake
/// a thread on its waker's CPU, where the two then shared one core in 4 ms
/// slices for up to 20 ms while the other core stayed idle (`perf sched
/// timehist`; BENCHMARKS.md "Compile threads leave the program's core").
int wasmex_tier_leave_cpu(int cpu);

/// The longest process exit waits for running background compilations.
#define WASMEX_TIER_EXIT_WAIT_MS 2000

#ifdef __cplusplus
}
#endif
#endif
