"""Regression scripts: a module and what Wasmtime observed, as a .wast file
that `wasmex spec` runs.

The script instantiates the module as $M, then for every exported function
in export order checks the call's results or trap, and after it (and after
instantiation) every exported global (`get`) and every exported memory:
memories cannot be read from a script, so the module is registered and a
small checker module per memory imports it and exports its size in pages
and the CRC-32 of its bytes, computed in Wasm."""
import struct

from .values import SPEC_WORDING

_ZERO = {"i32": "(i32.const 0)", "i64": "(i64.const 0)", "f32": "(f32.const 0)", "f64": "(f64.const 0)",
         "v128": "(v128.const i64x2 0 0)", "funcref": "(ref.null func)", "externref": "(ref.null extern)",
         "exnref": "(ref.null exn)", "anyref": "(ref.null any)"}

_CHECKER = """(module $%(id)s
  (import "fuzzed" %(name)s (memory 0))
  (func (export "size") (result i32) (memory.size))
  (func (export "crc32") (result i32) (local $i i32) (local $end i32) (local $crc i32) (local $bit i32)
    (local.set $end (i32.mul (memory.size) (i32.const 65536)))
    (local.set $crc (i32.const -1))
    (block $done
      (loop $bytes
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $crc (i32.xor (local.get $crc) (i32.load8_u (local.get $i))))
        (local.set $bit (i32.const 8))
        (loop $bits
          (local.set $crc (i32.xor (i32.shr_u (local.get $crc) (i32.const 1))
                                   (i32.and (i32.const 0xEDB88320)
                                            (i32.sub (i32.const 0) (i32.and (local.get $crc) (i32.const 1))))))
          (local.set $bit (i32.sub (local.get $bit) (i32.const 1)))
          (br_if $bits (local.get $bit)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $bytes)))
    (i32.xor (local.get $crc) (i32.const -1))))
"""


def wast_string(name: str) -> str:
    out = []
    for byte in name.encode("utf-8"):
        char = chr(byte)
        if 0x20 <= byte < 0x7F and char not in '"\\':
            out.append(char)
        else:
            out.append("\\%02x" % byte)
    return '"' + "".join(out) + '"'


def _float(bits: int, width: int) -> str:
    exponent_bits, mantissa_bits = (8, 23) if width == 32 else (11, 52)
    sign = "-" if bits >> (width - 1) else ""
    exponent = (bits >> mantissa_bits) & ((1 << exponent_bits) - 1)
    mantissa = bits & ((1 << mantissa_bits) - 1)
    if exponent == (1 << exponent_bits) - 1:
        return sign + ("inf" if mantissa == 0 else "nan:0x%x" % mantissa)
    value = struct.unpack("<f", struct.pack("<I", bits))[0] if width == 32 else \
        struct.unpack("<d", struct.pack("<Q", bits))[0]
    return value.hex() if value != 0 else sign + "0x0p+0"


def const(value: str) -> str:
    """An observation value as a wast constant (or result pattern)."""
    kind, payload = value.split(":", 1)
    if kind in ("i32", "i64"):
        return "(%s.const 0x%s)" % (kind, payload)
    if kind == "f32":
        return "(f32.const %s)" % _float(int(payload, 16), 32)
    if kind == "f64":
        return "(f64.const %s)" % _float(int(payload, 16), 64)
    if kind == "v128":
        data = bytes.fromhex(payload)
        lanes = struct.unpack("<4I", data)
        return "(v128.const i32x4 %s)" % " ".join("0x%08x" % lane for lane in lanes)
    if kind == "funcref":
        return "(ref.null func)" if payload == "null" else "(ref.func)"
    if kind == "externref":
        return "(ref.null extern)" if payload == "null" else "(ref.extern)"
    if kind == "exnref":
        return "(ref.null exn)" if payload == "null" else "(ref.exn)"
    if kind == "anyref":
        return "(ref.null any)" if payload == "null" else "(ref.any)"
    raise ValueError("unknown value %r" % value)


def _state_checks(exports: dict, state: dict, lines: list):
    for name, value in zip(exports["globals"], state["globals"]):
        lines.append("(assert_return (get $M %s) %s)" % (wast_string(name), const(value)))
    for index, memory in enumerate(state["memories"]):
        length, crc = memory.split(":")
        lines.append('(assert_return (invoke $mem%d "size") (i32.const %d))' % (index, int(length) // 65536))
        lines.append('(assert_return (invoke $mem%d "crc32") (i32.const 0x%s))' % (index, crc))


def script(module_text: str, observation: dict, header: str) -> str:
    """The regression script for a module (its text) and Wasmtime's observation of it."""
    lines = [";; " + line for line in header.strip().splitlines()]
    body = module_text.strip()
    assert body.startswith("(module")
    named = "(module $M" + body[len("(module"):]
    if observation.get("instantiate") == "uncaught-exception":
        # No script command expects a start function's uncaught exception.
        lines.append(";; instantiation ends with an uncaught exception (the start function throws)")
        lines.append("(module definition " + body[len("(module"):].strip())
        return "\n".join(lines) + "\n"
    if observation.get("instantiate"):
        lines.append("(assert_trap %s %s)" % (named.replace("(module $M", "(module", 1),
                                               wast_string(SPEC_WORDING.get(observation["instantiate"], "trap"))))
        return "\n".join(lines) + "\n"
    exports = observation["exports"]
    lines.append(named)
    if exports["memories"]:
        lines.append('(register "fuzzed" $M)')
        for index, name in enumerate(exports["memories"]):
            checker = _CHECKER % {"id": "mem%d" % index, "name": wast_string(name)}
            if (exports.get("memories64") or [False] * (index + 1))[index]:
                # memory64: the checker imports an i64 memory and wraps its (small) size.
                checker = checker.replace("(memory 0))", "(memory i64 0))").replace(
                    "(memory.size)", "(i32.wrap_i64 (memory.size))").replace(
                    "(i32.load8_u (local.get $i))", "(i32.load8_u (i64.extend_i32_u (local.get $i)))")
            lines.append(checker)
    params = dict((name, types) for name, types in exports["functions"])
    steps = observation["steps"]
    lines.append(";; after instantiation")
    _state_checks(exports, steps[0]["state"], lines)
    for step in steps[1:]:
        name = step["call"]
        invoke = "(invoke $M %s%s)" % (wast_string(name), "".join(" " + _ZERO[t] for t in params[name]))
        if any(v.startswith("exnref:") for v in step.get("results") or []):
            # Scripts have no pattern for a non-null exnref: call without checking results.
            lines.append(invoke)
        elif step.get("trap") == "uncaught-exception":
            lines.append("(assert_exception %s)" % invoke)
        elif step.get("trap"):
            lines.append("(assert_trap %s %s)" % (invoke, wast_string(SPEC_WORDING.get(step["trap"], step["trap"]))))
        else:
            lines.append("(assert_return %s%s)" % (invoke, "".join(" " + const(v) for v in step["results"])))
        _state_checks(exports, step["state"], lines)
    return "\n".join(lines) + "\n"
