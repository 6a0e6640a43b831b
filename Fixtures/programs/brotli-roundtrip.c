// Compresses a pseudo-text with Brotli at quality 5 and decompresses it (the library's
// sources fetched by build.sh), checking the round trip.
// A sightglass-style workload (see README.md).
#include <stdlib.h>
#include "corpus.h"
#include <brotli/decode.h>
#include <brotli/encode.h>

enum { SIZE = 8 << 20 };

int main(void) {
    uint8_t *input = malloc(SIZE), *output = malloc(SIZE);
    size_t bound = BrotliEncoderMaxCompressedSize(SIZE);
    uint8_t *compressed = malloc(bound);
    if (!input || !output || !compressed) return 1;
    corpus_fill(input, SIZE, 13);
    size_t size = bound, back = SIZE;
    bench_start();
    int encoded = BrotliEncoderCompress(5, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, SIZE, input, &size, compressed);
    BrotliDecoderResult decoded = BrotliDecoderDecompress(size, compressed, &back, output);
    bench_end();
    int ok = encoded && decoded == BROTLI_DECODER_RESULT_SUCCESS && back == SIZE && memcmp(input, output, SIZE) == 0;
    printf("brotli: %u bytes -> quality 5: %zu bytes; round trip %s; input %08x\n",
           (unsigned)SIZE, size, ok ? "exact" : "WRONG", corpus_hash(input, SIZE));
    return ok ? 0 : 3;
}
