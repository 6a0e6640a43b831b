import CLLVM
import WasmFrontend

/// Structs and arrays (WebAssembly GC): allocation through the runtime
/// (`wasmex_gc_alloc` and friends, which may collect), field and element
/// access inline with exact null and bounds checks. Objects never move, so a
/// reference is a plain pointer to the object's header and fields sit at
/// fixed offsets (``GCStructLayout``).
extension FunctionEmitter {
    func lowerGC(_ op: GCInstruction) {
        switch op {
        case .structNew(let x):
            let values = popMany(unit.gcTypes.fields(x).count)
            let object = allocate(x, length: i32(0))
            for (field, value) in values.enumerated() { storeField(x, UInt32(field), of: object, value) }
            push(object)
        case .structNewDefault(let x):
            push(allocate(x, length: i32(0)))
        case .structGet(let x, let field, let ext):
            let object = pop()
            emitTrap(if: LLVMBuildIsNull(builder, object, ""), .nullStructureReference)
            push(loadField(x, field, of: object, ext))
        case .structSet(let x, let field):
            let value = pop()
            let object = pop()
            emitTrap(if: LLVMBuildIsNull(builder, object, ""), .nullStructureReference)
            storeField(x, field, of: object, value)
        case .arrayNew(let x):
            let operands = popMany(2)
            let (lo, hi) = elementBits(operands[0])
            push(callRuntime(.gcArrayNew, [vmctx, rtt(x), operands[1], lo, hi]))
        case .arrayNewDefault(let x):
            push(allocate(x, length: pop()))
        case .arrayNewFixed(let x, let count):
            let values = popMany(Int(count))
            let array = allocate(x, length: i32(count))
            for (index, value) in values.enumerated() {
                storeElement(x, of: array, at: i64(UInt64(index)), value)
            }
            push(array)
        case .arrayNewData(let x, let data):
            let operands = popMany(2)
            push(callRuntime(.gcArrayNewData, [vmctx, rtt(x), i32(data), operands[0], operands[1]]))
        case .arrayNewElem(let x, let elem):
            let operands = popMany(2)
            push(callRuntime(.gcArrayNewElem, [vmctx, rtt(x), i32(elem), operands[0], operands[1]]))
        case .arrayGet(let x, let ext):
            let operands = popMany(2)
            let index = checkedIndex(operands[0], operands[1])
            push(loadElement(x, of: operands[0], at: index, ext))
        case .arraySet(let x):
            let operands = popMany(3)
            let index = checkedIndex(operands[0], operands[1])
            storeElement(x, of: operands[0], at: index, operands[2])
        case .arrayLen:
            let array = pop()
            emitTrap(if: LLVMBuildIsNull(builder, array, ""), .nullArrayReference)
            push(arrayLength(array))
        case .arrayFill:
            let operands = popMany(4)
            let (lo, hi) = elementBits(operands[2])
            callRuntime(.gcArrayFill, [vmctx, operands[0], operands[1], lo, hi, operands[3]])
        case .arrayCopy:
            let operands = popMany(5)
            callRuntime(.gcArrayCopy, [vmctx] + operands)
        case .arrayInitData(_, let data):
            let operands = popMany(4)
            callRuntime(.gcArrayInitData, [vmctx, operands[0], operands[1], i32(data), operands[2], operands[3]])
        case .arrayInitElem(_, let elem):
            let operands = popMany(4)
            callRuntime(.gcArrayInitElem, [vmctx, operands[0], operands[1], i32(elem), operands[2], operands[3]])
        case .refTest(let target):
            push(LLVMBuildZExt(builder, castTest(pop(), target), types.i32, ""))
        case .refCast(let target):
            let reference = pop()
            emitTrap(if: LLVMBuildNot(builder, castTest(reference, target), ""), .castFailure)
            push(reference)
        case .brOnCast(let depth, _, let to, let failing):
            let reference = peekMany(1)[0]
            var matches = castTest(reference, to)
            if failing { matches = LLVMBuildNot(builder, matches, "") }
            branch(toDepth: Int(depth), when: matches, otherwise: failing ? "br_on_cast_fail_else" : "br_on_cast_else")
        case .anyConvertExtern, .externConvertAny:
            // One word encoding for both hierarchies (Runtime/include/wasmex_gc.h).
            break
        case .refI31:
            let value = LLVMBuildZExt(builder, pop(), types.i64, "")
            let masked = LLVMBuildAnd(builder, value, i64(0x7fff_ffff), "")
            let word = LLVMBuildOr(builder, LLVMBuildShl(builder, masked, i64(1), ""), i64(1), "")
            push(LLVMBuildIntToPtr(builder, word, types.ptr, "i31"))
        case .i31Get(let signed):
            let reference = pop()
            emitTrap(if: LLVMBuildIsNull(builder, reference, ""), .nullI31Reference)
            let low = LLVMBuildTrunc(builder, LLVMBuildPtrToInt(builder, reference, types.i64, ""), types.i32, "")
            push(signed ? LLVMBuildAShr(builder, low, i32(1), "") : LLVMBuildLShr(builder, low, i32(1), ""))
        }
    }

    /// `ref.eq`: the same word (identical objects, equal `i31` values, or both null).
    func lowerRefEq() {
        let operands = popMany(2)
        let equal = LLVMBuildICmp(builder, LLVMIntEQ, operands[0], operands[1], "")
        push(LLVMBuildZExt(builder, equal, types.i32, ""))
    }

    // MARK: - Objects

    /// The runtime type of struct or array type `x` in this instance.
    func rtt(_ x: UInt32) -> LLVMValueRef { vmctxArrayEntry(VMContextLayout.rtts, x) }

    private func allocate(_ x: UInt32, length: LLVMValueRef) -> LLVMValueRef {
        callRuntime(.gcAlloc, [vmctx, rtt(x), length])
    }

    /// The address of payload byte `offset` (+ `index * scale`) of `object`.
    private func payload(_ object: LLVMValueRef, offset: UInt64) -> LLVMValueRef {
        address(object, offset: VMContextLayout.gcHeaderBytes + offset)
    }

    private func fieldAddress(_ x: UInt32, _ field: UInt32, of object: LLVMValueRef) -> (LLVMValueRef, FieldType) {
        let layout = unit.gcTypes.layouts[Int(x)]!
        return (payload(object, offset: UInt64(layout.offsets[Int(field)])), unit.gcTypes.fields(x)[Int(field)])
    }

    private func loadField(_ x: UInt32, _ field: UInt32, of object: LLVMValueRef, _ ext: FieldExtension) -> LLVMValueRef {
        let (pointer, type) = fieldAddress(x, field, of: object)
        return loadStorage(type.storage, from: pointer, ext)
    }

    private func storeField(_ x: UInt32, _ field: UInt32, of object: LLVMValueRef, _ value: LLVMValueRef) {
        let (pointer, type) = fieldAddress(x, field, of: object)
        storeStorage(type.storage, value, to: pointer)
    }

    private func arrayLength(_ array: LLVMValueRef) -> LLVMValueRef {
        load(types.i32, from: address(array, offset: VMContextLayout.gcObjectLength), region: .gcHeader, alignment: 4)
    }

    /// Null and bounds checks of an element access; the index as i64.
    private func checkedIndex(_ array: LLVMValueRef, _ index: LLVMValueRef) -> LLVMValueRef {
        emitTrap(if: LLVMBuildIsNull(builder, array, ""), .nullArrayReference)
        let outside: LLVMValueRef = LLVMBuildICmp(builder, LLVMIntUGE, index, arrayLength(array), "")
        emitTrap(if: outside, .arrayOutOfBounds)
        return LLVMBuildZExt(builder, index, types.i64, "")
    }

    private func elementAddress(_ x: UInt32, of array: LLVMValueRef, at index: LLVMValueRef) -> (LLVMValueRef, FieldType) {
        let element = unit.gcTypes.element(x)
        let base = payload(array, offset: 0)
        return (address(base, index: index, scale: UInt64(element.storage.byteSize)), element)
    }

    private func loadElement(_ x: UInt32, of array: LLVMValueRef, at index: LLVMValueRef, _ ext: FieldExtension) -> LLVMValueRef {
        let (pointer, type) = elementAddress(x, of: array, at: index)
        return loadStorage(type.storage, from: pointer, ext)
    }

    private func storeElement(_ x: UInt32, of array: LLVMValueRef, at index: LLVMValueRef, _ value: LLVMValueRef) {
        let (pointer, type) = elementAddress(x, of: array, at: index)
        storeStorage(type.storage, value, to: pointer)
    }

    private func storageType(_ storage: StorageType) -> LLVMTypeRef {
        switch storage {
        case .i8: types.i8
        case .i16: LLVMInt16TypeInContext(unit.context)
        case .value(let t): types.value(t)
        }
    }

    private func loadStorage(_ storage: StorageType, from pointer: LLVMValueRef, _ ext: FieldExtension) -> LLVMValueRef {
        let value = load(storageType(storage), from: pointer, region: .gcPayload, alignment: UInt32(min(storage.byteSize, 16)))
        guard storage.isPacked else { return value }
        return ext == .signed ? LLVMBuildSExt(builder, value, types.i32, "") : LLVMBuildZExt(builder, value, types.i32, "")
    }

    private func storeStorage(_ storage: StorageType, _ value: LLVMValueRef, to pointer: LLVMValueRef) {
        let stored: LLVMValueRef = storage.isPacked ? LLVMBuildTrunc(builder, value, storageType(storage), "") : value
        store(stored, to: pointer, region: .gcPayload, alignment: UInt32(min(storage.byteSize, 16)))
    }

    /// A value's bits as two i64 halves (low first), for the runtime's fill operations.
    private func elementBits(_ value: LLVMValueRef) -> (LLVMValueRef, LLVMValueRef) {
        let type = LLVMTypeOf(value)
        if type == types.ptr { return (LLVMBuildPtrToInt(builder, value, types.i64, ""), i64(0)) }
        if type == types.i64 { return (value, i64(0)) }
        if type == types.i32 { return (LLVMBuildZExt(builder, value, types.i64, ""), i64(0)) }
        if type == types.f32 {
            return (LLVMBuildZExt(builder, LLVMBuildBitCast(builder, value, types.i32, ""), types.i64, ""), i64(0))
        }
        if type == types.f64 { return (LLVMBuildBitCast(builder, value, types.i64, ""), i64(0)) }
        // v128: <2 x i64>
        return (LLVMBuildExtractElement(builder, value, i32(0), ""), LLVMBuildExtractElement(builder, value, i32(1), ""))
    }
}
