"""The figures a run prints at the end."""
import collections
import threading


class RunStats:
    def __init__(self, modes: list):
        self.lock = threading.Lock()
        self.modes = modes
        self.seeds = 0
        self.generated = 0          # smith produced a module
        self.not_generated = 0      # smith could not use the seed's bytes
        self.run = 0                # Wasmtime accepted and ran the module
        self.invalid = 0            # both sides rejected it
        self.oracle_failures = 0    # the Wasmtime child died or timed out
        self.calls = 0              # exported functions called (per side, per mode)
        self.traps = collections.Counter()
        self.divergences = {mode: collections.Counter() for mode in modes}
        self.inconclusive = collections.Counter()
        self.examples = []          # (seed, mode, Divergence, module path)

    def add(self, **counts):
        with self.lock:
            for key, value in counts.items():
                setattr(self, key, getattr(self, key) + value)

    def record_module(self, calls: int, traps: list):
        with self.lock:
            self.run += 1
            self.calls += calls
            self.traps.update(traps)

    def record_divergence(self, seed, mode, divergence, path):
        with self.lock:
            if divergence.kind.startswith("inconclusive"):
                self.inconclusive[mode] += 1
                return False
            self.divergences[mode][divergence.kind] += 1
            self.examples.append((seed, mode, divergence, path))
            return True

    def report(self, seconds: float, exact_modes: list) -> str:
        lines = [
            "seeds:               %d" % self.seeds,
            "modules generated:   %d (smith declined %d seeds)" % (self.generated, self.not_generated),
            "modules run:         %d (both sides rejected %d; oracle failures %d)" % (
                self.run, self.invalid, self.oracle_failures),
            "functions called:    %d per side and mode (%d calls across %d modes)" % (
                self.calls, self.calls * len(self.modes), len(self.modes)),
            "oracle outcomes:     " + ", ".join("%s %d" % item for item in sorted(self.traps.items())),
            "wall time:           %.1f s, %.1f modules/s (%.1f module-mode runs/s)" % (
                seconds, self.run / seconds if seconds else 0, self.run * len(self.modes) / seconds if seconds else 0),
            "divergences by mode:",
        ]
        for mode in self.modes:
            counter = self.divergences[mode]
            total = sum(counter.values())
            detail = ", ".join("%s %d" % item for item in sorted(counter.items())) or "none"
            tag = " (exact)" if mode in exact_modes else ""
            extra = "; inconclusive (stack limits, oracle errors) %d" % self.inconclusive[mode] if self.inconclusive[mode] else ""
            lines.append("  %-18s %6d  %s%s%s" % (mode, total, detail, tag, extra))
        return "\n".join(lines)
