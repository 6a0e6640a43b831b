#!/usr/bin/env bash
# Rebuilds the project's own sightglass-style workloads from their C sources
# and their expected output (from a run under Wasmtime, the reference engine).
# Needs a clang with the wasm32 target and wasm-ld: Debian's clang-19 lld-19, or
# the Swift toolchain's clang (CC=/opt/swift/usr/bin/clang). No libc: the
# programs call WASI's fd_write themselves (bench_io.h).
set -euo pipefail
cd "$(dirname "$0")"
CC=${CC:-clang-19}
PYTHON=${PYTHON:-../../.venv/bin/python}
for src in simd-*.c; do
  "$CC" --target=wasm32 -O2 -msimd128 -nostdlib -Wl,--no-entry -Wl,--export=_start \
        -Wl,--strip-debug -o "${src%.c}.wasm" "$src"
done
"$PYTHON" expected.py simd-*.wasm
