"""Writes the README's Swift snippets, in order, as the client's main.swift.

Every ```swift block of README.md becomes top-level code of one program, so a
snippet that stops compiling, or names something the public API does not
offer, fails the client build. checks.swift is appended to assert the results
the README's comments promise.
"""
import pathlib
import re
import sys

readme, checks, out = (pathlib.Path(a) for a in sys.argv[1:4])
blocks = re.findall(r"```swift\n(.*?)```", readme.read_text(), flags=re.S)
if not blocks:
    sys.exit("no ```swift blocks in " + str(readme))
body = ["// Generated from README.md by readme_snippets.py: do not edit.", "import Wasmex", ""]
for number, block in enumerate(blocks, 1):
    lines = [line for line in block.splitlines() if line.strip() != "import Wasmex"]
    body += [f"// --- README snippet {number} ---", *lines, ""]
out.write_text("\n".join(body) + checks.read_text())
print(f"{len(blocks)} README snippets -> {out}")
