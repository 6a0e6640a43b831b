"""Shrinking a diverging module and keeping it as a regression script.

`wasm-tools shrink` mutates the module towards smaller ones and keeps a
candidate when predicate.py says it still diverges in the same mode with the
same kind. The result is run once more on Wasmtime, and its observation
becomes the expectations of a .wast script (wast.py)."""
import os
import shlex
import stat
import subprocess
import tempfile

from .single_run import oracle_observation
from .tools import FUZZ_DIR, venv_python, wasm_tools
from .wast import script


def shrink(path: str, mode: str, kind: str, wasmex: str, attempts: int, output: str) -> bool:
    with tempfile.TemporaryDirectory(prefix="wasmex-shrink-") as scratch:
        predicate = os.path.join(scratch, "predicate.sh")
        with open(predicate, "w") as file:
            file.write("#!/bin/sh\nFUZZ_MODE=%s FUZZ_KIND=%s WASMEX=%s exec %s %s \"$1\"\n" % (
                shlex.quote(mode), shlex.quote(kind), shlex.quote(wasmex), shlex.quote(venv_python()),
                shlex.quote(os.path.join(FUZZ_DIR, "predicate.py"))))
        os.chmod(predicate, os.stat(predicate).st_mode | stat.S_IEXEC)
        run = subprocess.run([wasm_tools(), "shrink", "--attempts", str(attempts), predicate, path, "-o", output],
                             capture_output=True, cwd=scratch)
        if run.returncode != 0:
            print("shrink failed (%s, %s): %s" % (mode, kind, run.stderr.decode(errors="replace").strip()[-300:]))
        return run.returncode == 0 and os.path.exists(output)


def regression_script(path: str, title: str) -> str:
    text = subprocess.run([wasm_tools(), "print", path], capture_output=True, text=True, check=True).stdout
    return script(text, oracle_observation(path), title)


def keep(path: str, mode: str, kind: str, seed, detail: str, wasmex: str, attempts: int, directory: str) -> str:
    """Shrinks `path` (falling back to the original when shrinking fails) and
    writes directory/<kind>-<mode>-seed<N>.wast; returns the script's path."""
    os.makedirs(directory, exist_ok=True)
    label = "seed%s" % seed if isinstance(seed, int) else os.path.splitext(os.path.basename(str(seed)))[0]
    name = "%s-%s-%s" % (kind, mode, label)
    title = ("Differential fuzzing: Wasmex (%s) diverged from Wasmtime, %s.\n"
             "From %s, shrunk with wasm-tools shrink; expectations are Wasmtime's.\n"
             "Found: %s" % (mode, kind, label, detail))
    target = os.path.join(directory, name + ".wast")
    with tempfile.TemporaryDirectory(prefix="wasmex-keep-") as scratch:
        shrunk = os.path.join(scratch, "shrunk.wasm")
        source = shrunk if shrink(path, mode, kind, wasmex, attempts, shrunk) else path
        text = regression_script(source, title)
    with open(target, "w") as file:
        file.write(text)
    return target
