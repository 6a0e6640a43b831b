// Compresses and decompresses a pseudo-text with zstd (the library's own single-file
// build, fetched by build.sh) at levels 3 and 9, checking that the round trip is exact.
// A sightglass-style workload (see README.md).
#include <stdlib.h>
#include "corpus.h"
#include "zstd.h"

enum { SIZE = 4 << 20 };

int main(void) {
    uint8_t *input = malloc(SIZE), *output = malloc(SIZE);
    size_t bound = ZSTD_compressBound(SIZE);
    uint8_t *compressed = malloc(bound);
    if (!input || !output || !compressed) return 1;
    corpus_fill(input, SIZE, 7);
    size_t sizes[2];
    int ok = 1;
    bench_start();
    const int levels[2] = { 3, 9 };
    for (int i = 0; i < 2; i++) {
        sizes[i] = ZSTD_compress(compressed, bound, input, SIZE, levels[i]);
        if (ZSTD_isError(sizes[i])) return 2;
        size_t back = ZSTD_decompress(output, SIZE, compressed, sizes[i]);
        ok &= !ZSTD_isError(back) && back == SIZE && memcmp(input, output, SIZE) == 0;
    }
    bench_end();
    printf("zstd: %u bytes -> level 3: %zu, level 9: %zu bytes; round trip %s; input %08x\n",
           (unsigned)SIZE, sizes[0], sizes[1], ok ? "exact" : "WRONG", corpus_hash(input, SIZE));
    return ok ? 0 : 3;
}
