import CWasmexRuntime
import WasmCompiler

/// One Wasm function on the stack when execution trapped.
public struct WasmFrame: Sendable, Hashable, CustomStringConvertible {
    /// The function's absolute index in its module (imports counted).
    public let functionIndex: Int
    /// The function's name from the module's name section, if any.
    public let name: String?
    /// With ``Engine/Configuration/backtraceDetails``: the byte offset, in the
    /// module's bytes (the binary encoding for a `.wat` module), of the Wasm
    /// instruction executing in this frame — the trapping instruction in the
    /// innermost frame, the call in the others. It is what Wasmtime reports
    /// as `module_offset` (not relative to the code section). Nil without
    /// details, or when the code at that address has no recorded operator.
    /// Under `-O1` and above an inlined callee's instruction may be named.
    public let codeOffset: Int?
    /// With ``Engine/Configuration/backtraceDetails``, when the module carries
    /// DWARF (built with `-g`): the source file, line and column of
    /// ``codeOffset``, from the module's own line tables (what Wasmtime's
    /// `WASMTIME_BACKTRACE_DETAILS=1` prints as `at file.c:12:5`). Nil
    /// otherwise, or when the line tables say nothing about that instruction.
    public let sourceLocation: SourceLocation?

    /// Creates a frame description.
    public init(functionIndex: Int, name: String?, codeOffset: Int? = nil, sourceLocation: SourceLocation? = nil) {
        self.functionIndex = functionIndex
        self.name = name
        self.codeOffset = codeOffset
        self.sourceLocation = sourceLocation
    }

    /// ``name`` demangled when it is a Rust (legacy or v0) or C++ symbol:
    /// `geometry::corner(geometry::Grid<int> const&, int)` for
    /// `_ZN8geometry6cornerERKNS_4GridIiEEi`; otherwise ``name`` itself.
    public var demangledName: String? {
        name.map { SymbolDemangler.demangle($0) ?? $0 }
    }

    /// `func 12 (divide)`, or `func 12` without a name (demangled, see
    /// ``demangledName``); with an offset, Wasmtime's `0x2b - ` before it;
    /// with a source location, ` at file.c:12:5` after it.
    public var description: String {
        var text = codeOffset.map { "0x" + String($0, radix: 16) + " - " } ?? ""
        text += "func \(functionIndex)"
        if let name = demangledName { text += " (\(name))" }
        if let sourceLocation { text += " at \(sourceLocation)" }
        return text
    }
}

/// Turns the addresses the C runtime recorded at the last trap on this
/// thread into Wasm frames.
enum TrapBacktrace {
    /// The Wasm frames of the last trap on this thread, innermost first.
    /// Addresses outside every module in `modules` (runtime C code,
    /// trampolines, host code) are skipped.
    static func capture(modules: [Module]) -> [WasmFrame] {
        var raw = [UInt](repeating: 0, count: Int(WASMEX_MAX_TRAP_FRAMES))
        let count = raw.withUnsafeMutableBufferPointer { wasmex_trap_backtrace($0.baseAddress, $0.count) }
        guard count > 0 else { return [] }
        let startsAtPC = wasmex_trap_backtrace_starts_at_pc() != 0
        var seen: Set<ObjectIdentifier> = []
        let distinct = modules.filter { seen.insert(ObjectIdentifier($0)).inserted }
        // Each module's objects, read once (the second tier's is behind a lock).
        let objects = distinct.flatMap { module in module.codeObjects.map { (module, $0) } }
        var frames: [WasmFrame] = []
        // The first-tier frame below an on-stack-replacement entry is the same call.
        var skipCallerOf: Int?
        for (position, address) in raw.prefix(count).enumerated() where address > 0 {
            // A return address may point just past the function's last call
            // (calls to noreturn traps end functions), so look up address - 1,
            // which also lies inside the call instruction. A faulting pc
            // (signal) is the instruction itself.
            let probe = position == 0 && startsAtPC ? UInt64(address) : UInt64(address - 1)
            for (module, code) in objects {
                guard let (index, resumed) = code.functions.function(containing: probe) else { continue }
                defer { skipCallerOf = resumed ? index : nil }
                if skipCallerOf == index { break }
                let offset = code.lines.wasmOffset(at: probe)
                frames.append(WasmFrame(functionIndex: index, name: module.wasm.names.functionNames[UInt32(index)],
                                        codeOffset: offset,
                                        sourceLocation: offset.flatMap { module.sourceMap.location(of: $0, in: module.wasm) }))
                break
            }
        }
        return frames
    }
}
