#!/usr/bin/env python3
"""The interestingness predicate `wasm-tools shrink` runs while reducing a
divergence: exits 0 when the candidate module (argv[1]) still diverges in
mode $FUZZ_MODE with kind $FUZZ_KIND (or, for "crash", still kills the
Wasmex process), 1 otherwise. $WASMEX is the wasmex binary."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fuzzkit.compare import ChildlessCrash  # noqa: E402
from fuzzkit.single_run import divergences  # noqa: E402


def main() -> int:
    mode, kind, wasmex = os.environ["FUZZ_MODE"], os.environ["FUZZ_KIND"], os.environ["WASMEX"]
    try:
        found = divergences(wasmex, [mode], sys.argv[1])[mode]
    except ChildlessCrash as failure:
        return 0 if failure.kind == kind else 1
    return 0 if found is not None and found.kind == kind else 1


if __name__ == "__main__":
    sys.exit(main())
