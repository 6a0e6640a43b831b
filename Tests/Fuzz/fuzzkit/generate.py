"""Seed numbers to Wasm modules with `wasm-tools smith`.

A seed number determines everything: the bytes smith reads (Python's
Mersenne Twister seeded with the number, so any seed range is reproducible
anywhere), their length, and a profile:

* most seeds use smith.json as it is: traps of every kind are likely;
* one seed in four adds `--disallow-traps true`, so smith guards loads,
  stores, divisions and conversions and execution runs deeper (stores,
  memory growth, table updates) instead of stopping at the first trap.

Every module is terminating: `--ensure-termination` adds a fuel global
decremented in function prologues and loop headers that traps
`unreachable` when it reaches zero (the fuel is shared by all calls of a
module). It is not exported, so it is not part of the compared state."""
import os
import random
import subprocess

from .tools import FUZZ_DIR, wasm_tools

CONFIG = os.path.join(FUZZ_DIR, "smith.json")
DEFAULT_FUEL = 1000


def seed_input(seed: int) -> bytes:
    rng = random.Random(seed)
    return rng.randbytes(rng.randint(512, 4096))


def smith_arguments(seed: int, fuel: int) -> list:
    arguments = ["smith", "-c", CONFIG, "--ensure-termination", "--fuel", str(fuel)]
    if seed % 4 == 3:
        arguments += ["--disallow-traps", "true"]
    return arguments


def generate(seed: int, directory: str, fuel: int = DEFAULT_FUEL):
    """Writes seed's module to directory/seed-N.wasm; returns its path, or
    None when smith cannot build a module from these bytes (exit status 2)."""
    path = os.path.join(directory, "seed-%d.wasm" % seed)
    run = subprocess.run([wasm_tools()] + smith_arguments(seed, fuel) + ["-o", path],
                         input=seed_input(seed), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if run.returncode == 2:
        return None
    if run.returncode != 0:
        raise RuntimeError("wasm-tools smith failed for seed %d: %s" % (seed, run.stderr.decode(errors="replace")))
    return path
