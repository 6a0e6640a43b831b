import CLLVM
import CWasmexRuntime

/// The "load object bytes" half of the pipeline: an ORC LLJIT instance into
/// which relocatable objects (from ``ObjectEmitter`` now, from an AOT file
/// later) are linked.
///
/// Every loaded object gets its own JITDylib, so objects may reuse symbol
/// names (`wasm_f0`, …). Each JITDylib resolves runtime symbols through the
/// explicit table of `wasmex_runtime_symbols()` first, then the process.
/// Thread-safe.
///
/// LLVM 19's C API can create a JITDylib but not remove one, and each costs
/// about 14 KiB that would stay behind every compiled-and-dropped module
/// (found by the soak test). So unloading an object removes its resource
/// tracker — which takes the object's own symbols out of the JITDylib and
/// frees its code — and keeps the emptied JITDylib, with its runtime symbols
/// and process-symbol generator, for the next object to load. The number of
/// JITDylibs is then the most objects ever loaded at once, not the total.
package final class JITSession: @unchecked Sendable {
    private let jit: LLVMOrcLLJITRef
    private let lock = Lock()
    private var dylibCounter = 0
    /// JITDylibs whose object was unloaded, ready for the next object.
    private var idleDylibs: [LLVMOrcJITDylibRef] = []

    /// Creates an LLJIT for the host.
    package init() throws(CompileError) {
        guard LLVMNativeSetup.ensureInitialized() else {
            throw CompileError.llvm("LLVM has no native target for this host")
        }
        var jit: LLVMOrcLLJITRef?
        let error = LLVMOrcCreateLLJIT(&jit, LLVMOrcCreateLLJITBuilder())
        try LLVMErrors.check(error, "cannot create the JIT")
        guard let jit else { throw CompileError.llvm("cannot create the JIT") }
        self.jit = jit
    }

    deinit {
        _ = LLVMErrors.message(consuming: LLVMOrcDisposeLLJIT(jit))
    }

    /// Links `object` into a fresh JITDylib and resolves `symbols` in it.
    ///
    /// - Parameters:
    ///   - object: a relocatable object for the host target.
    ///   - name: a label for diagnostics.
    ///   - symbols: names that must be defined by the object; their addresses are returned.
    package func load(object: [UInt8], name: String, symbols: [String]) throws(CompileError) -> LoadedObject {
        try load(objects: [object], name: name, symbols: symbols)
    }

    /// Links `objects` — the partitions of one module, which may refer to one
    /// another's symbols — into one fresh JITDylib under one resource tracker
    /// (so they are freed together), and resolves `symbols` in it.
    package func load(objects: [[UInt8]], name: String, symbols: [String]) throws(CompileError) -> LoadedObject {
        try lock.withLock { () throws(CompileError) -> LoadedObject in
            let dylibName = "wasmex.\(name)"
            let dylib: LLVMOrcJITDylibRef
            if let idle = idleDylibs.popLast() { dylib = idle } else { dylib = try makeDylib() }
            // The object gets its own resource tracker: removing it frees exactly this
            // object's code (removing a JITDylib's default tracker corrupts LLVM 19's heap).
            guard let tracker = LLVMOrcJITDylibCreateResourceTracker(dylib) else {
                throw CompileError.llvm("cannot create a resource tracker for \(dylibName)")
            }
            do throws(CompileError) {
                for (part, object) in objects.enumerated() {
                    let buffer = object.withUnsafeBufferPointer { bytes in
                        bytes.withMemoryRebound(to: CChar.self) {
                            LLVMCreateMemoryBufferWithMemoryRangeCopy($0.baseAddress, $0.count, "\(dylibName).\(part)")
                        }
                    }
                    try LLVMErrors.check(LLVMOrcLLJITAddObjectFileWithRT(jit, tracker, buffer), "cannot add object \(name)")
                }
                let addresses = try lookup(symbols, in: dylib)
                let placed = objects.compactMap { PlacedObject(object: $0, addresses: addresses) }
                let functions = FunctionAddressMap.merging(placed.map(FunctionAddressMap.build))
                let lines = LineTable.merging(placed.map(LineTable.build))
                let code = CodeRegistration(placed)
                return LoadedObject(session: self, dylib: dylib, tracker: tracker, addresses: addresses,
                                    functions: functions, lines: lines, code: code)
            } catch {
                removeLocked(tracker, from: dylib)
                throw error
            }
        }
    }

    /// How many objects are loaded now (each has a JITDylib; released ones become idle).
    package var loadedObjectCount: Int { lock.withLock { dylibCounter - idleDylibs.count } }

    /// A new JITDylib with the runtime's symbols and the process's.
    private func makeDylib() throws(CompileError) -> LLVMOrcJITDylibRef {
        dylibCounter += 1
        let session = LLVMOrcLLJITGetExecutionSession(jit)
        let dylibName = "wasmex.\(dylibCounter)"
        guard let dylib = LLVMOrcExecutionSessionCreateBareJITDylib(session, dylibName) else {
            throw CompileError.llvm("cannot create JITDylib \(dylibName)")
        }
        try defineRuntimeSymbols(in: dylib)
        try addProcessSymbols(to: dylib)
        return dylib
    }

    /// Frees everything a loaded object defined; its JITDylib becomes idle.
    func unload(_ tracker: LLVMOrcResourceTrackerRef, from dylib: LLVMOrcJITDylibRef) {
        lock.withLock { removeLocked(tracker, from: dylib) }
    }

    private func removeLocked(_ tracker: LLVMOrcResourceTrackerRef, from dylib: LLVMOrcJITDylibRef) {
        let error = LLVMErrors.message(consuming: LLVMOrcResourceTrackerRemove(tracker))
        LLVMOrcReleaseResourceTracker(tracker)
        // A JITDylib whose object could not be removed cleanly may still hold
        // its symbols: never hand it to another object.
        if error == nil { idleDylibs.append(dylib) }
    }

    private func defineRuntimeSymbols(in dylib: LLVMOrcJITDylibRef) throws(CompileError) {
        var count = 0
        guard let table = wasmex_runtime_symbols(&count) else { return }
        let flags = LLVMJITSymbolFlags(
            GenericFlags: UInt8(LLVMJITSymbolGenericFlagsExported.rawValue | LLVMJITSymbolGenericFlagsCallable.rawValue),
            TargetFlags: 0)
        var pairs: [LLVMOrcCSymbolMapPair] = []
        pairs.reserveCapacity(count)
        for i in 0..<count {
            let entry = table[i]
            guard let name = entry.name, let address = entry.address else { continue }
            pairs.append(LLVMOrcCSymbolMapPair(
                Name: LLVMOrcLLJITMangleAndIntern(jit, name),
                Sym: LLVMJITEvaluatedSymbol(Address: UInt64(UInt(bitPattern: address)), Flags: flags)))
        }
        let unit = pairs.withUnsafeMutableBufferPointer { LLVMOrcAbsoluteSymbols($0.baseAddress, $0.count) }
        try LLVMErrors.check(LLVMOrcJITDylibDefine(dylib, unit), "cannot define runtime symbols")
    }

    private func addProcessSymbols(to dylib: LLVMOrcJITDylibRef) throws(CompileError) {
        var generator: LLVMOrcDefinitionGeneratorRef?
        let prefix = LLVMOrcLLJITGetGlobalPrefix(jit)
        let error = LLVMOrcCreateDynamicLibrarySearchGeneratorForProcess(&generator, prefix, nil, nil)
        try LLVMErrors.check(error, "cannot search process symbols")
        if let generator { LLVMOrcJITDylibAddGenerator(dylib, generator) }
    }

    private func lookup(_ names: [String], in dylib: LLVMOrcJITDylibRef) throws(CompileError) -> [String: UInt64] {
        // ORC's lookup set must not name a symbol twice (LLVM 19 crashes on it).
        var unique = Set<String>()
        let names = names.filter { unique.insert($0).inserted }
        if names.isEmpty { return [:] }
        let session = LLVMOrcLLJITGetExecutionSession(jit)
        var order = [LLVMOrcCJITDylibSearchOrderElement(JD: dylib, JDLookupFlags: LLVMOrcJITDylibLookupFlagsMatchAllSymbols)]
        var set = names.map {
            LLVMOrcCLookupSetElement(Name: LLVMOrcLLJITMangleAndIntern(jit, $0), LookupFlags: LLVMOrcSymbolLookupFlagsRequiredSymbol)
        }
        let result = LookupResult()
        let context = Unmanaged.passRetained(result)
        order.withUnsafeMutableBufferPointer { orderBuffer in
            set.withUnsafeMutableBufferPointer { setBuffer in
                LLVMOrcExecutionSessionLookup(
                    session, LLVMOrcLookupKindStatic, orderBuffer.baseAddress, orderBuffer.count,
                    setBuffer.baseAddress, setBuffer.count,
                    { error, pairs, count, context in
                        guard let context else { return }
                        let result = Unmanaged<LookupResult>.fromOpaque(context).takeRetainedValue()
                        result.finished = true
                        if let message = LLVMErrors.message(consuming: error) {
                            result.error = message
                            return
                        }
                        guard let pairs else { return }
                        for i in 0..<count {
                            let pair = pairs[i]
                            guard let cName = LLVMOrcSymbolStringPoolEntryStr(pair.Name) else { continue }
                            result.addresses[String(cString: cName)] = pair.Sym.Address
                        }
                    },
                    context.toOpaque())
            }
        }
        guard result.finished else {
            throw CompileError.llvm("symbol lookup did not complete synchronously")
        }
        if let error = result.error { throw CompileError.llvm("symbol lookup failed: \(error)") }
        for name in names where result.addresses[name] == nil {
            throw CompileError.missingSymbol(name)
        }
        return result.addresses
    }
}

/// Collects the answer of an ORC lookup callback.
private final class LookupResult {
    var finished = false
    var error: String?
    var addresses: [String: UInt64] = [:]
}
