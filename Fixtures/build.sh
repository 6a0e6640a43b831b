#!/usr/bin/env bash
# Rebuilds every .wasm fixture from its source. Needs: clang-19 lld-19 wasi-libc
# libclang-rt-19-dev-wasm32 (Debian), and the project's .venv (wasm-tools) for .wat.
set -euo pipefail
cd "$(dirname "$0")"
CC=${CC:-clang-19}
WASM_TOOLS=${WASM_TOOLS:-../.venv/bin/wasm-tools}
for src in wasmex/*.c; do
  "$CC" --target=wasm32 -O2 -nostdlib -Wl,--no-entry -Wl,--strip-debug -o "${src%.c}.wasm" "$src"
done
for src in wasmex/*.wat; do
  "$WASM_TOOLS" parse -o "${src%.wat}.wasm" "$src"
done
if [ -d wasi ] && [ -x wasi/build.sh ]; then wasi/build.sh; fi
if [ -d simd ] && [ -x simd/build.sh ]; then simd/build.sh; fi
if [ -d bench ] && [ -x bench/build.sh ]; then bench/build.sh; fi
if [ -d debug ] && [ -x debug/build.sh ]; then debug/build.sh; fi
if [ -d memory64 ] && [ -x memory64/build.sh ]; then memory64/build.sh; fi
echo "fixtures rebuilt"
