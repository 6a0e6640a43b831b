// The input every compression workload here works on: a deterministic
// pseudo-text of `size` bytes (words drawn with a skewed distribution from a
// small vocabulary, numbers, punctuation and line breaks), which compresses
// about as well as log files or source code do. Written for these workloads.
#ifndef WASMEX_CORPUS_H
#define WASMEX_CORPUS_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "../bench/bench_io.h"   // bench_start, bench_end, xorshift, fnv1a


static void corpus_fill(uint8_t *out, size_t size, uint32_t seed) {
    static const char *const words[] = {
        "the", "of", "and", "to", "in", "is", "that", "for", "it", "as", "with", "was", "on", "be",
        "by", "at", "this", "from", "or", "an", "which", "are", "not", "memory", "function", "value",
        "module", "instance", "compile", "return", "table", "global", "export", "import", "trap",
        "linear", "stack", "frame", "register", "branch", "loop", "block", "signal", "request",
        "response", "handler", "timeout", "error", "warning", "debug", "info", "connection",
    };
    const size_t count = sizeof words / sizeof words[0];
    uint32_t state = seed ? seed : 1;
    size_t at = 0, column = 0;
    while (at < size) {
        uint32_t r = xorshift(&state);
        char piece[32];
        size_t length;
        if (r % 11 == 0) {
            length = (size_t)snprintf(piece, sizeof piece, "%u", (r >> 8) % 100000);
        } else {
            // Skewed: low indices much more often (the minimum of two draws, squared-ish).
            uint32_t a = (r >> 4) % count, b = (r >> 12) % count;
            const char *word = words[a < b ? a : b];
            length = strlen(word);
            memcpy(piece, word, length);
        }
        uint32_t sep = (r >> 20) % 16;
        piece[length++] = sep == 0 ? '.' : sep == 1 ? ',' : ' ';
        column += length;
        if (column > 72) { piece[length - 1] = '\n'; column = 0; }
        for (size_t i = 0; i < length && at < size; i++) out[at++] = (uint8_t)piece[i];
    }
}

/// FNV-1a over `count` bytes.
static uint32_t corpus_hash(const uint8_t *data, size_t count) { return fnv1a(2166136261u, data, (uint32_t)count); }
#endif
