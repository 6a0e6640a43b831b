"""Lists the public API that `import Wasmex` gives a client and compares it
with the checked-in list (public-api.txt), so no symbol becomes public, or
stops being public, without anyone noticing.

`import Wasmex` sees the Wasmex module and the modules it re-exports:
WasmexWASI, and the public vocabulary of WasmFrontend and WasmCompiler. Each
public symbol becomes one line: module, kind, path and declaration.

usage: check.py [--update]   (run from the package root after `swift build`)
"""
import json
import pathlib
import re
import subprocess
import sys

MODULES = ("Wasmex", "WasmexWASI", "WasmFrontend", "WasmCompiler")
LIST = pathlib.Path(__file__).with_name("public-api.txt")


def symbol_graph_dir() -> pathlib.Path:
    run = subprocess.run(
        ["swift", "package", "dump-symbol-graph", "--minimum-access-level", "public", "--skip-synthesized-members"],
        capture_output=True, text=True)
    found = re.search(r"Files written to (\S+)", run.stdout + run.stderr)
    if run.returncode != 0 or not found:
        sys.exit("swift package dump-symbol-graph failed:\n" + run.stdout + run.stderr)
    return pathlib.Path(found.group(1))


def declaration(symbol: dict) -> str:
    text = "".join(fragment["spelling"] for fragment in symbol.get("declarationFragments", []))
    return " ".join(text.split())


def public_symbols(directory: pathlib.Path) -> list[str]:
    lines = set()
    for path in sorted(directory.glob("*.symbols.json")):
        module = path.name.split(".")[0].split("@")[0]
        if module not in MODULES:
            continue
        for symbol in json.loads(path.read_text())["symbols"]:
            if symbol.get("accessLevel") != "public":
                continue
            name = ".".join(symbol["pathComponents"])
            lines.add(f"{module} {symbol['kind']['identifier']} {name} | {declaration(symbol)}")
    return sorted(lines)


def main() -> None:
    current = public_symbols(symbol_graph_dir())
    if "--update" in sys.argv:
        LIST.write_text("\n".join(current) + "\n")
        print(f"wrote {len(current)} public symbols to {LIST}")
        return
    expected = LIST.read_text().splitlines() if LIST.exists() else []
    added = sorted(set(current) - set(expected))
    removed = sorted(set(expected) - set(current))
    if added or removed:
        for line in added:
            print("+ " + line)
        for line in removed:
            print("- " + line)
        sys.exit(f"public API differs from {LIST.name}: {len(added)} added, {len(removed)} removed "
                 "(if intended: make api-update)")
    print(f"public API: {len(current)} symbols, as listed in {LIST.name}")


if __name__ == "__main__":
    main()
