// Itanium C++ demangling through the C++ runtime (trap backtrace names).
#include <stdlib.h>
#include "wasmex_demangle.h"

// The C++ ABI's demangler, exported by libstdc++ (and libc++abi).
extern char *__cxa_demangle(const char *mangled, char *buffer, size_t *length, int *status);

char *wasmex_demangle_itanium(const char *name) {
    int status = 0;
    char *text = __cxa_demangle(name, NULL, NULL, &status);
    if (status != 0) {
        free(text);
        return NULL;
    }
    return text;
}
