/// Byte offsets of the runtime structures generated code reads, mirroring
/// `Runtime/include/wasmex_vmctx.h` (which `_Static_assert`s the same values).
enum VMContextLayout {
    // wasmex_vmctx
    static let store: UInt64 = 0
    static let memory0: UInt64 = 8
    static let memories: UInt64 = 16
    static let globals: UInt64 = 24
    static let tables: UInt64 = 32
    static let funcRefs: UInt64 = 40
    static let typeIDs: UInt64 = 48
    static let dataSegments: UInt64 = 56
    static let elemSegments: UInt64 = 64
    static let tags: UInt64 = 80
    static let rtts: UInt64 = 88
    static let memory0Base: UInt64 = 96

    // wasmex_store_state
    static let storeStackLimit: UInt64 = 0
    static let storeFuel: UInt64 = 8
    static let storeEpochDeadline: UInt64 = 16
    static let storeEpochCounter: UInt64 = 24
    static let storeHandlers: UInt64 = 56
    static let storeException: UInt64 = 64
    static let storeGCHeap: UInt64 = 88
    static let storeEpochPoll: UInt64 = 120

    // GC objects and runtime types (Runtime/include/wasmex_gc.h)
    static let gcHeaderBytes: UInt64 = 16
    static let gcObjectRTT: UInt64 = 0
    static let gcObjectLength: UInt64 = 8
    static let rttKind: UInt64 = 0
    static let rttTypeID: UInt64 = 4
    static let rttDepth: UInt64 = 8
    static let rttDisplay: UInt64 = 16

    // wasmex_exception (Runtime/include/wasmex_exceptions.h)
    static let exceptionTag: UInt64 = 0
    static let exceptionPayload: UInt64 = 32
    // Handler records (try_table, legacy try) and legacy catch blocks' hold records
    static let handlerBytes: UInt64 = 368
    static let handlerHeldOffset: UInt64 = 8
    static let handlerBufferOffset: UInt64 = 16

    // wasmex_funcref
    static let funcRefCode: UInt64 = 0
    static let funcRefVMContext: UInt64 = 8
    static let funcRefTypeID: UInt64 = 16
    static let funcRefTailCode: UInt64 = 24
    static let funcRefTailVMContext: UInt64 = 32

    // wasmex_memory
    static let memoryBase: UInt64 = 0
    static let memoryLength: UInt64 = 8

    // wasmex_table
    static let tableElements: UInt64 = 0
    static let tableLength: UInt64 = 8

    // wasmex_host_ctx
    static let hostCallback: UInt64 = 0
    static let hostEnv: UInt64 = 8

    /// Bytes per value in argument/result slot buffers (`WASMEX_SLOT_BYTES`).
    static let slotBytes: UInt64 = 16
}
