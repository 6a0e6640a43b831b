// Import fixture: calls functions the host provides under `env`.
#include <stdint.h>
#define IMPORT(name) __attribute__((import_module("env"), import_name(name)))
#define EXPORT(name) __attribute__((export_name(name)))
IMPORT("imported_sum3") int32_t imported_sum3(int32_t, int32_t, int32_t);
IMPORT("imported_sumf") float imported_sumf(float, float);
IMPORT("imported_void") void imported_void(void);
EXPORT("using_imported_sum3") int32_t using_imported_sum3(int32_t a, int32_t b, int32_t c) { return imported_sum3(a, b, c); }
EXPORT("using_imported_sumf") float using_imported_sumf(float a, float b) { return imported_sumf(a, b); }
EXPORT("using_imported_void") void using_imported_void(void) { imported_void(); }
