// Link fixture: a library module exporting `sum`.
#include <stdint.h>
__attribute__((export_name("sum"))) int32_t sum(int32_t a, int32_t b) { return a + b; }
