import CWasmexRuntime
import WasmFrontend

/// A function whose signature was checked once against Swift types, callable
/// without boxing arguments and results into ``Value`` arrays.
///
/// `Parameter` is the pack of ``WasmScalar`` parameter types; `Results` is a
/// tuple of ``WasmScalar`` types (a single type for one value, `Void` for none):
///
/// ```swift
/// let sum = try instance.typedFunction("sum", (Int32, Int32).self, Int32.self)
/// let total = try sum(50, -8)          // 42
/// let swap = try instance.typedFunction("swap", (Int32, Int32).self, (Int32, Int32).self)
/// let (a, b) = try swap(1, 2)          // (2, 1)
/// ```
///
/// A call writes the arguments into a stack buffer of 16-byte slots and enters
/// the code through the same entry trampoline and `wasmex_invoke` trap landing
/// point as ``Function/call(_:)``, so traps are reported as ``WasmexError/trap(_:)``
/// exactly the same way. The argument and result conversions are inlinable, so
/// they are specialised for the caller's concrete types. Like every handle it
/// keeps its store alive and must be used from one thread at a time.
public struct TypedFunction<each Parameter: WasmScalar, Results> {
    /// The untyped handle this typed view calls.
    public let function: Function
    @usableFromInline let site: TypedCallSite
    @usableFromInline let readResults: (UnsafeMutablePointer<UInt64>) -> Results

    @usableFromInline
    init(function: Function, readResults: @escaping (UnsafeMutablePointer<UInt64>) -> Results) {
        self.function = function
        self.readResults = readResults
        site = TypedCallSite(function)
    }

    /// Calls the function.
    ///
    /// - Throws: ``WasmexError/trap(_:)`` when execution traps or a host
    ///   function on the way fails (`TrapCode/hostError`).
    @inlinable
    public func callAsFunction(_ arguments: repeat each Parameter) throws(WasmexError) -> Results {
        try withUnsafeTemporaryAllocation(of: UInt64.self, capacity: site.slotWords) {
            (buffer) throws(WasmexError) -> Results in
            let slots = buffer.baseAddress.unsafelyUnwrapped
            WasmScalarPack.store(repeat each arguments, to: slots)
            try site.invoke(slots)
            return readResults(slots)
        }
    }
}

/// How a typed call enters its function, resolved at lookup (not generic, so
/// the specialised call sites in client code share it).
@usableFromInline
struct TypedCallSite {
    /// Words of the slot buffer (2 per slot, at least one slot).
    @usableFromInline let slotWords: Int
    private let function: Function
    private let target: Target

    private enum Target {
        /// Compiled code: the signature's entry trampoline, the callee vmctx and its code.
        case wasm(entry: UnsafeRawPointer, vmctx: UnsafeMutableRawPointer?, code: UnsafeRawPointer?)
        /// A host function: called through its closure (no generated code to enter).
        case host(HostFunctionBox)
    }

    init(_ function: Function) {
        self.function = function
        let type = function.type
        slotWords = max(1, type.parameters.count, type.results.count) * ValueSlots.wordsPerSlot
        switch function.data.kind {
        case .wasm(let entry):
            let record = function.data.record.pointee
            target = .wasm(entry: entry, vmctx: record.vmctx, code: UnsafeRawPointer(record.code))
        case .host(let box):
            target = .host(box)
        }
    }

    /// Runs the function on arguments already written to `slots`; results are
    /// left in `slots`.
    @usableFromInline
    func invoke(_ slots: UnsafeMutablePointer<UInt64>) throws(WasmexError) {
        switch target {
        case .wasm(let entry, let vmctx, let code):
            try function.store.invoke(entry: entry, vmctx: vmctx, code: code, slots: slots)
        case .host(let box):
            let store = function.store
            let arguments = ValueSlots.read(box.type.parameters, from: slots, store: store)
            let results = try box.call(arguments, caller: Caller(store: store, instance: nil))
            try ValueSlots.write(results, to: slots, store: store)
        }
    }
}

extension Function {
    /// A typed view of this function, checked once against `parameters` and `results`.
    ///
    /// - Throws: ``WasmexError/invalidOperation(_:)`` when the Swift types do not
    ///   match the function's signature.
    @inlinable
    public func typed<each P: WasmScalar, each R: WasmScalar>(
        _ parameters: (repeat each P).Type, _ results: (repeat each R).Type
    ) throws(WasmexError) -> TypedFunction<repeat each P, (repeat each R)> {
        let expected = FunctionType(parameters: WasmScalarPack.types(repeat (each P).self),
                                    results: WasmScalarPack.types(repeat (each R).self))
        guard expected == type else {
            throw WasmexError.invalidOperation("typed function: Swift signature \(expected) does not match \(type)")
        }
        return TypedFunction(function: self) { slots in
            WasmScalarPack.load(repeat (each R).self, from: slots)
        }
    }
}

extension Instance {
    /// The exported function `name` as a ``TypedFunction``; the signature is
    /// checked here, once, so calls need no per-call checks or boxing.
    ///
    /// ```swift
    /// let sum = try instance.typedFunction("sum", (Int32, Int32).self, Int32.self)
    /// ```
    ///
    /// - Throws: ``WasmexError/unknownExport(_:)``, ``WasmexError/wrongExportKind(name:expected:actual:)``
    ///   or ``WasmexError/invalidOperation(_:)`` for a signature mismatch.
    @inlinable
    public func typedFunction<each P: WasmScalar, each R: WasmScalar>(
        _ name: String, _ parameters: (repeat each P).Type, _ results: (repeat each R).Type
    ) throws(WasmexError) -> TypedFunction<repeat each P, (repeat each R)> {
        let function = try function(named: name)
        do {
            return try function.typed(parameters, results)
        } catch {
            if case .invalidOperation(let message) = error {
                throw WasmexError.invalidOperation("export \"\(name)\": \(message)")
            }
            throw error
        }
    }
}
