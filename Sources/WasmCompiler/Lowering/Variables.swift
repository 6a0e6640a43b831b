import CLLVM
import WasmFrontend

/// local.get/set/tee and global.get/set.
///
/// Globals live in 16-byte cells reached through `vmctx->globals[i]`, so an
/// imported mutable global is shared with its exporter. Reads of immutable
/// globals are invariant loads; an immutable defined global with a numeric
/// constant initialiser is folded to that constant.
extension FunctionEmitter {
    func lowerLocalGet(_ index: Int) {
        let local = locals[index]
        let load: LLVMValueRef = LLVMBuildLoad2(builder, types.value(local.type), local.pointer, "")
        if localsInMemory { LLVMSetVolatile(load, 1) }
        push(load)
    }

    func lowerLocalSet(_ index: Int) {
        storeLocal(pop(), index)
    }

    func lowerLocalTee(_ index: Int) {
        guard let value = stack.last else { preconditionFailure("value stack underflow in validated function \(self.index)") }
        storeLocal(value, index)
    }

    private func storeLocal(_ value: LLVMValueRef, _ index: Int) {
        let store: LLVMValueRef = LLVMBuildStore(builder, value, locals[index].pointer)
        if localsInMemory { LLVMSetVolatile(store, 1) }
    }

    private func globalType(_ index: Int) throws(CompileError) -> GlobalType {
        guard index < unit.globalTypes.count else {
            throw CompileError.invalidModule(.invalid("unknown global \(index)", offset: 0))
        }
        return unit.globalTypes[index]
    }

    private func globalCell(_ index: Int) -> LLVMValueRef {
        vmctxArrayEntry(VMContextLayout.globals, UInt32(index))
    }

    func lowerGlobalGet(_ index: Int) throws(CompileError) {
        let globalType = try globalType(index)
        if let constant = foldedConstant(ofGlobal: index, globalType) {
            push(constant)
            return
        }
        let alignment = UInt32(min(globalType.valueType.byteSize, 8))
        push(load(types.value(globalType.valueType), from: globalCell(index), region: .globalCell,
                  invariant: !globalType.isMutable, alignment: alignment))
    }

    func lowerGlobalSet(_ index: Int) throws(CompileError) {
        let globalType = try globalType(index)
        let alignment = UInt32(min(globalType.valueType.byteSize, 8))
        store(pop(), to: globalCell(index), region: .globalCell, alignment: alignment)
    }

    private func foldedConstant(ofGlobal index: Int, _ globalType: GlobalType) -> LLVMValueRef? {
        guard !globalType.isMutable, index >= unit.importedGlobalCount else { return nil }
        let defined = index - unit.importedGlobalCount
        guard defined < unit.wasm.globals.count else { return nil }
        switch unit.wasm.globals[defined].initializer {
        case .i32Const(let v): return i32(UInt32(bitPattern: v))
        case .i64Const(let v): return i64(UInt64(bitPattern: v))
        case .f32Const(let bits): return LLVMConstBitCast(i32(bits), types.f32)
        case .f64Const(let bits): return LLVMConstBitCast(i64(bits), types.f64)
        default: return nil
        }
    }
}
