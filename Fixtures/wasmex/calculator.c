// Link fixture: imports utils.sum and exports sum_range(a, b) = a + (a+1) + ... + b.
#include <stdint.h>
__attribute__((import_module("utils"), import_name("sum"))) int32_t utils_sum(int32_t, int32_t);
__attribute__((export_name("sum_range"))) int32_t sum_range(int32_t from, int32_t to) {
    int32_t total = 0;
    for (int32_t i = from; i <= to; i++) total = utils_sum(total, i);
    return total;
}
