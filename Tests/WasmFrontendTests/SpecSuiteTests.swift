import Foundation
import Testing
@testable import WasmFrontend

/// Every binary module in the Wasm 2.0 spec scripts must be accepted or rejected exactly
/// as the script says (decode + validate only; execution is the spec runner's job).
@Test func specScriptsDecodeAndValidate() throws {
    let (found, reason) = SpecSuite.wastDirectory()
    guard let directory = found else {
        print("skipping spec scripts: \(reason)")
        return
    }
    guard FileManager.default.isExecutableFile(atPath: SpecSuite.wasmTools.path) else {
        print("skipping spec scripts: \(SpecSuite.wasmTools.path) not found")
        return
    }
    let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        .filter { $0.hasSuffix(".wast") }.sorted()
    let scratch = FileManager.default.temporaryDirectory
        .appendingPathComponent("wasmfrontend-spec-\(ProcessInfo.processInfo.processIdentifier)")
    defer { try? FileManager.default.removeItem(at: scratch) }

    var totalPassed = 0
    var totalFailed = 0
    var cleanFiles = 0
    for file in files {
        let name = String(file.dropLast(5))
        let dir = scratch.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let commands = try SpecSuite.convert(directory.appendingPathComponent(file), into: dir)
        let result = checkSpecCommands(commands, in: dir, name: name)
        totalPassed += result.passed
        totalFailed += result.failures.count
        if result.failures.isEmpty { cleanFiles += 1 }
        print("spec \(name): \(result.passed) passed, \(result.failures.count) failed")
        for failure in result.failures.prefix(10) { print("  FAIL \(failure)") }
        try? FileManager.default.removeItem(at: dir)
    }
    print("spec total: \(files.count) files, \(cleanFiles) clean, \(totalPassed) passed, \(totalFailed) failed")
    #expect(totalFailed == 0)
    #expect(cleanFiles == files.count)
}
