// What every workload here needs without a libc: the sightglass protocol's
// bench.start / bench.end, WASI's fd_write and proc_exit, and a line printer.
#ifndef WASMEX_BENCH_IO_H
#define WASMEX_BENCH_IO_H
#include <stdint.h>

__attribute__((import_module("bench"), import_name("start"))) void bench_start(void);
__attribute__((import_module("bench"), import_name("end"))) void bench_end(void);

typedef struct { const void *buf; uint32_t len; } ciovec;
__attribute__((import_module("wasi_snapshot_preview1"), import_name("fd_write")))
uint16_t wasi_fd_write(int32_t fd, const ciovec *iovs, uint32_t count, uint32_t *written);

/// Writes `label` and `value` in hexadecimal, one line, to stdout.
static void print_hex(const char *label, uint32_t value) {
    char line[96];
    uint32_t n = 0;
    while (label[n] && n < 80) { line[n] = label[n]; n++; }
    line[n++] = ' ';
    for (int shift = 28; shift >= 0; shift -= 4) line[n++] = "0123456789abcdef"[(value >> shift) & 15];
    line[n++] = '\n';
    ciovec iov = { line, n };
    uint32_t written;
    wasi_fd_write(1, &iov, 1, &written);
}

/// A 32-bit xorshift step: the deterministic input generator.
static uint32_t xorshift(uint32_t *state) {
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *state = x;
    return x;
}

/// FNV-1a over `count` bytes, continuing from `hash`.
static uint32_t fnv1a(uint32_t hash, const void *data, uint32_t count) {
    const uint8_t *bytes = data;
    for (uint32_t i = 0; i < count; i++) hash = (hash ^ bytes[i]) * 16777619u;
    return hash;
}
#endif
