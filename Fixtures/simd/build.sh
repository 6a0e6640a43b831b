#!/usr/bin/env bash
# Builds the SIMD benchmark kernel twice (needs clang-19 and lld-19):
#   kernel-simd.wasm    with -msimd128 (the loop vectorizer emits wasm SIMD)
#   kernel-scalar.wasm  without it (plain scalar code)
# `wasmex bench simd` runs both and compares their times and checksums.
set -euo pipefail
cd "$(dirname "$0")"
CC=${CC:-clang-19}
FLAGS=(--target=wasm32 -O2 -nostdlib -Wl,--no-entry -Wl,--strip-debug)
"$CC" "${FLAGS[@]}" -msimd128 -o kernel-simd.wasm kernel.c
"$CC" "${FLAGS[@]}" -mno-simd128 -o kernel-scalar.wasm kernel.c
echo "built Fixtures/simd/kernel-simd.wasm ($(wc -c < kernel-simd.wasm) bytes)" \
     "and kernel-scalar.wasm ($(wc -c < kernel-scalar.wasm) bytes)"
