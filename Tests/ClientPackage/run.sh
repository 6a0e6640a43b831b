#!/usr/bin/env bash
# Builds a client package that depends on Wasmex by a tagged version URL, as a
# user's app does, and runs the README's snippets in it. Then checks that the
# client cannot reach compiler internals through `import Wasmex`.
#
# usage: Tests/ClientPackage/run.sh [WORK_DIR]   (default: .build-client)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="${1:-$root/.build-client}"
version="$(sed -n 's/.*public static let version = "\(.*\)".*/\1/p' "$root/Sources/Wasmex/Version.swift")"
[ -n "$version" ] || { echo "cannot read Engine.version from Sources/Wasmex/Version.swift"; exit 1; }

# A clone of the committed tree, tagged with the version: what a release is.
rm -rf "$work/wasmex"
mkdir -p "$work"
git clone -q "$root" "$work/wasmex"
git -C "$work/wasmex" tag -f "$version" >/dev/null

client="$work/client"
mkdir -p "$client/Sources/Tour"
sed -e "s|@WASMEX_URL@|file://$work/wasmex|" -e "s|@WASMEX_VERSION@|$version|" \
    "$root/Tests/ClientPackage/Package.swift.template" > "$client/Package.swift"
cp "$root/Tests/ClientPackage/Sources/Tour/Fixtures.swift" "$client/Sources/Tour/"
python3 "$root/Tests/ClientPackage/readme_snippets.py" "$root/README.md" \
    "$root/Tests/ClientPackage/checks.swift" "$client/Sources/Tour/Tour.swift"
rm -f "$client/Package.resolved" "$client/Sources/Tour/Internals.swift" "$client/Sources/Tour/main.swift"

echo "== client: swift build (Wasmex $version from file://$work/wasmex)"
(cd "$client" && swift package update >/dev/null && swift build 2>&1 | grep -E "error|warning: .*unsafe|Compiling Tour|Build complete" || true)
(cd "$client" && test -x .build/debug/Tour) || { echo "client build failed"; (cd "$client" && swift build); exit 1; }
mkdir -p /tmp/data
echo "== client: run the README tour"
(cd "$client" && WASMEX_FIXTURES="$root/Fixtures" .build/debug/Tour) | tee "$work/tour.log"
grep -q "integer divide by zero" "$work/tour.log" || { echo "the trap snippet did not print its trap"; exit 1; }
grep -q "Hey! It compiles! Ship it!" "$work/tour.log" || { echo "the WASI snippet did not echo its input"; exit 1; }

# Compiler internals must not be visible to a client.
echo "== client: compiler internals are not reachable"
for internal in ModuleCompiler JITSession SymbolNames SHA256 WasmModule CompiledModule WASIHostFunction; do
    echo "let probe = $internal.self" > "$client/Sources/Tour/Internals.swift"
    if (cd "$client" && swift build >"$work/internals.log" 2>&1); then
        echo "FAIL: a client can name $internal"; rm -f "$client/Sources/Tour/Internals.swift"; exit 1
    fi
    grep -q "cannot find '$internal' in scope" "$work/internals.log" \
        || { echo "FAIL: unexpected build error for $internal:"; cat "$work/internals.log"; exit 1; }
    echo "  $internal: not in scope"
done
rm -f "$client/Sources/Tour/Internals.swift"
echo "client package: OK"
