/// The argument slots of one call, read as WASI's i32/i64 parameters.
struct WASIArguments {
    let slots: [UInt64]
    @inline(__always) func u32(_ index: Int) -> UInt32 { UInt32(truncatingIfNeeded: slots[index]) }
    @inline(__always) func u64(_ index: Int) -> UInt64 { slots[index] }
}

/// The body of a WASI function: success returns, failure throws an errno.
typealias WASIBody = @Sendable (WASIGuestMemory, WASIArguments) throws(WASIErrno) -> Void

extension WASIEnvironment {
    /// Wraps `body` as a host function returning one i32 errno.
    func define(_ name: String, _ parameters: [WASIValueType], _ body: @escaping WASIBody) -> WASIHostFunction {
        let count = parameters.count
        return WASIHostFunction(name: name, parameters: parameters, results: [.i32]) { memory, slots in
            guard slots.count == count else {
                throw WASIArgumentCountError(function: name, expected: count, actual: slots.count)
            }
            do throws(WASIErrno) {
                try body(memory, WASIArguments(slots: slots))
                return [0]
            } catch {
                // A wait the engine cut short ends the Wasm call, not just this function.
                if error == .intr, memory.interruption?.fired == true { throw WASIInterrupted() }
                return [UInt64(error.rawValue)]
            }
        }
    }
}
