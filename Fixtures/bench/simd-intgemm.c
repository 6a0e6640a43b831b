// An 8-bit integer matrix multiply in the style of intgemm (the kernel of
// quantised neural-network inference): int8 A (M x K) times int8 B (K x N),
// int32 accumulation, output requantised to int8. Written with wasm SIMD
// intrinsics so that it exercises the operators such kernels live on:
// i16x8.extend_{low,high}_i8x16_s, i32x4.dot_i16x8_s, i16x8.extmul_low_i8x16_s,
// i16x8.add_sat_s, i32x4.extadd_pairwise_i16x8_s, i8x16.shuffle (B is
// prepared by transposing 16 x 16 byte blocks with shuffles), i32x4 shuffles
// for the horizontal sums, f32x4 scaling, i32x4.trunc_sat_f32x4_s and the
// saturating narrows i16x8.narrow_i32x4_s and i8x16.narrow_i16x8_s.
// A sightglass-style workload (see Fixtures/bench/README.md).
#include <wasm_simd128.h>
#include "bench_io.h"

enum { M = 64, N = 64, K = 512, ROUNDS = 1500 };

static int8_t a[M * K];          // row-major M x K
static int8_t b[K * N];          // row-major K x N, as a model stores it
static int8_t bt[N * K];         // prepared: N x K (each column of b as a row)
static int32_t c[M * N];
static int8_t q[M * N];

/// Transposes the 16 x 16 byte block at (row, col) of b into bt with shuffles:
/// four rounds of interleaving 8-, 16-, 32- and 64-bit halves.
static void transpose_block(uint32_t row, uint32_t col) {
    v128_t r[16], t[16];
    for (int i = 0; i < 16; i++) r[i] = wasm_v128_load(&b[(row + i) * N + col]);
    for (int i = 0; i < 8; i++) {
        t[2 * i] = wasm_i8x16_shuffle(r[2 * i], r[2 * i + 1], 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
        t[2 * i + 1] = wasm_i8x16_shuffle(r[2 * i], r[2 * i + 1], 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
    }
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 2; j++) {
            v128_t x = t[4 * i + j], y = t[4 * i + j + 2];
            r[4 * i + 2 * j] = wasm_i16x8_shuffle(x, y, 0, 8, 1, 9, 2, 10, 3, 11);
            r[4 * i + 2 * j + 1] = wasm_i16x8_shuffle(x, y, 4, 12, 5, 13, 6, 14, 7, 15);
        }
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 4; j++) {
            v128_t x = r[8 * i + j], y = r[8 * i + j + 4];
            t[8 * i + 2 * j] = wasm_i32x4_shuffle(x, y, 0, 4, 1, 5);
            t[8 * i + 2 * j + 1] = wasm_i32x4_shuffle(x, y, 2, 6, 3, 7);
        }
    for (int j = 0; j < 8; j++) {
        v128_t x = t[j], y = t[j + 8];
        r[2 * j] = wasm_i64x2_shuffle(x, y, 0, 2);
        r[2 * j + 1] = wasm_i64x2_shuffle(x, y, 1, 3);
    }
    // r[i] now holds column (col + p(i)) of the block, where p undoes the interleaving order.
    static const uint8_t order[16] = { 0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15 };
    for (int i = 0; i < 16; i++) wasm_v128_store(&bt[(col + order[i]) * K + row], r[i]);
}

static void prepare_b(void) {
    for (uint32_t row = 0; row < K; row += 16)
        for (uint32_t col = 0; col < N; col += 16) transpose_block(row, col);
}

/// Four int32 partial sums of row x times column y of length K, the dot-product way.
static v128_t dot_extend(const int8_t *x, const int8_t *y) {
    v128_t sum = wasm_i32x4_splat(0);
    for (uint32_t k = 0; k < K; k += 16) {
        v128_t vx = wasm_v128_load(x + k), vy = wasm_v128_load(y + k);
        sum = wasm_i32x4_add(sum, wasm_i32x4_dot_i16x8(wasm_i16x8_extend_low_i8x16(vx), wasm_i16x8_extend_low_i8x16(vy)));
        sum = wasm_i32x4_add(sum, wasm_i32x4_dot_i16x8(wasm_i16x8_extend_high_i8x16(vx), wasm_i16x8_extend_high_i8x16(vy)));
    }
    return sum;
}

/// The same with intgemm's saturating 16-bit pair sums (extmul, add_sat, extadd_pairwise):
/// the inputs are below 64 in magnitude here, so nothing saturates and both agree.
static v128_t dot_extmul(const int8_t *x, const int8_t *y) {
    v128_t sum = wasm_i32x4_splat(0);
    for (uint32_t k = 0; k < K; k += 16) {
        v128_t vx = wasm_v128_load(x + k), vy = wasm_v128_load(y + k);
        v128_t pairs = wasm_i16x8_add_sat(wasm_i16x8_extmul_low_i8x16(vx, vy), wasm_i16x8_extmul_high_i8x16(vx, vy));
        sum = wasm_i32x4_add(sum, wasm_i32x4_extadd_pairwise_i16x8(pairs));
    }
    return sum;
}

/// Adds up the lanes of each of s0..s3: lane i of the result is s_i's total.
static v128_t horizontal4(v128_t s0, v128_t s1, v128_t s2, v128_t s3) {
    v128_t a01 = wasm_i32x4_add(wasm_i32x4_shuffle(s0, s1, 0, 4, 1, 5), wasm_i32x4_shuffle(s0, s1, 2, 6, 3, 7));
    v128_t a23 = wasm_i32x4_add(wasm_i32x4_shuffle(s2, s3, 0, 4, 1, 5), wasm_i32x4_shuffle(s2, s3, 2, 6, 3, 7));
    return wasm_i32x4_add(wasm_i64x2_shuffle(a01, a23, 0, 2), wasm_i64x2_shuffle(a01, a23, 1, 3));
}

static void multiply(int extmul) {
    for (uint32_t i = 0; i < M; i++) {
        const int8_t *row = &a[i * K];
        for (uint32_t j = 0; j < N; j += 4) {
            v128_t s0, s1, s2, s3;
            if (extmul) {
                s0 = dot_extmul(row, &bt[(j + 0) * K]);
                s1 = dot_extmul(row, &bt[(j + 1) * K]);
                s2 = dot_extmul(row, &bt[(j + 2) * K]);
                s3 = dot_extmul(row, &bt[(j + 3) * K]);
            } else {
                s0 = dot_extend(row, &bt[(j + 0) * K]);
                s1 = dot_extend(row, &bt[(j + 1) * K]);
                s2 = dot_extend(row, &bt[(j + 2) * K]);
                s3 = dot_extend(row, &bt[(j + 3) * K]);
            }
            wasm_v128_store(&c[i * N + j], horizontal4(s0, s1, s2, s3));
        }
    }
}

/// Requantises c to int8: scale in f32, truncate with saturation, narrow twice with saturation.
static void requantize(float scale) {
    v128_t vscale = wasm_f32x4_splat(scale);
    for (uint32_t i = 0; i < M * N; i += 16) {
        v128_t w[4];
        for (int p = 0; p < 4; p++) {
            v128_t f = wasm_f32x4_mul(wasm_f32x4_convert_i32x4(wasm_v128_load(&c[i + 4 * p])), vscale);
            w[p] = wasm_i32x4_trunc_sat_f32x4(f);
        }
        v128_t lo = wasm_i16x8_narrow_i32x4(w[0], w[1]), hi = wasm_i16x8_narrow_i32x4(w[2], w[3]);
        wasm_v128_store(&q[i], wasm_i8x16_narrow_i16x8(lo, hi));
    }
}

/// Feeds the output back into A (so each round depends on the last) and perturbs B.
static void feed_back(uint32_t round) {
    for (uint32_t i = 0; i < M * N && i < M * K; i++) a[i] = (int8_t)(q[i] >> 2);
    for (uint32_t i = 0; i < K; i++) b[i * N + (i + round) % N] ^= 0x15;
    for (uint32_t i = 0; i < K * N; i++) b[i] = (int8_t)(b[i] % 64);
}

void _start(void) {
    uint32_t state = 12345;
    for (uint32_t i = 0; i < M * K; i++) a[i] = (int8_t)(xorshift(&state) % 127 - 63);
    for (uint32_t i = 0; i < K * N; i++) b[i] = (int8_t)(xorshift(&state) % 127 - 63);
    uint32_t hash = 2166136261u, agree = 1;
    bench_start();
    for (uint32_t round = 0; round < ROUNDS; round++) {
        prepare_b();
        multiply(round & 1);
        hash = fnv1a(hash, c, sizeof c);
        requantize(1.0f / 4096.0f);
        hash = fnv1a(hash, q, sizeof q);
        if (round == 0) {
            int32_t first[M * N];
            for (uint32_t i = 0; i < M * N; i++) first[i] = c[i];
            multiply(1);
            for (uint32_t i = 0; i < M * N; i++) agree &= first[i] == c[i];
        }
        feed_back(round);
    }
    bench_end();
    print_hex("intgemm checksum", hash);
    print_hex("extend and extmul agree", agree);
}
