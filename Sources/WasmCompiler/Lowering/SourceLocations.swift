import CLLVM

/// Debug locations that tie machine code back to Wasm byte offsets (Wasmex
/// `wasm_backtrace_details`, ``CompilerOptions/backtraceDetails``).
///
/// Only created when details are on; otherwise the emitter holds `nil` and
/// generated code is unchanged. With details on, the module gets a line-tables
/// only DWARF v4 compile unit, every defined function a `DISubprogram`, and
/// every instruction emitted for a Wasm operator the location
/// `line = the operator's byte offset in the module bytes, column 0` (the
/// offset Wasmtime reports as `module_offset`). LLVM carries these locations
/// through optimisation and code generation into the object's `.debug_line`
/// table, which ``LineTable`` reads back at load time (so AOT objects keep
/// them too). Offsets start after the 8-byte module header, so line 0 (DWARF's
/// "no location") never names a real operator.
///
/// Inlined code keeps the callee's offsets: at `-O1` and above a frame of the
/// caller may then report an operator of an inlined callee.
final class SourceLocations {
    private let context: LLVMContextRef
    private let builder: LLVMBuilderRef
    private let debug: LLVMDIBuilderRef
    private let file: LLVMMetadataRef
    private let subroutineType: LLVMMetadataRef
    /// The subprogram of the function being emitted.
    private var scope: LLVMMetadataRef?

    init(module: LLVMModuleRef, context: LLVMContextRef, builder: LLVMBuilderRef, optimized: Bool) {
        self.context = context
        self.builder = builder
        debug = LLVMCreateDIBuilder(module)
        file = LLVMDIBuilderCreateFile(debug, "wasm", 4, "", 0)
        let producer = "wasmex"
        _ = LLVMDIBuilderCreateCompileUnit(
            debug, LLVMDWARFSourceLanguageC, file, producer, producer.utf8.count, optimized ? 1 : 0, "", 0, 0,
            "", 0, LLVMDWARFEmissionLineTablesOnly, 0, 0, 0, "", 0, "", 0)
        subroutineType = LLVMDIBuilderCreateSubroutineType(debug, file, nil, 0, LLVMDIFlagZero)
        let i32 = LLVMInt32TypeInContext(context)
        Self.addFlag(module, "Debug Info Version", LLVMConstInt(i32, UInt64(LLVMDebugMetadataVersion()), 0))
        // Version 4 keeps file names inline in `.debug_line` (no `.debug_line_str`).
        Self.addFlag(module, "Dwarf Version", LLVMConstInt(i32, 4, 0))
    }

    deinit { LLVMDisposeDIBuilder(debug) }

    private static func addFlag(_ module: LLVMModuleRef, _ key: String, _ value: LLVMValueRef) {
        LLVMAddModuleFlag(module, LLVMModuleFlagBehaviorWarning, key, key.utf8.count, LLVMValueAsMetadata(value))
    }

    /// Gives `function` (Wasm function `index`, whose body starts at byte
    /// `offset`) a subprogram and makes `offset` the current location, so the
    /// prologue (stack check, execution control) is attributed to the body's start.
    func begin(function: LLVMValueRef, index: Int, offset: Int) {
        let name = SymbolNames.function(index)
        let line = UInt32(truncatingIfNeeded: offset)
        let subprogram = LLVMDIBuilderCreateFunction(
            debug, file, name, name.utf8.count, name, name.utf8.count, file, line, subroutineType,
            0, 1, line, LLVMDIFlagZero, 0)
        LLVMSetSubprogram(function, subprogram)
        scope = subprogram
        setOffset(offset)
    }

    /// Attributes the instructions built from now on to the operator at byte `offset`.
    func setOffset(_ offset: Int) {
        guard let scope else { return }
        let location = LLVMDIBuilderCreateDebugLocation(context, UInt32(truncatingIfNeeded: offset), 0, scope, nil)
        LLVMSetCurrentDebugLocation2(builder, location)
    }

    /// Ends the current function: later instructions (trampolines) get no location.
    func end() {
        if let scope { LLVMDIBuilderFinalizeSubprogram(debug, scope) }
        scope = nil
        LLVMSetCurrentDebugLocation2(builder, nil)
    }

    /// Completes the debug metadata; call once, before verifying the module.
    func finalize() {
        LLVMSetCurrentDebugLocation2(builder, nil)
        LLVMDIBuilderFinalize(debug)
    }
}

extension SourceLocations {
    /// Marks `call` `nomerge`, so LLVM never folds it with an identical call
    /// elsewhere (which would leave one location for several operators).
    static func forbidMerging(_ call: LLVMValueRef, context: LLVMContextRef) {
        let name = "nomerge"
        let kind = LLVMGetEnumAttributeKindForName(name, name.utf8.count)
        guard kind != 0 else { return }
        LLVMAddCallSiteAttribute(call, UInt32.max, LLVMCreateEnumAttribute(context, kind, 0))
    }
}
