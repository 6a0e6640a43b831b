// Compresses a pseudo-text with LZ4 (fast and high-compression modes, the library's
// sources fetched by build.sh) and decompresses both, checking the round trips.
// A sightglass-style workload (see README.md).
#include <stdlib.h>
#include "corpus.h"
#include "lz4.h"
#include "lz4hc.h"

enum { SIZE = 8 << 20 };

int main(void) {
    uint8_t *input = malloc(SIZE), *output = malloc(SIZE);
    int bound = LZ4_compressBound(SIZE);
    uint8_t *compressed = malloc((size_t)bound);
    if (!input || !output || !compressed) return 1;
    corpus_fill(input, SIZE, 11);
    int sizes[2];
    int ok = 1;
    bench_start();
    for (int pass = 0; pass < 2; pass++) {
        sizes[pass] = pass == 0
            ? LZ4_compress_default((const char *)input, (char *)compressed, SIZE, bound)
            : LZ4_compress_HC((const char *)input, (char *)compressed, SIZE, bound, 6);
        if (sizes[pass] <= 0) return 2;
        for (int round = 0; round < 4; round++) {
            int back = LZ4_decompress_safe((const char *)compressed, (char *)output, sizes[pass], SIZE);
            ok &= back == SIZE && memcmp(input, output, SIZE) == 0;
        }
    }
    bench_end();
    printf("lz4: %u bytes -> fast: %d, hc6: %d bytes; round trips %s; input %08x\n",
           (unsigned)SIZE, sizes[0], sizes[1], ok ? "exact" : "WRONG", corpus_hash(input, SIZE));
    return ok ? 0 : 3;
}
