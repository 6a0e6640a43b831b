import Foundation

/// Runs `.wast` spec scripts: converts each with `wasm-tools json-from-wast`, then executes its
/// commands against the front end and, when given, an engine.
package struct SpecRunner: Sendable {
    /// The converter.
    package let tools: WasmTools
    /// Supplies a fresh engine per script; `nil` runs the front end only.
    package let engineProvider: (any SpecEngineProvider)?

    package init(tools: WasmTools, engineProvider: (any SpecEngineProvider)?) {
        self.tools = tools
        self.engineProvider = engineProvider
    }

    /// Expands `paths` (files or folders, searched recursively) into a sorted list of `.wast`
    /// files, keeping only paths that contain `filter` when it is given.
    package static func collectScripts(_ paths: [String], filter: String? = nil) throws(SpecRunnerError) -> [String] {
        let files = FileManager.default
        var found: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard files.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .badPath(path) }
            if isDirectory.boolValue {
                guard let enumerator = files.enumerator(atPath: path) else { throw .io("cannot list \(path)") }
                var inFolder: [String] = []
                for case let relative as String in enumerator where relative.hasSuffix(".wast") {
                    inFolder.append(path.hasSuffix("/") ? path + relative : path + "/" + relative)
                }
                found.append(contentsOf: inFolder.sorted())
            } else {
                guard path.hasSuffix(".wast") else { throw .badPath(path) }
                found.append(path)
            }
        }
        guard let filter, !filter.isEmpty else { return found }
        return found.filter { $0.contains(filter) }
    }

    /// Runs every file in order, calling `progress` after each.
    package func run(files: [String], progress: (SpecFileResult) -> Void = { _ in }) -> SpecReport {
        var results: [SpecFileResult] = []
        results.reserveCapacity(files.count)
        for file in files {
            let result = runFile(file)
            progress(result)
            results.append(result)
        }
        return SpecReport(files: results)
    }

    /// Converts and runs one script. Conversion or engine problems become a failed file, never
    /// a thrown error, so one bad file cannot stop a run.
    package func runFile(_ path: String) -> SpecFileResult {
        do throws(SpecRunnerError) {
            let directory = try TemporaryDirectory.make(prefix: "wasmex-spec")
            defer { TemporaryDirectory.remove(directory) }
            let json = try tools.jsonFromWast(try Self.convertible(path, scratch: directory), into: directory)
            let script = try SpecScript.decode(json: json, moduleDirectory: directory, sourcePath: path)
            return try run(script, file: path)
        } catch {
            var result = SpecFileResult(file: path)
            result.recordFailure(line: 0, command: "script", reason: error.description)
            return result
        }
    }

    /// The script `wasm-tools` converts for `path`: the file itself, or a copy in
    /// `scratch` with its folded legacy `try`s unfolded (``LegacyTryUnfolding``).
    static func convertible(_ path: String, scratch: String) throws(SpecRunnerError) -> String {
        guard let contents = FileManager.default.contents(atPath: path) else { throw .io("cannot read \(path)") }
        guard let unfolded = LegacyTryUnfolding.unfold([UInt8](contents)) else { return path }
        let copy = scratch + "/" + URL(fileURLWithPath: path).lastPathComponent
        guard FileManager.default.createFile(atPath: copy, contents: Data(unfolded)) else {
            throw .io("cannot write \(copy)")
        }
        return copy
    }

    /// Runs an already converted script.
    package func run(_ script: SpecScript, file: String) throws(SpecRunnerError) -> SpecFileResult {
        var engine: (any SpecEngine)?
        if let engineProvider {
            do throws(SpecEngineError) {
                engine = try engineProvider.makeEngine(hostModule: .spectest)
            } catch {
                throw .engineUnavailable("cannot create \(engineProvider.name) engine: \(error)")
            }
        }
        var runner = SpecScriptRunner(file: file, engine: engine)
        return runner.run(script)
    }
}
