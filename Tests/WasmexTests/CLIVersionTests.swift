import Foundation
import Testing
import Wasmex

@Suite("CLI: --version", .enabled(if: SpecTestSupport.available(CLIHarness.binary != nil, otherwise: "wasmex binary not built (set WASMEX_BIN)")))
struct CLIVersionTests {
    @Test func versionNamesWasmexAndLLVM() throws {
        let output = try CLIHarness.run(["--version"])
        #expect(output.status == 0)
        let line = output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(line == "wasmex \(Engine.version) (LLVM \(Engine.llvmVersion))")
        #expect(Engine.llvmVersion.hasPrefix("19."))
        // A semantic version: three dot-separated numbers.
        let parts = Engine.version.split(separator: ".")
        #expect(parts.count == 3 && parts.allSatisfy { Int($0) != nil })
    }
}
