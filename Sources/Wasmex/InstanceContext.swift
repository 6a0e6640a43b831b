import CWasmexRuntime
import WasmFrontend

/// The raw memory behind one instance's vmctx: the context itself and the
/// arrays it points to (memories, globals, tables, funcref records, type ids,
/// segments). Freed when the instance goes away.
final class InstanceContext {
    let vmctx: UnsafeMutablePointer<wasmex_vmctx>
    let memories: UnsafeMutablePointer<UnsafeMutablePointer<wasmex_memory>?>
    let globals: UnsafeMutablePointer<UnsafeMutableRawPointer?>
    let tables: UnsafeMutablePointer<UnsafeMutablePointer<wasmex_table>?>
    let funcRefs: UnsafeMutablePointer<UnsafeMutablePointer<wasmex_funcref>?>
    /// Records of defined functions, by defined index.
    let records: UnsafeMutablePointer<wasmex_funcref>
    let typeIDs: UnsafeMutablePointer<UInt32>
    let dataSegments: UnsafeMutablePointer<wasmex_segment>
    let elemSegments: UnsafeMutablePointer<wasmex_segment>
    /// Tag identities by tag index (imports first).
    let tags: UnsafeMutablePointer<UnsafeMutablePointer<wasmex_tag>?>
    /// Runtime types of struct and array types by type index (nil for function types).
    let rtts: UnsafeMutablePointer<UnsafePointer<wasmex_rtt>?>
    /// Evaluated items of each element segment (words: funcref records or extern bits).
    private(set) var elemItems: [UnsafeMutablePointer<UInt>] = []

    init(wasm: WasmModule, state: UnsafeMutablePointer<wasmex_store_state>) {
        func array<T>(_ count: Int, _ zero: T) -> UnsafeMutablePointer<T> {
            let pointer = UnsafeMutablePointer<T>.allocate(capacity: max(count, 1))
            pointer.initialize(repeating: zero, count: max(count, 1))
            return pointer
        }
        memories = array(wasm.memoryCount, nil)
        globals = array(wasm.globalCount, nil)
        tables = array(wasm.tableCount, nil)
        funcRefs = array(wasm.functionCount, nil)
        records = array(wasm.functions.count, wasmex_funcref())
        typeIDs = array(wasm.types.count, 0)
        dataSegments = array(wasm.data.count, wasmex_segment())
        elemSegments = array(wasm.elements.count, wasmex_segment())
        tags = array(wasm.tagCount, nil)
        rtts = array(wasm.types.count, nil)
        vmctx = .allocate(capacity: 1)
        vmctx.initialize(to: wasmex_vmctx(
            store: state, memory0: nil, memories: memories, globals: globals, tables: tables,
            func_refs: funcRefs, type_ids: UnsafePointer(typeIDs), data_segments: dataSegments,
            elem_segments: elemSegments, host_data: nil, tags: tags, rtts: rtts, memory0_base: nil))
    }

    deinit {
        vmctx.deallocate()
        memories.deallocate()
        globals.deallocate()
        tables.deallocate()
        funcRefs.deallocate()
        records.deallocate()
        typeIDs.deallocate()
        dataSegments.deallocate()
        elemSegments.deallocate()
        tags.deallocate()
        rtts.deallocate()
        for items in elemItems { items.deallocate() }
    }

    /// Stores the evaluated items of element segment `index`.
    func setElementItems(_ index: Int, _ words: [UInt]) {
        let items = UnsafeMutablePointer<UInt>.allocate(capacity: max(words.count, 1))
        items.initialize(repeating: 0, count: max(words.count, 1))
        for (i, word) in words.enumerated() { items[i] = word }
        elemItems.append(items)
        elemSegments[index] = wasmex_segment(items: UnsafeRawPointer(items), length: UInt32(words.count), reserved: 0)
    }
}
