#include "CWasmexRuntime.h"

uint32_t wasmex_runtime_abi_version(void) { return WASMEX_RUNTIME_ABI_VERSION; }
