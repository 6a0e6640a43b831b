#!/usr/bin/env bash
# Builds the WASI C fixtures next to their sources:
#   clang-19 --target=wasm32-wasi with wasi-libc (Debian packages clang-19,
#   lld-19, wasi-libc, libclang-rt-19-dev-wasm32).
set -euo pipefail
cd "$(dirname "$0")"
CC=${CC:-clang-19}
SYSROOT=${WASI_SYSROOT:-/usr}
for source in echo args_env files exit_code; do
    "$CC" --target=wasm32-wasi --sysroot="$SYSROOT" -O2 -Wall -Wextra -o "$source.wasm" "$source.c"
    echo "built Fixtures/wasi/$source.wasm ($(wc -c < "$source.wasm") bytes)"
done
