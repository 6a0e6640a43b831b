import Foundation

/// The `wasm-tools` executable, used to convert `.wast` scripts (and by tests, to generate
/// modules with `smith`).
package struct WasmTools: Sendable {
    /// Absolute path of the executable.
    package let executablePath: String

    package init(executablePath: String) {
        self.executablePath = executablePath
    }

    /// The outcome of one `wasm-tools` run.
    package struct Output: Sendable {
        package var status: Int32
        package var stdout: [UInt8]
        package var stderr: String
    }

    /// Finds `wasm-tools`: `$WASMEX_WASM_TOOLS`, else `.venv/bin/wasm-tools` in the nearest
    /// directory at or above `currentDirectory` that holds a `Package.swift`, else `$PATH`.
    package static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) throws(SpecRunnerError) -> WasmTools {
        let files = FileManager.default
        var searched: [String] = []
        if let explicit = environment["WASMEX_WASM_TOOLS"], !explicit.isEmpty {
            if files.isExecutableFile(atPath: explicit) { return WasmTools(executablePath: explicit) }
            searched.append(explicit)
        }
        var directory = URL(fileURLWithPath: currentDirectory).standardizedFileURL
        while true {
            if files.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                let candidate = directory.appendingPathComponent(".venv/bin/wasm-tools").path
                if files.isExecutableFile(atPath: candidate) { return WasmTools(executablePath: candidate) }
                searched.append(candidate)
            }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { break }
            directory = parent
        }
        for entry in (environment["PATH"] ?? "").split(separator: ":") {
            let candidate = String(entry) + "/wasm-tools"
            if files.isExecutableFile(atPath: candidate) { return WasmTools(executablePath: candidate) }
        }
        searched.append("$PATH")
        throw .toolNotFound(searched: searched)
    }

    /// Runs `wasm-tools arguments...`, feeding `stdin` to it. Output goes through temporary
    /// files, so large outputs cannot dead-lock the pipe.
    package func run(_ arguments: [String], stdin: [UInt8] = []) throws(SpecRunnerError) -> Output {
        let scratch = try TemporaryDirectory.make(prefix: "wasmex-tools")
        defer { TemporaryDirectory.remove(scratch) }
        let inPath = scratch + "/stdin", outPath = scratch + "/stdout", errPath = scratch + "/stderr"
        let files = FileManager.default
        guard files.createFile(atPath: inPath, contents: Data(stdin)),
              files.createFile(atPath: outPath, contents: nil),
              files.createFile(atPath: errPath, contents: nil),
              let input = FileHandle(forReadingAtPath: inPath),
              let output = FileHandle(forWritingAtPath: outPath),
              let errors = FileHandle(forWritingAtPath: errPath)
        else { throw .io("cannot create temporary files in \(scratch)") }
        defer {
            try? input.close()
            try? output.close()
            try? errors.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executablePath)
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw .io("cannot run \(executablePath): \(error)")
        }
        process.waitUntilExit()
        let stdoutBytes = files.contents(atPath: outPath).map { [UInt8]($0) } ?? []
        let stderrText = files.contents(atPath: errPath).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return Output(status: process.terminationStatus, stdout: stdoutBytes, stderr: stderrText)
    }

    /// Converts `wastPath` with `json-from-wast`, writing the JSON and module files into
    /// `directory`; returns the JSON bytes.
    package func jsonFromWast(_ wastPath: String, into directory: String) throws(SpecRunnerError) -> [UInt8] {
        let jsonPath = directory + "/script.json"
        let output = try run(["json-from-wast", wastPath, "-o", jsonPath, "--wasm-dir", directory])
        guard output.status == 0 else {
            let reason = output.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            throw .conversionFailed(path: wastPath, reason: reason.isEmpty ? "exit status \(output.status)" : reason)
        }
        guard let json = FileManager.default.contents(atPath: jsonPath) else {
            throw .conversionFailed(path: wastPath, reason: "no JSON written")
        }
        return [UInt8](json)
    }
}

/// Creation and removal of scratch directories.
enum TemporaryDirectory {
    static func make(prefix: String) throws(SpecRunnerError) -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .io("cannot create temporary directory \(path): \(error)")
        }
        return path
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}
