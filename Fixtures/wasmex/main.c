// Link fixture: imports calculator.sum_range (which itself imports utils.sum).
#include <stdint.h>
__attribute__((import_module("calculator"), import_name("sum_range"))) int32_t calculator_sum_range(int32_t, int32_t);
__attribute__((export_name("sum_range"))) int32_t sum_range(int32_t from, int32_t to) {
    return calculator_sum_range(from, to);
}
