import Foundation
import WasmFrontend

/// Finds the benchmark programs under a folder and picks the ones asked for.
///
/// A `.wasm` file is a sightglass workload when `STEM.stdout.expected` sits
/// beside it, and a CoreMark workload when it imports `env.clock_ms` and
/// exports `run`. Anything else is listed in ``Discovery/skipped`` with the
/// reason, never silently dropped. A file named `benchmark.wasm` takes its
/// folder's name.
package enum WorkloadDiscovery {
    /// What a scan found.
    package struct Discovery: Sendable {
        /// The workloads, sorted by name.
        package var workloads: [Workload]
        /// `.wasm` files that follow no known protocol, with the reason.
        package var skipped: [(path: String, reason: String)]
    }

    /// Scans `root` recursively.
    package static func discover(in root: String) throws(BenchError) -> Discovery {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .benchDirectoryMissing(root)
        }
        let rootURL = URL(fileURLWithPath: root).standardizedFileURL
        guard let enumerator = manager.enumerator(atPath: rootURL.path) else { throw .benchDirectoryMissing(root) }
        var wasmFiles: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.hasSuffix(".wasm") { wasmFiles.append(rootURL.appendingPathComponent(relative).path) }
        }
        var workloads: [Workload] = []
        var skipped: [(path: String, reason: String)] = []
        for path in wasmFiles.sorted() {
            switch classify(path) {
            case .success(let workload): workloads.append(workload)
            case .failure(let reason): skipped.append((path, reason.message))
            }
        }
        return Discovery(workloads: uniqueNames(workloads).sorted { $0.name < $1.name }, skipped: skipped)
    }

    /// The workloads named in `names` (all of them when `names` is empty), in the order given.
    ///
    /// A name matches exactly, or as the part after a dash (`fib2` finds `shootout-fib2`) when that is unique.
    package static func select(_ names: [String], from workloads: [Workload]) throws(BenchError) -> [Workload] {
        guard !names.isEmpty else { return workloads }
        var selected: [Workload] = []
        for name in names {
            let match: Workload
            if let exact = workloads.first(where: { $0.name == name }) {
                match = exact
            } else {
                let candidates = workloads.filter { $0.name.hasSuffix("-" + name) }
                guard !candidates.isEmpty else { throw .unknownWorkload(name: name, known: workloads.map(\.name)) }
                guard candidates.count == 1 else { throw .ambiguousWorkload(name: name, matches: candidates.map(\.name)) }
                match = candidates[0]
            }
            if !selected.contains(match) { selected.append(match) }
        }
        return selected
    }

    // MARK: - Classification

    struct Reason: Error { let message: String }

    static func classify(_ path: String) -> Result<Workload, Reason> {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let stem = url.deletingPathExtension().lastPathComponent
        let folderName = url.deletingLastPathComponent().lastPathComponent
        let name = stem == "benchmark" ? folderName : stem
        let expectedStdout = directory + "/" + stem + ".stdout.expected"
        let expectedStderr = directory + "/" + stem + ".stderr.expected"
        let manager = FileManager.default
        if manager.fileExists(atPath: expectedStdout) {
            return .success(Workload(
                name: name, kind: .sightglass, wasmPath: path, directory: directory,
                expectedStdoutPath: expectedStdout,
                expectedStderrPath: manager.fileExists(atPath: expectedStderr) ? expectedStderr : nil))
        }
        guard let contents = manager.contents(atPath: path) else { return .failure(Reason(message: "unreadable")) }
        let module: WasmModule
        do {
            module = try WasmModule.decode([UInt8](contents))
        } catch {
            return .failure(Reason(message: "not a valid module: \(error)"))
        }
        let importsClock = module.imports.contains { $0.module == "env" && $0.name == "clock_ms" }
        let exportsRun = module.exports.contains { $0.name == "run" && $0.kind == .function }
        guard importsClock, exportsRun else {
            return .failure(Reason(message: "no \(stem).stdout.expected and not a CoreMark module (env.clock_ms + run)"))
        }
        return .success(Workload(name: name, kind: .coremark, wasmPath: path, directory: directory))
    }

    /// Renames clashing workloads to `folder/name` so every name stays unique.
    static func uniqueNames(_ workloads: [Workload]) -> [Workload] {
        var counts: [String: Int] = [:]
        for workload in workloads { counts[workload.name, default: 0] += 1 }
        return workloads.map { workload in
            guard counts[workload.name, default: 0] > 1 else { return workload }
            let folder = URL(fileURLWithPath: workload.directory).lastPathComponent
            let stem = URL(fileURLWithPath: workload.wasmPath).deletingPathExtension().lastPathComponent
            return Workload(name: folder + "/" + stem, kind: workload.kind, wasmPath: workload.wasmPath,
                            directory: workload.directory, expectedStdoutPath: workload.expectedStdoutPath,
                            expectedStderrPath: workload.expectedStderrPath)
        }
    }
}
