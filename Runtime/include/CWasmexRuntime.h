#ifndef WASMEX_RUNTIME_H
#define WASMEX_RUNTIME_H
// The C runtime that generated code calls. See Runtime/README.md.
#include <stdint.h>
#include <stddef.h>
#include "wasmex_trap.h"
#include "wasmex_vmctx.h"
#include "wasmex_invoke.h"
#include "wasmex_memory.h"
#include "wasmex_libcalls.h"
#include "wasmex_epoch.h"
#include "wasmex_guard.h"
#include "wasmex_build_id.h"
#include "wasmex_demangle.h"
#include "wasmex_exceptions.h"
#include "wasmex_gc.h"

/// Version of the runtime ABI; bumped whenever the vmctx layout or a libcall changes.
#define WASMEX_RUNTIME_ABI_VERSION 7

uint32_t wasmex_runtime_abi_version(void);

#endif
#include "wasmex_tier.h"
