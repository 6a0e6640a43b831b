#!/usr/bin/env bash
# Builds the DWARF fixtures for source-level trap backtraces (needs clang-19,
# lld-19, wasi-libc, libclang-rt-19-dev-wasm32, and for C++ the wasm32
# libc++: libc++-19-dev-wasm32 libc++abi-19-dev-wasm32). Each keeps its DWARF
# in custom sections; paths are recorded under /wasmex/Fixtures/debug so the
# tests do not depend on where the repository is checked out.
#   crash-O0.wasm          C, -g -O0 (DWARF 4, clang's default for wasm32)
#   crash-O1-dwarf5.wasm   C, -g -gdwarf-5 -O1 (.debug_line_str, .debug_str_offsets)
#   shapes.wasm            C++, -g -O0, linked with -no-demangle so that the name
#                          section keeps mangled names (as rustc's output does)
set -euo pipefail
cd "$(dirname "$0")"
CC=${CC:-clang-19}
CXX=${CXX:-clang++-19}
SYSROOT=${WASI_SYSROOT:-/usr}
FLAGS=(--target=wasm32-wasi --sysroot="$SYSROOT" -g -Wall -Wextra "-ffile-prefix-map=$PWD=/wasmex/Fixtures/debug")
"$CC" "${FLAGS[@]}" -O0 -o crash-O0.wasm crash.c
"$CC" "${FLAGS[@]}" -gdwarf-5 -O1 -o crash-O1-dwarf5.wasm crash.c
"$CXX" "${FLAGS[@]}" -O0 -fno-exceptions -Xlinker -no-demangle -o shapes.wasm shapes.cpp
for fixture in crash-O0 crash-O1-dwarf5 shapes; do
    echo "built Fixtures/debug/$fixture.wasm ($(wc -c < "$fixture.wasm") bytes)"
done
