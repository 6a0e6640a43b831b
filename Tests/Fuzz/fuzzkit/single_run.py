"""One module through both sides in one process, for the reducer's
predicate and for replaying a module by hand (`fuzz.py --replay FILE`)."""
import json
import subprocess

from .compare import ChildlessCrash, compare
from .wasmtime_observer import make_engine, observe

_ENGINE = None


def oracle_observation(path: str) -> dict:
    global _ENGINE
    if _ENGINE is None:
        _ENGINE = make_engine(1 << 20)
    with open(path, "rb") as file:
        record = observe(_ENGINE, file.read())
    record["module"] = path
    return record


def wasmex_observations(wasmex: str, modes: list, path: str, timeout: float = 120):
    """Wasmex's observations per mode; raises ChildlessCrash when the process dies."""
    command = [wasmex, "fuzz-exec"] + ["--mode=" + mode for mode in modes] + [path]
    try:
        run = subprocess.run(command, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise ChildlessCrash("timeout", "no answer within %gs" % timeout)
    records = [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
    if run.returncode != 0:
        raise ChildlessCrash("crash", "exit status %d: %s" % (run.returncode, run.stderr.decode(errors="replace")[-500:]))
    return {record["mode"]: record for record in records}


def divergences(wasmex: str, modes: list, path: str) -> dict:
    """mode -> Divergence (or None) for one module."""
    expected = oracle_observation(path)
    actual = wasmex_observations(wasmex, modes, path)
    return {mode: compare(expected, actual[mode]) for mode in modes}
