// Vertex-attribute decoding in the style of meshoptimizer's SIMD filters, the
// float-heavy side of SIMD code: octahedral normals (int8 x, y -> unit vector,
// requantised), quaternions (three components, the fourth reconstructed with a
// square root) and exponent-encoded floats (bits shifted into place). It lives
// on f32x4 arithmetic (abs, max, min, sqrt, div, nearest), conversions both
// ways (f32x4.convert_i32x4_s, i32x4.trunc_sat_f32x4_s), lane shifts, and
// shuffles and narrows that repack the results.
// A sightglass-style workload (see Fixtures/bench/README.md).
#include <wasm_simd128.h>
#include "bench_io.h"

enum { VERTICES = 1 << 16, ROUNDS = 240 };

static int8_t octa[VERTICES * 4];      // x, y, (unused), w per vertex
static int8_t normals[VERTICES * 4];   // decoded x, y, z, w
static int16_t quats[VERTICES * 4];    // three components and a selector
static int16_t rotations[VERTICES * 4];
static uint32_t encoded[VERTICES * 4]; // 8-bit exponent, 24-bit mantissa
static float decoded[VERTICES * 4];

/// Four vertices per step: octahedral (x, y) to a unit vector scaled to 127.
static void decode_octahedral(void) {
    for (uint32_t i = 0; i < VERTICES; i += 4) {
        v128_t raw = wasm_v128_load(&octa[i * 4]);
        // Sign-extend each byte lane of the packed 32-bit vertices.
        v128_t x = wasm_i32x4_shr(wasm_i32x4_shl(raw, 24), 24);
        v128_t y = wasm_i32x4_shr(wasm_i32x4_shl(raw, 16), 24);
        v128_t w = wasm_i32x4_shr(raw, 24);
        v128_t fx = wasm_f32x4_convert_i32x4(x), fy = wasm_f32x4_convert_i32x4(y);
        v128_t fz = wasm_f32x4_sub(wasm_f32x4_sub(wasm_f32x4_splat(127.0f), wasm_f32x4_abs(fx)), wasm_f32x4_abs(fy));
        // Fold the lower hemisphere: x -= copysign(max(-z, 0), x), the same for y.
        v128_t t = wasm_f32x4_max(wasm_f32x4_neg(fz), wasm_f32x4_splat(0.0f));
        v128_t signbit = wasm_f32x4_splat(-0.0f);
        fx = wasm_f32x4_sub(fx, wasm_v128_or(t, wasm_v128_and(fx, signbit)));
        fy = wasm_f32x4_sub(fy, wasm_v128_or(t, wasm_v128_and(fy, signbit)));
        v128_t length = wasm_f32x4_sqrt(wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_mul(fx, fx), wasm_f32x4_mul(fy, fy)), wasm_f32x4_mul(fz, fz)));
        v128_t scale = wasm_f32x4_div(wasm_f32x4_splat(127.0f), wasm_f32x4_max(length, wasm_f32x4_splat(1e-6f)));
        v128_t nx = wasm_i32x4_trunc_sat_f32x4(wasm_f32x4_nearest(wasm_f32x4_mul(fx, scale)));
        v128_t ny = wasm_i32x4_trunc_sat_f32x4(wasm_f32x4_nearest(wasm_f32x4_mul(fy, scale)));
        v128_t nz = wasm_i32x4_trunc_sat_f32x4(wasm_f32x4_nearest(wasm_f32x4_mul(fz, scale)));
        // Repack x, y, z, w bytes per vertex: narrow to 16, then 8 bits, then interleave.
        v128_t xy = wasm_i8x16_narrow_i16x8(wasm_i16x8_narrow_i32x4(nx, ny), wasm_i16x8_splat(0));
        v128_t zw = wasm_i8x16_narrow_i16x8(wasm_i16x8_narrow_i32x4(nz, w), wasm_i16x8_splat(0));
        v128_t packed = wasm_i8x16_shuffle(xy, zw, 0, 4, 16, 20, 1, 5, 17, 21, 2, 6, 18, 22, 3, 7, 19, 23);
        wasm_v128_store(&normals[i * 4], packed);
    }
}

/// Two vertices per step: quaternions stored as three int16 components (scaled by
/// 32767/sqrt(2)) and the index of the largest, which is rebuilt as sqrt(1 - sum of squares).
static void decode_quaternions(void) {
    const float s = 0.70710678f / 32767.0f;
    for (uint32_t i = 0; i < VERTICES; i += 2) {
        v128_t raw = wasm_v128_load(&quats[i * 4]);
        v128_t lo = wasm_i32x4_extend_low_i16x8(raw), hi = wasm_i32x4_extend_high_i16x8(raw);
        v128_t a = wasm_f32x4_mul(wasm_f32x4_convert_i32x4(lo), wasm_f32x4_splat(s));
        v128_t b = wasm_f32x4_mul(wasm_f32x4_convert_i32x4(hi), wasm_f32x4_splat(s));
        // Lane 3 of each half is the selector: zero it before summing squares.
        v128_t keep = wasm_i32x4_make(-1, -1, -1, 0);
        v128_t a2 = wasm_v128_and(wasm_f32x4_mul(a, a), keep), b2 = wasm_v128_and(wasm_f32x4_mul(b, b), keep);
        v128_t sums = wasm_f32x4_add(wasm_i32x4_shuffle(a2, b2, 0, 4, 1, 5), wasm_i32x4_shuffle(a2, b2, 2, 6, 3, 7));
        sums = wasm_f32x4_add(sums, wasm_i64x2_shuffle(sums, sums, 1, 0));   // lanes 0, 1: a's and b's totals
        v128_t ww = wasm_f32x4_sqrt(wasm_f32x4_max(wasm_f32x4_sub(wasm_f32x4_splat(1.0f), sums), wasm_f32x4_splat(0.0f)));
        v128_t wa = wasm_i32x4_shuffle(ww, ww, 0, 0, 0, 0), wb = wasm_i32x4_shuffle(ww, ww, 1, 1, 1, 1);
        a = wasm_i32x4_shuffle(a, wa, 0, 1, 2, 4);
        b = wasm_i32x4_shuffle(b, wb, 0, 1, 2, 4);
        // Rotate the components by the selector (0..3) with a lane swizzle, back to int16.
        v128_t qa = wasm_i32x4_trunc_sat_f32x4(wasm_f32x4_nearest(wasm_f32x4_mul(a, wasm_f32x4_splat(32767.0f))));
        v128_t qb = wasm_i32x4_trunc_sat_f32x4(wasm_f32x4_nearest(wasm_f32x4_mul(b, wasm_f32x4_splat(32767.0f))));
        v128_t packed = wasm_i16x8_narrow_i32x4(qa, qb);
        uint32_t sa = (uint16_t)quats[i * 4 + 3] & 3, sb = (uint16_t)quats[i * 4 + 7] & 3;
        uint8_t index[16];
        for (uint32_t k = 0; k < 4; k++) {
            uint32_t ka = (k + sa) & 3, kb = 4 + ((k + sb) & 3);
            index[2 * k] = (uint8_t)(2 * ka); index[2 * k + 1] = (uint8_t)(2 * ka + 1);
            index[8 + 2 * k] = (uint8_t)(2 * kb); index[8 + 2 * k + 1] = (uint8_t)(2 * kb + 1);
        }
        wasm_v128_store(&rotations[i * 4], wasm_i8x16_swizzle(packed, wasm_v128_load(index)));
    }
}

/// Exponent-encoded floats: mantissa (24-bit signed) times 2^exponent (8-bit signed),
/// built by putting exponent + 127 into the float's exponent field.
static void decode_exponential(void) {
    for (uint32_t i = 0; i < VERTICES * 4; i += 4) {
        v128_t raw = wasm_v128_load(&encoded[i]);
        v128_t exponent = wasm_i32x4_shr(raw, 24);
        v128_t mantissa = wasm_i32x4_shr(wasm_i32x4_shl(raw, 8), 8);
        v128_t clamped = wasm_i32x4_max(wasm_i32x4_min(exponent, wasm_i32x4_splat(100)), wasm_i32x4_splat(-100));
        v128_t power = wasm_i32x4_shl(wasm_i32x4_add(clamped, wasm_i32x4_splat(127)), 23);
        wasm_v128_store(&decoded[i], wasm_f32x4_mul(wasm_f32x4_convert_i32x4(mantissa), power));
    }
}

static uint32_t sum_bits(const float *values, uint32_t count) {
    v128_t sum = wasm_i32x4_splat(0);
    for (uint32_t i = 0; i < count; i += 4) sum = wasm_i32x4_add(sum, wasm_v128_load(&values[i]));
    return wasm_i32x4_extract_lane(sum, 0) ^ wasm_i32x4_extract_lane(sum, 1) ^
           wasm_i32x4_extract_lane(sum, 2) ^ wasm_i32x4_extract_lane(sum, 3);
}

void _start(void) {
    uint32_t state = 2024;
    for (uint32_t i = 0; i < VERTICES * 4; i++) {
        uint32_t r = xorshift(&state);
        octa[i] = (int8_t)r;
        quats[i] = (int16_t)(r >> 8) / 2;
        encoded[i] = r;
    }
    uint32_t hash = 2166136261u;
    bench_start();
    for (uint32_t round = 0; round < ROUNDS; round++) {
        decode_octahedral();
        decode_quaternions();
        decode_exponential();
        hash = fnv1a(hash, normals, 256);
        hash = fnv1a(hash, rotations, 256);
        hash ^= sum_bits(decoded, VERTICES * 4);
        // Feed the results back so no round repeats the last.
        for (uint32_t i = 0; i < VERTICES * 4; i++) {
            octa[i] = (int8_t)(octa[i] + normals[i] + 1);
            quats[i] = (int16_t)(quats[i] ^ rotations[i] ^ (int16_t)i);
            encoded[i] = encoded[i] * 2654435761u + round;
        }
    }
    bench_end();
    print_hex("meshfilter checksum", hash);
}
