#!/usr/bin/env python3
"""Runs one benchmark workload under Wasmtime (PyPI `wasmtime`) for `wasmex bench`.

Usage:
  wasmtime_runner.py --probe
  wasmtime_runner.py --kind sightglass|coremark --wasm FILE --runs N [--dir DIR] [--arg0 NAME]
  wasmtime_runner.py --kind gc --wasm FILE --runs N --invoke EXPORT [--arg I32]...

Compiles the module once, then instantiates and runs it N times, each in a
fresh store. Prints one JSON object on stdout:
  {"compile_ms": float, "samples": [{"instantiate_ms", "run_ms", "exit_code",
   "stdout_b64", "stderr_b64", "score"}]}
or {"error": "message"} (exit status 1). Times come from time.perf_counter_ns.
Sightglass runs happen in DIR with DIR preopened as "."; run_ms is the time
between the bench.start and bench.end calls.

--kind gc (`wasmex bench gc`) enables WebAssembly GC and typed function
references, instantiates the module (no imports) in a fresh store per run
and times one call of EXPORT with the i32 arguments; samples are
{"run_ms", "result"}. Wasmtime's API reports no collector statistics, so
there are none to return.
"""
import argparse
import base64
import json
import os
import sys
import tempfile
import time


def now_ms():
    return time.perf_counter_ns() / 1e6


def probe():
    import wasmtime  # noqa: F401  (raises ImportError when absent)
    try:
        from importlib.metadata import version
        found = version("wasmtime")
    except Exception:  # metadata may be unavailable; the import succeeded anyway
        found = "unknown"
    return {"version": found}


class Timer:
    def __init__(self):
        self.start_ns = None
        self.end_ns = None
        self.starts = 0
        self.ends = 0

    def start(self):
        self.starts += 1
        self.start_ns = time.perf_counter_ns()

    def end(self):
        self.ends += 1
        self.end_ns = time.perf_counter_ns()

    def elapsed_ms(self):
        if self.starts != 1 or self.ends != 1 or self.end_ns < self.start_ns:
            raise RuntimeError(
                "bench.start called %dx, bench.end called %dx (expected once each, start first)"
                % (self.starts, self.ends))
        return (self.end_ns - self.start_ns) / 1e6


def run_sightglass(wasmtime, engine, module, args, scratch):
    timer = Timer()
    out_path = os.path.join(scratch, "stdout")
    err_path = os.path.join(scratch, "stderr")
    wasi = wasmtime.WasiConfig()
    wasi.argv = [args.arg0]
    wasi.preopen_dir(args.dir, ".")
    wasi.stdout_file = out_path
    wasi.stderr_file = err_path
    store = wasmtime.Store(engine)
    store.set_wasi(wasi)
    linker = wasmtime.Linker(engine)
    linker.define_wasi()
    empty = wasmtime.FuncType([], [])
    linker.define_func("bench", "start", empty, timer.start)
    linker.define_func("bench", "end", empty, timer.end)
    began = now_ms()
    instance = linker.instantiate(store, module)
    instantiate_ms = now_ms() - began
    exit_code = 0
    try:
        instance.exports(store)["_start"](store)
    except wasmtime.ExitTrap as exit_trap:
        exit_code = exit_trap.code
    del store
    with open(out_path, "rb") as f:
        stdout = f.read()
    with open(err_path, "rb") as f:
        stderr = f.read()
    return {
        "instantiate_ms": instantiate_ms,
        "run_ms": timer.elapsed_ms(),
        "exit_code": exit_code,
        "stdout_b64": base64.b64encode(stdout).decode("ascii"),
        "stderr_b64": base64.b64encode(stderr).decode("ascii"),
    }


def clock_ms():
    value = (time.monotonic_ns() // 1_000_000) & 0xFFFFFFFF
    return value - (1 << 32) if value >= (1 << 31) else value


def run_coremark(wasmtime, engine, module):
    store = wasmtime.Store(engine)
    linker = wasmtime.Linker(engine)
    i32 = wasmtime.ValType.i32()
    linker.define_func("env", "clock_ms", wasmtime.FuncType([], [i32]), clock_ms)
    began = now_ms()
    instance = linker.instantiate(store, module)
    instantiate_ms = now_ms() - began
    run = instance.exports(store)["run"]
    began = now_ms()
    score = run(store)
    run_ms = now_ms() - began
    return {"instantiate_ms": instantiate_ms, "run_ms": run_ms, "exit_code": 0, "score": float(score)}


def run_gc(wasmtime, engine, module, args):
    store = wasmtime.Store(engine)
    began = now_ms()
    instance = wasmtime.Instance(store, module, [])
    instantiate_ms = now_ms() - began
    function = instance.exports(store)[args.invoke]
    began = time.perf_counter_ns()
    result = function(store, *args.arg)
    run_ms = (time.perf_counter_ns() - began) / 1e6
    del store  # frees the store's GC heap before the next run
    return {"instantiate_ms": instantiate_ms, "run_ms": run_ms, "result": result}


def measure(args):
    import wasmtime
    config = wasmtime.Config()
    if args.kind == "gc":
        config.wasm_gc = True
        config.wasm_function_references = True
    engine = wasmtime.Engine(config)
    with open(args.wasm, "rb") as f:
        wasm = f.read()
    began = now_ms()
    module = wasmtime.Module(engine, wasm)
    compile_ms = now_ms() - began
    samples = []
    with tempfile.TemporaryDirectory(prefix="wasmex-bench-") as scratch:
        for _ in range(args.runs):
            if args.kind == "sightglass":
                samples.append(run_sightglass(wasmtime, engine, module, args, scratch))
            elif args.kind == "gc":
                samples.append(run_gc(wasmtime, engine, module, args))
            else:
                samples.append(run_coremark(wasmtime, engine, module))
    return {"compile_ms": compile_ms, "samples": samples}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--probe", action="store_true")
    parser.add_argument("--kind", choices=["sightglass", "coremark", "gc"])
    parser.add_argument("--wasm")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--dir", default=".")
    parser.add_argument("--arg0", default="main.wasm")
    parser.add_argument("--invoke", default="run")
    parser.add_argument("--arg", type=int, action="append", default=[])
    args = parser.parse_args()
    try:
        if args.probe:
            result = probe()
        else:
            if not args.kind or not args.wasm or args.runs < 1:
                raise ValueError("--kind, --wasm and a positive --runs are required")
            if args.kind == "sightglass":
                os.chdir(args.dir)
            result = measure(args)
    except Exception as error:  # report every failure as JSON for the Swift side
        json.dump({"error": "%s: %s" % (type(error).__name__, error)}, sys.stdout)
        return 1
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
