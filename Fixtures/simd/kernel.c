// The SIMD benchmark kernel: integer and float loops over a few MB that clang's loop
// vectorizer turns into wasm SIMD when built with -msimd128 (kernel-simd.wasm) and leaves
// scalar without it (kernel-scalar.wasm). Both builds compute the same checksum: the float
// part has no reductions, so vectorizing it does not reorder any rounding.
// Rebuild with Fixtures/simd/build.sh.
#include <stdint.h>
#include "../bench/bench_io.h"   // xorshift

#define EXPORT(name) __attribute__((export_name(name)))

enum { BYTES = 4 << 20, SHORTS = 1 << 20, FLOATS = 1 << 20 };

static uint8_t bytes[BYTES];
static int16_t xs[SHORTS], ys[SHORTS];
static float fx[FLOATS], fy[FLOATS];

/// Fills every buffer from `seed` (not timed by the benchmark).
EXPORT("init") void init(uint32_t seed) {
    uint32_t state = seed ? seed : 1;
    for (uint32_t i = 0; i < BYTES; i++) bytes[i] = (uint8_t)xorshift(&state);
    for (uint32_t i = 0; i < SHORTS; i++) {
        xs[i] = (int16_t)xorshift(&state);
        ys[i] = (int16_t)xorshift(&state);
    }
    for (uint32_t i = 0; i < FLOATS; i++) {
        fx[i] = (float)(xorshift(&state) & 0xFFFF) / 256.0f;
        fy[i] = (float)(xorshift(&state) & 0xFFFF) / 512.0f;
    }
}

/// How many bytes are below `limit`.
static uint32_t count_below(uint8_t limit) {
    uint32_t count = 0;
    for (uint32_t i = 0; i < BYTES; i++) count += bytes[i] < limit;
    return count;
}

/// Adds `delta` to every byte (wrapping), so each round sees different data.
static void add_bytes(uint8_t delta) {
    for (uint32_t i = 0; i < BYTES; i++) bytes[i] += delta;
}

/// The dot product of the two int16 arrays, in 32-bit wrapping arithmetic.
static uint32_t dot16(void) {
    uint32_t sum = 0;
    for (uint32_t i = 0; i < SHORTS; i++) sum += (uint32_t)((int32_t)xs[i] * (int32_t)ys[i]);
    return sum;
}

/// y = a * x + y on floats, element by element (no reduction: exact in any lane order).
static void saxpy(float a) {
    for (uint32_t i = 0; i < FLOATS; i++) fy[i] = a * fx[i] + fy[i];
}

/// Folds the float array's bit patterns into a checksum.
static uint32_t float_bits_xor(void) {
    const uint32_t *words = (const uint32_t *)fy;
    uint32_t acc = 0;
    for (uint32_t i = 0; i < FLOATS; i++) acc ^= words[i];
    return acc;
}

/// Runs `rounds` rounds of all kernels and returns the combined checksum.
EXPORT("run") uint32_t run(uint32_t rounds) {
    uint32_t checksum = 0;
    for (uint32_t r = 0; r < rounds; r++) {
        add_bytes((uint8_t)(r * 7 + 1));
        checksum = checksum * 31 + count_below(100);
        checksum = checksum * 31 + dot16();
        saxpy(r & 1 ? 0.5f : -0.25f);
        checksum = checksum * 31 + float_bits_xor();
    }
    return checksum;
}
