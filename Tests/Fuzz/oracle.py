#!/usr/bin/env python3
"""The Wasmtime side of the differential fuzzer, run as a child process.

Reads module paths from stdin, one a line, and prints one JSON observation
per module (see fuzzkit/values.py and README.md) as soon as it is done:

    {"module": PATH, "status": "ok", "instantiate": null, "steps": [...]}

Printing "begin PATH" on stderr before each module lets the driver tell
which module was running if this process dies."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fuzzkit.wasmtime_observer import make_engine, observe  # noqa: E402


def main() -> None:
    stack = int(os.environ.get("FUZZ_MAX_WASM_STACK", str(1 << 20)))
    engine = make_engine(stack)
    for line in sys.stdin:
        path = line.strip()
        if not path:
            continue
        with open(path, "rb") as file:
            wasm = file.read()
        record = {"module": path}
        record.update(observe(engine, wasm))
        sys.stdout.write(json.dumps(record) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
