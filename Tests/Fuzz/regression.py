#!/usr/bin/env python3
"""Writes a regression script for a module by hand: Wasmtime runs the module
(.wasm or .wat) and its observation becomes the script's expectations, as
for the divergences fuzz.py minimises itself.

    regression.py module.wat regressions/name.wast "what it checks"
"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fuzzkit.reduce import regression_script  # noqa: E402
from fuzzkit.tools import wasm_tools  # noqa: E402


def main() -> int:
    if len(sys.argv) != 4:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    source, target, title = sys.argv[1:]
    with tempfile.TemporaryDirectory() as scratch:
        binary = os.path.join(scratch, "module.wasm")
        subprocess.run([wasm_tools(), "parse", source, "-o", binary], check=True)
        text = regression_script(binary, title)
    with open(target, "w") as file:
        file.write(text)
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
