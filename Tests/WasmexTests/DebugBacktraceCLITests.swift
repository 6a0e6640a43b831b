import Foundation
import Testing

/// `wasmex run --backtrace-details` prints each frame's source location when
/// the module carries DWARF, for a compiled module and for an AOT object
/// from `wasmex compile --backtrace-details` alike; and `Fixtures/debug`'s
/// frames agree with Wasmtime's `WASMTIME_BACKTRACE_DETAILS=1`.
struct DebugBacktraceCLITests {
    static let crash = "/wasmex/Fixtures/debug/crash.c"

    /// `N: 0xOFFSET - …` frame lines of a backtrace, with their ` at …` location.
    static func frames(_ text: String) -> [(offset: Int, location: String?)] {
        var frames: [(offset: Int, location: String?)] = []
        for line in text.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("at "), !frames.isEmpty, frames[frames.count - 1].location == nil {
                frames[frames.count - 1].location = String(trimmed.dropFirst(3))  // Wasmtime: next line
                continue
            }
            let parts = trimmed.split(separator: " ", maxSplits: 2)
            guard parts.count >= 2, parts[0].last == ":", Int(parts[0].dropLast()) != nil, parts[1].hasPrefix("0x"),
                  let offset = Int(parts[1].dropFirst(2), radix: 16) else { continue }
            let location = line.range(of: ") at ").map { String(line[$0.upperBound...]) }
            frames.append((offset, location))
        }
        return frames
    }

    @Test func runPrintsSourceLocations() throws {
        let run = try CLIHarness.run(["run", "-O0", "--backtrace-details", "Fixtures/debug/crash-O0.wasm", "0"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("wasm trap: integer divide by zero"))
        #expect(run.stderr.contains("func 8 (divide) at \(Self.crash):10:22\n"))
        #expect(run.stderr.contains("func 9 (average) at \(Self.crash):16:12\n"))
        #expect(run.stderr.contains("func 11 (main) at \(Self.crash):26:18\n"))
        let plain = try CLIHarness.run(["run", "-O0", "Fixtures/debug/crash-O0.wasm", "0"])
        #expect(plain.stderr.contains("func 8 (divide)\n"))
        #expect(!plain.stderr.contains(" at "))
    }

    @Test func precompiledObjectPrintsSourceLocations() throws {
        let scratch = try SpecTestSupport.makeScratch()
        defer { SpecTestSupport.removeScratch(scratch) }
        let object = scratch + "/crash.o"
        // -O0: from -O1 on our compiler inlines `check` and `main` into `_start`, one frame.
        let compile = try CLIHarness.run(["compile", "-O0", "--backtrace-details", "Fixtures/debug/crash-O0.wasm",
                                          "-o", object])
        #expect(compile.status == 0, "stderr: \(compile.stderr)")
        let run = try CLIHarness.run(["run", "--allow-precompiled", object, "1", "900"])
        #expect(run.stderr.contains("wasm trap: unreachable"))
        #expect(run.stderr.contains("func 10 (check) at \(Self.crash):20:22\n"))
        #expect(run.stderr.contains("func 11 (main) at \(Self.crash):25:19\n"))
    }

    /// Every frame: the same offset and the same `file:line:column` as
    /// Wasmtime. Except for the innermost frame of an `unreachable` inside an
    /// `if`: Cranelift turns the pair into one conditional trap and reports
    /// the `if` (2 bytes earlier, the condition's column), where we name the
    /// `unreachable` itself (the API tests check its line and column).
    @Test(.enabled(if: WasmtimeFuelOracle.isAvailable,
                   "needs <package>/.venv/bin/python with the wasmtime package (make venv)"),
          arguments: [("crash-O0.wasm", ["0"]), ("crash-O1-dwarf5.wasm", ["0"]), ("crash-O1-dwarf5.wasm", ["1", "300"]),
                      ("shapes.wasm", [])])
    func framesMatchWasmtime(fixture: String, arguments: [String]) throws {
        let path = "Fixtures/debug/" + fixture
        let ours = try CLIHarness.run(["run", "-O0", "--backtrace-details", path] + arguments)
        let theirs = try Self.wasmtimeBacktrace(SpecTestSupport.packageRoot.appendingPathComponent(path).path, arguments)
        let expected = Self.frames(theirs)
        #expect(expected.count >= 5, "wasmtime said: \(theirs)")
        #expect(expected.filter { $0.location != nil }.count >= 4)
        var actual = Self.frames(ours.stderr)
        if ours.stderr.contains("wasm trap: unreachable"), let first = actual.first, let theirs = expected.first {
            #expect(first.offset == theirs.offset + 2)
            actual[0] = theirs
        }
        #expect(actual.map(\.offset) == expected.map(\.offset))
        #expect(actual.map(\.location) == expected.map(\.location))
    }

    /// Wasmtime's trap message for the WASI program at `path`.
    static func wasmtimeBacktrace(_ path: String, _ arguments: [String]) throws -> String {
        let script = """
            import sys, wasmtime
            engine = wasmtime.Engine()
            linker = wasmtime.Linker(engine)
            linker.define_wasi()
            store = wasmtime.Store(engine)
            wasi = wasmtime.WasiConfig()
            wasi.argv = ["crash"] + sys.argv[2:]
            store.set_wasi(wasi)
            instance = linker.instantiate(store, wasmtime.Module.from_file(engine, sys.argv[1]))
            try:
                instance.exports(store)["_start"](store)
            except Exception as error:
                print(error)
            """
        let process = Process()
        process.executableURL = WasmtimeFuelOracle.python
        process.arguments = ["-c", script, path] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["WASMTIME_BACKTRACE_DETAILS"] = "1"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self)
    }
}
