#!/usr/bin/env bash
# Rebuilds the wasm64 fixtures: freestanding C for --target=wasm64 (no libc).
# Needs a clang and wasm-ld with the WebAssembly target (clang-19 + lld-19 on Debian;
# the Swift toolchain's clang works too: CC=/opt/swift/usr/bin/clang).
set -euo pipefail
cd "$(dirname "$0")"
CC=${CC:-clang-19}
for src in *.c; do
  "$CC" --target=wasm64 -O2 -nostdlib -Wl,--no-entry -Wl,--export-all -Wl,--strip-debug \
    -o "${src%.c}.wasm" "$src"
done
