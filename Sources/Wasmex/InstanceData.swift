import CWasmexRuntime
import WasmFrontend

/// An instance as the store keeps it: the module, the vmctx and everything
/// the instance defined or imported. Performs instantiation.
final class InstanceData {
    let module: Module
    let context: InstanceContext

    /// Every function by absolute index (nil for defined functions that never escape).
    private(set) var functions: [FunctionData?] = []
    private(set) var tables: [TableStorage] = []
    private(set) var memories: [MemoryStorage] = []
    private(set) var globals: [GlobalStorage] = []
    private(set) var tags: [TagStorage] = []
    /// Exports by exact name, in module order.
    private(set) var exports = ExportTable()

    init(module: Module, state: UnsafeMutablePointer<wasmex_store_state>) {
        self.module = module
        context = InstanceContext(wasm: module.wasm, state: state)
        context.vmctx.pointee.host_data = Unmanaged.passUnretained(self).toOpaque()
    }

    /// The instance whose vmctx is `vmctx` (generated code passes it as the caller).
    static func owning(vmctx: UnsafeMutableRawPointer?) -> InstanceData? {
        guard let vmctx else { return nil }
        let context = vmctx.assumingMemoryBound(to: wasmex_vmctx.self)
        guard let owner = context.pointee.host_data else { return nil }
        return Unmanaged<InstanceData>.fromOpaque(owner).takeUnretainedValue()
    }

    /// Runs the instantiation steps after linking.
    func initialize(_ linked: ImportLinker, store: Store) throws(WasmexError) {
        let wasm = module.wasm
        for (i, id) in module.typeIDs.enumerated() { context.typeIDs[i] = id }
        for (i, rtt) in module.runtimeTypes.enumerated() {
            context.rtts[i] = UnsafePointer(bitPattern: rtt)
        }
        try createFunctions(imported: linked.functions, store: store)
        try createGlobals(imported: linked.globals, store: store)
        try createTables(imported: linked.tables, store: store)
        try createMemories(imported: linked.memories, store: store)
        createTags(imported: linked.tags, store: store)
        buildExports()
        try prepareSegments(store: store)
        try applyElementSegments(store: store)
        try applyDataSegments(store: store)
        if let start = wasm.start {
            guard Int(start) < functions.count, let function = functions[Int(start)] else {
                throw WasmexError.invalidOperation("start function \(start) has no code")
            }
            try store.chargeStartFunctionFuel()
            _ = try Function(store: store, data: function).call([])
        }
    }

    private func createFunctions(imported: [FunctionData], store: Store) throws(WasmexError) {
        let wasm = module.wasm
        for (i, function) in imported.enumerated() {
            functions.append(function)
            context.funcRefs[i] = function.record
        }
        let escaping = Set(module.compiled.escapingFunctions)
        for definedIndex in 0..<wasm.functions.count {
            let index = imported.count + definedIndex
            guard escaping.contains(index) else {
                functions.append(nil)
                continue
            }
            guard let type = wasm.functionType(ofFunction: UInt32(index)),
                  let code = module.functionCode(index),
                  let entry = module.entryTrampoline(for: type),
                  let adapter = module.adapter(for: type)
            else {
                throw WasmexError.compile(.missingSymbol("code for function \(index)"))
            }
            let record = context.records + definedIndex
            // One way in per calling convention: the function itself in its
            // module's, the adapter (whose context is the record) in the other.
            let own = (code: UnsafeMutableRawPointer(mutating: code), context: UnsafeMutableRawPointer(context.vmctx))
            let adapted = (code: UnsafeMutableRawPointer(mutating: adapter), context: UnsafeMutableRawPointer(record))
            let (c, tail) = module.compiled.convention == .c ? (own, adapted) : (adapted, own)
            record.initialize(to: wasmex_funcref(
                code: c.code, vmctx: c.context,
                type_id: module.typeIDs[Int(wasm.typeIndex(ofFunction: UInt32(index)) ?? 0)], reserved: 0,
                tail_code: tail.code, tail_vmctx: tail.context))
            context.funcRefs[index] = record
            let function = FunctionData(type: type, record: record, kind: .wasm(entry: entry), typeIDs: module.typeIDs)
            store.register(function)
            functions.append(function)
        }
    }

    private func createGlobals(imported: [GlobalStorage], store: Store) throws(WasmexError) {
        globals = imported
        for global in module.wasm.globals {
            let value = try evaluate(global.initializer, store: store)
            guard value.matches(global.type.valueType, typeIDs: module.typeIDs) else {
                throw WasmexError.valueType(index: globals.count, expected: global.type.valueType, actual: value.type)
            }
            let storage = GlobalStorage(type: global.type, typeIDs: module.typeIDs)
            try storage.write(value, store: store)
            store.registerRoot(global: storage, resolvedBy: module.subtyping)
            store.retain(storage)
            globals.append(storage)
        }
        for (i, global) in globals.enumerated() { context.globals[i] = global.cell }
    }

    private func createTables(imported: [TableStorage], store: Store) throws(WasmexError) {
        tables = imported
        for (definedIndex, type) in module.wasm.tables.enumerated() {
            var initial: UInt = 0
            if definedIndex < module.wasm.tableInitializers.count, let initializer = module.wasm.tableInitializers[definedIndex] {
                initial = UInt(try ValueSlots.word(of: try evaluate(initializer, store: store), store: store))
            }
            let storage = try TableStorage(type: type, initial: initial, typeIDs: module.typeIDs)
            store.registerRoot(table: storage, resolvedBy: module.subtyping)
            store.retain(storage)
            tables.append(storage)
        }
        for (i, table) in tables.enumerated() { context.tables[i] = table.raw }
    }

    private func createMemories(imported: [MemoryStorage], store: Store) throws(WasmexError) {
        memories = imported
        for type in module.wasm.memories {
            let strategy: MemoryStrategy = module.compiled.memoryStrategy == .guardPages ? .guardPages
                : store.engine.configuration.memoryStrategy
            let storage = try MemoryStorage(type: type, strategy: strategy)
            store.retain(storage)
            memories.append(storage)
        }
        for (i, memory) in memories.enumerated() { context.memories[i] = memory.raw }
        context.vmctx.pointee.memory0 = memories.first?.raw
        if let first = memories.first, first.isGuarded { context.vmctx.pointee.memory0_base = first.raw.pointee.base }
    }

    /// Imported tags keep the exporter's identity; each defined tag is a new one.
    private func createTags(imported: [TagStorage], store: Store) {
        tags = imported
        let wasm = module.wasm
        for typeIndex in wasm.tags {
            let parameters = Int(typeIndex) < wasm.types.count ? wasm.types[Int(typeIndex)].parameters : []
            let typeID = Int(typeIndex) < module.typeIDs.count ? module.typeIDs[Int(typeIndex)] : nil
            tags.append(store.makeTag(parameters: parameters, typeID: typeID))
        }
        for (i, tag) in tags.enumerated() { context.tags[i] = tag.raw }
    }

    private func buildExports() {
        for export in module.wasm.exports {
            let index = Int(export.index)
            switch export.kind {
            case .function:
                if index < functions.count, let function = functions[index] { exports.insert(export.name, .function(function)) }
            case .table:
                if index < tables.count { exports.insert(export.name, .table(tables[index])) }
            case .memory:
                if index < memories.count { exports.insert(export.name, .memory(memories[index])) }
            case .global:
                if index < globals.count { exports.insert(export.name, .global(globals[index])) }
            case .tag:
                if index < tags.count { exports.insert(export.name, .tag(tags[index])) }
            }
        }
    }

    /// Evaluates element items and points data segments at the module's bytes.
    private func prepareSegments(store: Store) throws(WasmexError) {
        for (i, segment) in module.wasm.elements.enumerated() {
            var words: [UInt] = []
            words.reserveCapacity(segment.items.count)
            for item in segment.items {
                words.append(UInt(try ValueSlots.word(of: try evaluate(item, store: store), store: store)))
            }
            context.setElementItems(i, words)
            store.registerRoot(segment: context.elemSegments + i, type: segment.type, resolvedBy: module.subtyping)
        }
        for i in 0..<module.wasm.data.count {
            let bytes = module.data.segment(i)
            context.dataSegments[i] = wasmex_segment(items: bytes.baseAddress, length: UInt32(bytes.count), reserved: 0)
        }
    }

    private func applyElementSegments(store: Store) throws(WasmexError) {
        for (i, segment) in module.wasm.elements.enumerated() {
            switch segment.mode {
            case .passive:
                continue
            case .declarative:
                context.elemSegments[i].length = 0
            case .active(let tableIndex, let offsetExpression):
                let offset = try offsetValue(offsetExpression, store: store)
                guard Int(tableIndex) < tables.count else {
                    throw WasmexError.invalidOperation("element segment \(i) targets unknown table \(tableIndex)")
                }
                let table = tables[Int(tableIndex)].raw
                let count = Int(context.elemSegments[i].length)
                guard Self.fits(offset, count, in: UInt64(table.pointee.length)) else {
                    throw WasmexError.trap(Trap(.tableOutOfBounds))
                }
                if count > 0, let items = context.elemSegments[i].items?.assumingMemoryBound(to: UInt.self) {
                    for j in 0..<count { table.pointee.elements[Int(offset) + j] = items[j] }
                }
                context.elemSegments[i].length = 0
            }
        }
    }

    private func applyDataSegments(store: Store) throws(WasmexError) {
        for (i, segment) in module.wasm.data.enumerated() {
            guard case .active(let memoryIndex, let offsetExpression) = segment.mode else { continue }
            let offset = try offsetValue(offsetExpression, store: store)
            guard Int(memoryIndex) < memories.count else {
                throw WasmexError.invalidOperation("data segment \(i) targets unknown memory \(memoryIndex)")
            }
            let memory = memories[Int(memoryIndex)].raw
            let bytes = module.data.segment(i)
            guard Self.fits(offset, bytes.count, in: memory.pointee.length) else {
                throw WasmexError.trap(Trap(.memoryOutOfBounds))
            }
            if let source = bytes.baseAddress, bytes.count > 0 {
                UnsafeMutableRawPointer(memory.pointee.base + Int(offset)).copyMemory(from: source, byteCount: bytes.count)
            }
            context.dataSegments[i].length = 0
        }
    }

    /// A segment offset, read as unsigned: an i32 constant expression, or an i64 one
    /// for a 64-bit memory or table.
    private func offsetValue(_ expression: ConstExpression, store: Store) throws(WasmexError) -> UInt64 {
        switch try evaluate(expression, store: store) {
        case .i32(let value): return UInt64(UInt32(bitPattern: value))
        case .i64(let value): return UInt64(bitPattern: value)
        default: throw WasmexError.invalidOperation("segment offset is not an integer constant")
        }
    }

    /// Whether `[offset, offset + count)` lies within `length` (no wrapping for any u64 offset).
    private static func fits(_ offset: UInt64, _ count: Int, in length: UInt64) -> Bool {
        UInt64(count) <= length && offset <= length - UInt64(count)
    }

    /// Evaluates a constant expression in this (partially initialised) instance.
    private func evaluate(_ expression: ConstExpression, store: Store) throws(WasmexError) -> Value {
        switch expression {
        case .i32Const(let v): return .i32(v)
        case .i64Const(let v): return .i64(v)
        case .f32Const(let bits): return .f32(Float(bitPattern: bits))
        case .f64Const(let bits): return .f64(Double(bitPattern: bits))
        case .v128Const(let v): return .v128(v)
        case .refNull(let type): return .zero(type)
        case .refFunc(let index):
            guard Int(index) < functions.count, let function = functions[Int(index)] else {
                throw WasmexError.invalidOperation("ref.func \(index) has no function")
            }
            return .funcRef(Function(store: store, data: function))
        case .globalGet(let index):
            guard Int(index) < globals.count else {
                throw WasmexError.invalidOperation("global.get \(index) in a constant expression is not yet defined")
            }
            return globals[Int(index)].read(store: store)
        case .binary(let op, let lhs, let rhs):
            switch (try evaluate(lhs, store: store), try evaluate(rhs, store: store)) {
            case (.i32(let a), .i32(let b)): return .i32(op.apply(a, b))
            case (.i64(let a), .i64(let b)): return .i64(op.apply(a, b))
            default: throw WasmexError.invalidOperation("\(op.name) in a constant expression has operands of the wrong type")
            }
        case .gc(let op, let operands):
            var values: [Value] = []
            for operand in operands { values.append(try evaluate(operand, store: store)) }
            return try evaluate(op, values, store: store)
        }
    }
}
