"""Comparing a Wasmex observation with Wasmtime's.

`compare` returns None when they agree, else a Divergence naming the first
difference. Kinds:

  validation    one side rejected the module, the other did not
  status        Wasmex could not run a module Wasmtime ran (unsupported
                feature, compile or link error)
  instantiate   instantiation trapped on one side only, or differently
  exports       different exported functions (should never happen)
  trap          a call trapped on one side only, or with another category
  results       a call returned different values (bit-exact, NaNs included)
  globals       exported globals differ after a call (or instantiation)
  memory        an exported memory differs (length or CRC-32)
  tables        an exported table differs (size or null pattern)
  crash         the Wasmex process died on the module
  timeout       the Wasmex process did not answer in time

Stack exhaustion depends on each engine's stack size and frame layout, not
on semantics: once either side reports "stack-exhausted" (both sides too:
they stop at different depths, leaving different state), the rest of the
module cannot be compared and `compare` returns INCONCLUSIVE instead (and
ORACLE_ERROR when Wasmtime itself failed without a verdict). The driver
counts both apart from divergences."""


class Divergence:
    def __init__(self, kind: str, step: int = -1, call=None, expected=None, actual=None):
        self.kind = kind
        self.step = step
        self.call = call
        self.expected = expected
        self.actual = actual

    def describe(self) -> str:
        where = "instantiation" if self.step <= 0 else "call %d %r" % (self.step, self.call)
        return "%s at %s: wasmtime %s, wasmex %s" % (self.kind, where, _short(self.expected), _short(self.actual))

    def as_json(self) -> dict:
        return {"kind": self.kind, "step": self.step, "call": self.call,
                "expected": self.expected, "actual": self.actual}


INCONCLUSIVE = Divergence("inconclusive-stack")
# Wasmtime failed in a way that is not a verdict on the module (an error that
# is neither a validation failure nor a trap): nothing to compare against.
ORACLE_ERROR = Divergence("inconclusive-oracle")


class ChildlessCrash(Exception):
    """A one-shot Wasmex process crashed or timed out (kind "crash"/"timeout")."""

    def __init__(self, kind: str, detail: str):
        super().__init__("%s: %s" % (kind, detail))
        self.kind = kind
        self.detail = detail


def _short(value) -> str:
    text = str(value)
    return text if len(text) <= 160 else text[:157] + "..."


def _outcome(step: dict):
    if step.get("trap") is not None:
        return "trap:" + step["trap"]
    return step.get("results")


def compare(oracle: dict, wasmex: dict):
    if oracle["status"] == "error":
        return ORACLE_ERROR
    if oracle["status"] == "invalid" or wasmex["status"] == "invalid":
        if oracle["status"] == wasmex["status"]:
            return None
        return Divergence("validation", expected=oracle["status"], actual=wasmex.get("message") or wasmex["status"])
    if wasmex["status"] != "ok":
        return Divergence("status", expected=oracle["status"], actual="%s: %s" % (wasmex["status"], wasmex.get("message")))
    if oracle.get("instantiate") != wasmex.get("instantiate"):
        if "stack-exhausted" in (oracle.get("instantiate"), wasmex.get("instantiate")):
            return INCONCLUSIVE
        return Divergence("instantiate", 0, None, oracle.get("instantiate"), wasmex.get("instantiate"))
    expected_steps, actual_steps = oracle.get("steps", []), wasmex.get("steps", [])
    if [s.get("call") for s in expected_steps] != [s.get("call") for s in actual_steps]:
        return Divergence("exports", 0, None, [s.get("call") for s in expected_steps],
                          [s.get("call") for s in actual_steps])
    for index, (expected, actual) in enumerate(zip(expected_steps, actual_steps)):
        call = expected.get("call")
        expected_trap, actual_trap = expected.get("trap"), actual.get("trap")
        if "stack-exhausted" in (expected_trap, actual_trap):
            # Even when both sides exhaust the stack, they do so at different
            # depths, so globals, memory and smith's fuel differ from here on.
            return INCONCLUSIVE
        if expected_trap != actual_trap:
            return Divergence("trap", index, call, _outcome(expected), _outcome(actual))
        if expected.get("results") != actual.get("results"):
            return Divergence("results", index, call, expected.get("results"), actual.get("results"))
        for key, kind in (("globals", "globals"), ("memories", "memory"), ("tables", "tables")):
            if expected["state"][key] != actual["state"][key]:
                return Divergence(kind, index, call, expected["state"][key], actual["state"][key])
    return None
