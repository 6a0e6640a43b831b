import WasmFrontend

/// What a Wasmex AOT object records about itself in its `.wasmex.meta`
/// section: enough to check it fits this host and to rebuild the module.
///
/// Layout (little-endian): magic `WASMEXAO`, format version (u32), LLVM
/// version, triple, CPU name, CPU features, options (each a u32 length + UTF-8),
/// optimisation level (u8), SHA-256 of the Wasm bytes (32 bytes), escaping
/// function count (u32) + indices (u32 each), calling convention (u8: 0 C, 1 `tailcc`), tag count (u32) + per tag its
/// payload types (u32 count + one binary type code each), Wasm length (u32) + bytes.
package struct AOTMetadata: Sendable, Equatable {
    /// The current format version; bump it whenever the layout or ABI changes,
    /// or what compiled code does for the same options (3: Wasmtime's fuel model;
    /// 4: Wasm functions and exit trampolines use `tailcc`, see `WasmCallingConvention`;
    /// 5: the memory and table runtime calls take u64 addresses, sizes and deltas, for
    /// multi-memory, memory64 and table64 modules, whose memories and tables the
    /// embedded Wasm bytes describe;
    /// 6: exception handling — the vmctx's tag array, the store's handler chain and
    /// the exception libcalls (runtime ABI 4), and the tag list below;
    /// 7: legacy exception handling (runtime ABI 6) — handler records carry a held-exception word
    /// and exceptions a hold count, which moves their payload to offset 32);
    /// 8: floating-point and vector values past their registers travel as integers
    /// (`SignatureLowering`); 9: entry epoch checks also where calls alone could run
    /// too long between checks (`CallGraph`), which objects from other modules rely on;
    /// 10: the C convention for modules without tail calls, adapters, and funcref records
    /// with a code pointer per convention (see `WasmCallingConvention`); the convention
    /// byte after the escaping functions.
    package static let currentFormatVersion: UInt32 = 10
    static let magic: [UInt8] = Array("WASMEXAO".utf8)

    package var formatVersion: UInt32
    package var llvmVersion: String
    package var target: HostTarget
    package var optimization: OptimizationLevel
    /// A canonical spelling of the options that affect generated code.
    package var options: String
    package var wasmHash: [UInt8]
    package var escapingFunctions: [Int]
    /// The calling convention of the object's functions (one byte: 0 C, 1 `tailcc`).
    package var convention: WasmCallingConvention
    /// The payload types of each tag (imports first), checked against the
    /// embedded module when the object is read (``AOTArtifact``).
    package var tags: [[ValueType]]
    package var wasm: [UInt8]

    package init(formatVersion: UInt32 = AOTMetadata.currentFormatVersion, llvmVersion: String = llvmVersionString(),
                target: HostTarget, options: CompilerOptions, escapingFunctions: [Int], convention: WasmCallingConvention = .c,
                tags: [[ValueType]] = [], wasm: [UInt8]) {
        self.formatVersion = formatVersion
        self.llvmVersion = llvmVersion
        self.target = target
        self.optimization = options.optimization
        self.options = AOTMetadata.optionsKey(options)
        self.wasmHash = SHA256.hash(wasm)
        self.escapingFunctions = escapingFunctions
        self.convention = convention
        self.tags = tags
        self.wasm = wasm
    }

    /// The payload types of every tag of `module`, in tag index order.
    /// Each tag's payload types as machine code sees them (references by hierarchy:
    /// `funcref`, `externref`, `exnref`; see ``FunctionType/machineSignature``).
    package static func tags(of module: WasmModule) -> [[ValueType]] {
        (0..<module.tagCount).map {
            FunctionType(parameters: module.tagParameters(at: UInt32($0)) ?? []).machineSignature.parameters
        }
    }

    /// The canonical spelling of the options that change generated code
    /// (IR verification does not, so it is left out).
    package static func optionsKey(_ options: CompilerOptions) -> String {
        "opt=\(options.optimization);epoch=\(options.epochInterruption ? 1 : 0);fuel=\(options.consumeFuel ? 1 : 0)"
            + ";memory=\(options.memoryStrategy.rawValue);details=\(options.backtraceDetails ? 1 : 0)"
    }

    /// The recorded code-affecting options, parsed back (nil if the string is unknown).
    package var compilerOptions: CompilerOptions? {
        var fields: [Substring: Substring] = [:]
        for part in options.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { return nil }
            fields[pair[0]] = pair[1]
        }
        guard let opt = fields["opt"], opt.count == 2, let level = Int(opt.dropFirst()).flatMap(OptimizationLevel.init(rawValue:)),
              let epoch = fields["epoch"], let fuel = fields["fuel"],
              let memory = fields["memory"].flatMap({ MemoryStrategy(rawValue: String($0)) }),
              let details = fields["details"] else { return nil }
        let parsed = CompilerOptions(optimization: level, epochInterruption: epoch == "1", consumeFuel: fuel == "1",
                                     memoryStrategy: memory, backtraceDetails: details == "1")
        return AOTMetadata.optionsKey(parsed) == options ? parsed : nil
    }

    /// The serialised section contents.
    package func encoded() -> [UInt8] {
        var out = AOTMetadata.magic
        out.reserveCapacity(wasm.count + 512 + escapingFunctions.count * 4)
        append(formatVersion, to: &out)
        for text in [llvmVersion, target.triple, target.cpuName, target.cpuFeatures, options] {
            append(UInt32(text.utf8.count), to: &out)
            out.append(contentsOf: text.utf8)
        }
        out.append(UInt8(optimization.rawValue))
        out.append(contentsOf: wasmHash)
        append(UInt32(escapingFunctions.count), to: &out)
        for index in escapingFunctions { append(UInt32(truncatingIfNeeded: index), to: &out) }
        out.append(convention == .tail ? 1 : 0)
        append(UInt32(tags.count), to: &out)
        for parameters in tags {
            append(UInt32(parameters.count), to: &out)
            out.append(contentsOf: parameters.map { $0.binaryCode ?? 0 })
        }
        append(UInt32(wasm.count), to: &out)
        out.append(contentsOf: wasm)
        return out
    }

    private func append(_ value: UInt32, to out: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    /// Decodes section contents, checking every length against the bytes left.
    /// Checks only the format version; see ``AOTCompatibility`` for the rest.
    package static func decode(_ bytes: UnsafeRawBufferPointer) throws(AOTError) -> AOTMetadata {
        var reader = MetadataReader(bytes)
        guard try reader.bytes(magic.count) == magic else { throw AOTError.corruptMetadata("bad magic") }
        let version = try reader.u32()
        guard version == currentFormatVersion else {
            throw AOTError.formatVersion(found: version, expected: currentFormatVersion)
        }
        let llvm = try reader.string()
        let triple = try reader.string()
        let cpu = try reader.string()
        let features = try reader.string()
        let options = try reader.string()
        guard let level = OptimizationLevel(rawValue: Int(try reader.bytes(1)[0])) else {
            throw AOTError.corruptMetadata("unknown optimisation level")
        }
        let hash = try reader.bytes(32)
        let escapingCount = Int(try reader.u32())
        guard escapingCount <= reader.remaining / 4 else { throw AOTError.corruptMetadata("escaping function count too large") }
        var escaping: [Int] = []
        escaping.reserveCapacity(escapingCount)
        for _ in 0..<escapingCount { escaping.append(Int(try reader.u32())) }
        let convention: WasmCallingConvention
        switch try reader.bytes(1)[0] {
        case 0: convention = .c
        case 1: convention = .tail
        default: throw AOTError.corruptMetadata("unknown calling convention")
        }
        let tagCount = Int(try reader.u32())
        guard tagCount <= reader.remaining / 4 else { throw AOTError.corruptMetadata("tag count too large") }
        var tags: [[ValueType]] = []
        tags.reserveCapacity(tagCount)
        for _ in 0..<tagCount {
            var parameters: [ValueType] = []
            for code in try reader.bytes(Int(try reader.u32())) {
                guard let type = ValueType(binaryCode: code) else { throw AOTError.corruptMetadata("unknown tag parameter type") }
                parameters.append(type)
            }
            tags.append(parameters)
        }
        let wasmCount = Int(try reader.u32())
        let wasm = try reader.bytes(wasmCount)
        guard reader.remaining == 0 else { throw AOTError.corruptMetadata("trailing bytes") }
        var metadata = AOTMetadata(formatVersion: version, llvmVersion: llvm,
                                   target: HostTarget(triple: triple, cpuName: cpu, cpuFeatures: features),
                                   options: CompilerOptions(optimization: level), escapingFunctions: escaping,
                                   convention: convention, tags: tags, wasm: [])
        metadata.options = options
        metadata.wasmHash = hash
        metadata.wasm = wasm
        return metadata
    }
}

/// A bounds-checked little-endian cursor over metadata bytes.
private struct MetadataReader {
    let base: UnsafeRawBufferPointer
    var offset = 0

    init(_ base: UnsafeRawBufferPointer) { self.base = base }

    var remaining: Int { base.count - offset }

    mutating func bytes(_ count: Int) throws(AOTError) -> [UInt8] {
        guard count >= 0, count <= remaining else { throw AOTError.corruptMetadata("truncated at byte \(offset)") }
        defer { offset += count }
        return [UInt8](UnsafeRawBufferPointer(rebasing: base[offset..<(offset + count)]))
    }

    mutating func u32() throws(AOTError) -> UInt32 {
        let raw = try bytes(4)
        return UInt32(raw[0]) | UInt32(raw[1]) << 8 | UInt32(raw[2]) << 16 | UInt32(raw[3]) << 24
    }

    mutating func string() throws(AOTError) -> String {
        let count = Int(try u32())
        guard count <= 4096 else { throw AOTError.corruptMetadata("string field too long") }
        return String(decoding: try bytes(count), as: UTF8.self)
    }
}
