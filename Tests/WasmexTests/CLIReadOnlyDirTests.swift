import Foundation
import Testing

/// `wasmex run --dir HOST::GUEST::ro`: the program can read the directory
/// but not write to it; `::rw` and the old spellings keep full access.
@Suite(.enabled(if: SpecTestSupport.available(CLIHarness.binary != nil, otherwise: "wasmex binary not built (set WASMEX_BIN)")))
struct CLIReadOnlyDirTests {
    @Test func readOnlyDirCanBeReadButNotWritten() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.file("input.txt", "make me loud")
        let output = try CLIHarness.run(["run", "--dir", directory.path + "::/data::ro", "Fixtures/wasi/files.wasm"])
        #expect(output.status == 2, "files.c exits 2 when it cannot create output.txt; stderr: \(output.stderr)")
        #expect(output.stderr.contains("open output"))
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/output.txt"))
    }

    @Test func readWriteModeAndOldSpellingsStillWrite() throws {
        for spelling in ["::/data::rw", "::/data"] {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            try directory.file("input.txt", "quiet")
            let output = try CLIHarness.run(["run", "--dir", directory.path + spelling, "Fixtures/wasi/files.wasm"])
            #expect(output.status == 0, "\(spelling): \(output.stderr)")
            let written = FileManager.default.contents(atPath: directory.path + "/output.txt")
            #expect(written.map { String(decoding: $0, as: UTF8.self) } == "QUIET", "\(spelling)")
        }
    }

    @Test func unknownModeIsAClearError() throws {
        let output = try CLIHarness.run(["run", "--dir", "/tmp::/data::rx", "Fixtures/wasi/files.wasm"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("unknown mode 'rx'"))
        let tooMany = try CLIHarness.run(["run", "--dir", "/tmp::/data::ro::x", "Fixtures/wasi/files.wasm"])
        #expect(tooMany.status == 1)
        #expect(tooMany.stderr.contains("expected HOST, HOST::GUEST or HOST::GUEST::ro"))
    }
}
