"""Writes the README's Swift snippets, in order, as the client's Tour.swift.

Every ```swift block of README.md becomes the body of one `main()`, so a
snippet that stops compiling, or names something the public API does not
offer, fails the client build. checks.swift is appended to assert the results
the README's comments promise. (A `main()` rather than top-level code: Swift
6.3 crashes in SILGen on this async top-level code, and a user's app has a
main function anyway.)
"""
import pathlib
import re
import sys

readme, checks, out = (pathlib.Path(a) for a in sys.argv[1:4])
blocks = re.findall(r"```swift\n(.*?)```", readme.read_text(), flags=re.S)
if not blocks:
    sys.exit("no ```swift blocks in " + str(readme))
code = []
for number, block in enumerate(blocks, 1):
    lines = [line for line in block.splitlines() if line.strip() != "import Wasmex"]
    code += [f"// --- README snippet {number} ---", *lines, ""]
code += checks.read_text().splitlines()
header = ["// Generated from README.md by readme_snippets.py: do not edit.", "import Wasmex", "",
          "@main", "struct Tour {", "    static func main() async throws {"]
body = header + [("        " + line) if line else line for line in code] + ["    }", "}", ""]
out.write_text("\n".join(body))
print(f"{len(blocks)} README snippets -> {out}")
