import CWasmexRuntime

extension Store {
    /// The error for a call that ended with an uncaught Wasm exception: reads
    /// the tag and payload the runtime left in the store and frees the
    /// exception (unless Wasm code still holds it as an `exnref`).
    func takeUncaughtException() -> WasmexError {
        guard let raw = state.pointee.eh_exception else {
            return .trap(Trap(.hostError))
        }
        let exception = raw.assumingMemoryBound(to: wasmex_exception.self)
        defer { wasmex_eh_release(state, exception) }
        guard let tag = tag(forRecord: UnsafeRawPointer(exception.pointee.tag)) else {
            return .trap(Trap(.hostError))
        }
        let payload = UnsafeMutableRawPointer(exception).advanced(by: MemoryLayout<wasmex_exception>.size)
            .assumingMemoryBound(to: UInt64.self)
        let values = ValueSlots.read(tag.parameters, from: payload, store: self)
        return .exception(tag: Tag(store: self, storage: tag), payload: values)
    }

    /// What a host callback returns for `error`: `WASMEX_HOST_THREW` for a Wasm
    /// exception of this store (made pending, so the exit trampoline throws it
    /// in the calling Wasm code), else 1 with the error parked for the trap
    /// the trampoline raises ("host error").
    func hostFailureStatus(_ error: any Error) -> Int32 {
        if case .exception(let tag, let payload)? = error as? WasmexError, tag.store === self {
            if setPendingException(tag: tag, payload: payload) { return Int32(WASMEX_HOST_THREW) }
            pendingHostError = WasmexError.invalidOperation("the exception's payload does not match its tag's parameters")
            return 1
        }
        pendingHostError = error
        return 1
    }

    /// Makes a new exception of `tag` the store's pending one (a host function
    /// throwing into Wasm); false if the payload does not fit the tag.
    func setPendingException(tag: Tag, payload: [Value]) -> Bool {
        let parameters = tag.parameters
        guard payload.count == parameters.count, zip(payload, parameters).allSatisfy({ $0.type == $1 }) else { return false }
        let slots = UnsafeMutablePointer<UInt64>.allocate(capacity: max(1, payload.count) * ValueSlots.wordsPerSlot)
        defer { slots.deallocate() }
        slots.initialize(repeating: 0, count: max(1, payload.count) * ValueSlots.wordsPerSlot)
        guard (try? ValueSlots.write(payload, to: slots, store: self)) != nil,
              let exception = wasmex_eh_new(state, tag.storage.raw, slots, UInt32(payload.count))
        else { return false }
        state.pointee.eh_exception = UnsafeMutableRawPointer(exception)
        return true
    }

    /// Exceptions the store currently holds (thrown and not yet freed).
    var liveExceptionCount: Int { Int(wasmex_eh_live_count(state)) }
}
