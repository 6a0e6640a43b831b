#ifndef WASMEX_INVOKE_STACK_H
#define WASMEX_INVOKE_STACK_H
// The native stack range of the running Wasm calls (private to the runtime;
// the GC scans it for references).
#include <stdint.h>

/// The frame address of the outermost `wasmex_invoke` active on the calling
/// thread, 0 when none is. Every frame of generated code (and of host
/// functions it called) on this thread lies below it.
uintptr_t wasmex_invoke_outermost_frame(void);

#endif
