#!/usr/bin/env python3
"""Differential fuzzer: wasm-smith modules on Wasmtime (the oracle) and on
Wasmex in several modes, compared call by call. See README.md.

    fuzz.py --seeds 0..999 --jobs 2
    fuzz.py --seeds 0..99999 --modes jit-o2-explicit,aot-o2-explicit --exact-modes all
    fuzz.py --replay module.wasm --modes jit-o2-guard

Exit status 1 when a mode listed in --exact-modes diverged (crashes and
timeouts included), else 0."""
import argparse
import json
import os
import queue
import shutil
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fuzzkit.children import ChildFailure, LineChild  # noqa: E402
from fuzzkit.compare import Divergence, compare  # noqa: E402
from fuzzkit.generate import DEFAULT_FUEL, generate  # noqa: E402
from fuzzkit.reduce import keep  # noqa: E402
from fuzzkit.stats import RunStats  # noqa: E402
from fuzzkit.tools import FUZZ_DIR, venv_python, wasmex  # noqa: E402

DEFAULT_MODES = "jit-o2-guard,jit-o2-explicit,jit-o0-guard,aot-o2-guard"


def seed_range(text: str) -> range:
    if ".." in text:
        low, high = text.split("..", 1)
        return range(int(low), int(high) + 1)
    return range(int(text), int(text) + 1)


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", default="0..99", help="seed range A..B (inclusive) or one seed")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="parallel workers")
    parser.add_argument("--modes", default=DEFAULT_MODES, help="comma-separated Wasmex modes")
    parser.add_argument("--exact-modes", default="all",
                        help="modes whose divergences fail the run: comma-separated, 'all' or 'none'")
    parser.add_argument("--fuel", type=int, default=DEFAULT_FUEL, help="smith's --fuel per module")
    parser.add_argument("--timeout", type=float, default=120, help="seconds per module and mode (per answer line) before a child is killed")
    parser.add_argument("--wasmex", default=None, help="the wasmex binary (default .build/debug/wasmex)")
    parser.add_argument("--work-dir", default=None, help="where modules and logs go (default: a temp dir)")
    parser.add_argument("--reduce", type=int, default=3,
                        help="shrink at most this many divergences (one per mode and kind) into regression scripts")
    parser.add_argument("--shrink-attempts", type=int, default=200)
    parser.add_argument("--regressions", default=None,
                        help="folder for regression scripts (default: <work-dir>/regressions)")
    parser.add_argument("--show", type=int, default=10, help="print at most this many divergences")
    parser.add_argument("--replay", nargs="*", default=None, help="compare these module files instead of seeds")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    return parser.parse_args()


class Worker:
    """One oracle child and one Wasmex child, fed one module at a time."""

    def __init__(self, options, modes: list, stats: RunStats, work_dir: str):
        self.modes = modes
        self.stats = stats
        self.work_dir = work_dir
        self.fuel = options.fuel
        self.oracle = LineChild([venv_python(), os.path.join(FUZZ_DIR, "oracle.py")], 1, options.timeout)
        self.wasmex = LineChild([options.wasmex, "fuzz-exec", "--stdin"] + ["--mode=" + m for m in modes],
                                len(modes), options.timeout)

    def close(self):
        self.oracle.close()
        self.wasmex.close()

    def module_for(self, seed):
        if isinstance(seed, str):
            return seed
        path = generate(seed, self.work_dir, self.fuel)
        self.stats.add(generated=1 if path else 0, not_generated=0 if path else 1)
        return path

    def process(self, seed):
        path = self.module_for(seed)
        if path is None:
            return
        try:
            expected = self.oracle.run(path)[0]
        except ChildFailure as failure:
            self.stats.add(oracle_failures=1)
            print("oracle %s on %s: %s" % (failure.kind, path, failure.detail), file=sys.stderr)
            return
        if expected["status"] == "invalid":
            self.stats.add(invalid=1)
        elif expected["status"] == "ok":
            steps = expected.get("steps", [])[1:]
            self.stats.record_module(len(steps), [s.get("trap") or "return" for s in steps])
        try:
            records = {record["mode"]: record for record in self.wasmex.run(path)}
            failure = None
        except ChildFailure as caught:
            records = {record["mode"]: record for record in caught.partial}
            failure = caught
        diverged = False
        for mode in self.modes:
            if mode in records:
                found = compare(expected, records[mode])
            elif failure is not None:
                found = Divergence(failure.kind, expected="no crash", actual=failure.detail)
                failure = None  # the modes after the crashing one were not run
            else:
                continue
            if found is not None and self.stats.record_divergence(seed, mode, found, path):
                diverged = True
        if not isinstance(seed, str):
            if diverged:
                keep_dir = os.path.join(self.work_dir, "divergent")
                os.makedirs(keep_dir, exist_ok=True)
                shutil.move(path, os.path.join(keep_dir, os.path.basename(path)))
            else:
                os.remove(path)


def run_all(options, modes, stats, work_dir, items) -> None:
    work = queue.Queue()
    for item in items:
        work.put(item)
    done = [0]
    lock = threading.Lock()
    started = time.monotonic()

    def loop():
        worker = Worker(options, modes, stats, work_dir)
        try:
            while True:
                try:
                    item = work.get_nowait()
                except queue.Empty:
                    return
                worker.process(item)
                with lock:
                    done[0] += 1
                    if not options.quiet and done[0] % 250 == 0:
                        elapsed = time.monotonic() - started
                        print("  %d/%d modules, %.1f/s, divergences %d" % (
                            done[0], len(items), done[0] / elapsed, len(stats.examples)), flush=True)
        finally:
            worker.close()

    threads = [threading.Thread(target=loop) for _ in range(max(1, options.jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def main() -> int:
    options = parse_arguments()
    options.wasmex = os.path.abspath(options.wasmex or wasmex())
    modes = [m for m in options.modes.split(",") if m]
    exact = modes if options.exact_modes == "all" else \
        [] if options.exact_modes == "none" else [m for m in options.exact_modes.split(",") if m]
    work_dir = options.work_dir or tempfile.mkdtemp(prefix="wasmex-fuzz-")
    os.makedirs(work_dir, exist_ok=True)
    regressions = options.regressions or os.path.join(work_dir, "regressions")
    items = [os.path.abspath(p) for p in options.replay] if options.replay is not None \
        else list(seed_range(options.seeds))
    stats = RunStats(modes)
    stats.seeds = len(items)
    print("fuzz: %d %s, modes %s, exact %s, %d jobs, work dir %s" % (
        len(items), "modules" if options.replay is not None else "seeds (%s)" % options.seeds,
        ",".join(modes), ",".join(exact) or "none", options.jobs, work_dir), flush=True)

    started = time.monotonic()
    run_all(options, modes, stats, work_dir, items)
    seconds = time.monotonic() - started

    with open(os.path.join(work_dir, "divergences.jsonl"), "w") as log:
        for seed, mode, divergence, path in stats.examples:
            log.write(json.dumps({"seed": seed, "mode": mode, "module": path, **divergence.as_json()}) + "\n")
    examples = sorted(stats.examples, key=lambda e: (e[1] not in exact, str(e[0])))
    for seed, mode, divergence, path in examples[:options.show]:
        print("divergence: seed %s, %s: %s" % (seed, mode, divergence.describe()))
    print(stats.report(seconds, exact))

    kept, signatures = [], set()
    for seed, mode, divergence, path in examples:
        if len(kept) >= options.reduce:
            break
        if (mode, divergence.kind) in signatures or divergence.kind == "timeout":
            continue
        signatures.add((mode, divergence.kind))
        module = path if isinstance(seed, str) else os.path.join(work_dir, "divergent", os.path.basename(path))
        kept.append(keep(module, mode, divergence.kind, seed, divergence.describe(), options.wasmex,
                         options.shrink_attempts, regressions))
    for path in kept:
        print("regression script: %s" % path)

    failed = any(sum(stats.divergences[mode].values()) for mode in exact)
    if not failed and options.work_dir is None and not stats.examples:
        shutil.rmtree(work_dir, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
