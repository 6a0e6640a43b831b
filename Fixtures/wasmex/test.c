// The functions Wasmex's own test module exports, in C.
// Rebuild with Fixtures/build.sh (clang-19 --target=wasm32, no libc).
#include <stdint.h>
#include <stdbool.h>

#define EXPORT(name) __attribute__((export_name(name)))

EXPORT("sum") int32_t sum(int32_t a, int32_t b) { return a + b; }
EXPORT("arity_0") int32_t arity_0(void) { return 42; }
EXPORT("i32_i32") int32_t i32_i32(int32_t x) { return x; }
EXPORT("i64_i64") int64_t i64_i64(int64_t x) { return x; }
EXPORT("f32_f32") float f32_f32(float x) { return x; }
EXPORT("f64_f64") double f64_f64(double x) { return x; }
EXPORT("i32_i64_f32_f64_f64") double i32_i64_f32_f64_f64(int32_t a, int64_t b, float c, double d) {
    return (double)a + (double)b + (double)c + d;
}
EXPORT("bool_casted_to_i32") bool bool_casted_to_i32(void) { return true; }
EXPORT("void") void void_fn(void) {}

static const char hello[] = "Hello, World!";
EXPORT("string") const char *string(void) { return hello; }
EXPORT("string_first_byte") uint8_t string_first_byte(const uint8_t *bytes, uint32_t length) {
    return length == 0 ? 0 : bytes[0];
}
EXPORT("endless_loop") void endless_loop(void) {
    volatile int spin = 0;
    for (;;) { spin++; }
}
EXPORT("divide") uint32_t divide(uint32_t dividend, uint32_t divisor) { return dividend / divisor; }
