#ifndef WASMEX_DEMANGLE_H
#define WASMEX_DEMANGLE_H
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Demangles an Itanium C++ symbol (`_Z…`) with the C++ runtime's
/// `__cxa_demangle` (libstdc++ on Linux). Returns a string to release with
/// `free`, or NULL when `name` is not a valid mangled name.
char *wasmex_demangle_itanium(const char *name);

#ifdef __cplusplus
}
#endif

#endif
