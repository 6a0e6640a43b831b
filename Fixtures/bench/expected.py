#!/usr/bin/env python3
"""Writes NAME.stdout.expected and NAME.stderr.expected for each NAME.wasm given,
from a run under Wasmtime (the `wasmtime` package in the project's .venv), and
prints the time between bench.start and bench.end."""
import os
import sys
import tempfile
import time

import wasmtime


def run(path: str) -> None:
    engine = wasmtime.Engine()
    store = wasmtime.Store(engine)
    module = wasmtime.Module.from_file(engine, path)
    linker = wasmtime.Linker(engine)
    linker.define_wasi()
    marks = {}
    linker.define_func("bench", "start", wasmtime.FuncType([], []), lambda: marks.__setitem__("start", time.perf_counter()))
    linker.define_func("bench", "end", wasmtime.FuncType([], []), lambda: marks.__setitem__("end", time.perf_counter()))
    stem = path[:-len(".wasm")]
    with tempfile.TemporaryDirectory() as scratch:
        out, err = os.path.join(scratch, "out"), os.path.join(scratch, "err")
        config = wasmtime.WasiConfig()
        config.argv = [os.path.basename(path)]
        config.stdout_file = out
        config.stderr_file = err
        store.set_wasi(config)
        linker.instantiate(store, module).exports(store)["_start"](store)
        for source, suffix in ((out, ".stdout.expected"), (err, ".stderr.expected")):
            with open(source, "rb") as file, open(stem + suffix, "wb") as expected:
                expected.write(file.read())
    print("%s: %.1f ms between bench.start and bench.end (Wasmtime)" % (path, (marks["end"] - marks["start"]) * 1000))


if __name__ == "__main__":
    for argument in sys.argv[1:]:
        run(argument)
