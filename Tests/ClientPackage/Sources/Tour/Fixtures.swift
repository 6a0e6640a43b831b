// The inputs the README's snippets name, read from the Wasmex checkout whose
// path run.sh passes in WASMEX_FIXTURES. Plain Glibc, no Foundation, so the
// README's `Pipe` means Wasmex's pipe as it does for a user.
import Glibc

func fixture(_ path: String) -> [UInt8] {
    guard let root = getenv("WASMEX_FIXTURES"), let file = fopen(String(cString: root) + "/" + path, "rb") else {
        fatalError("cannot open fixture \(path): set WASMEX_FIXTURES to Wasmex's Fixtures folder")
    }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = fread(&chunk, 1, chunk.count, file)
        if count == 0 { break }
        bytes += chunk[0..<count]
    }
    return bytes
}

let testWasm = fixture("wasmex/test.wasm")
let calculatorWasm = fixture("wasmex/calculator.wasm")
let utilsWasm = fixture("wasmex/utils.wasm")
let echoWasm = fixture("wasi/echo.wasm")

/// Fails the run (exit 1) with `what` when a README claim does not hold.
func check(_ condition: Bool, _ what: String) {
    if !condition {
        print("README claim failed: \(what)")
        exit(1)
    }
}
