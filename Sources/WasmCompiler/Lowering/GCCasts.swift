import CLLVM
import WasmFrontend

/// Run-time type tests of references (`ref.test`, `ref.cast`, `br_on_cast`,
/// `br_on_cast_fail`), inline. A word is null, an `i31` value (low bit 1), a
/// host value (low bits 10), a heap object (low bits 00) or a function record.
/// A concrete struct or array type is tested in constant time with the
/// object's supertype display: the runtime type at depth `d` of the target's
/// chain must be the target (by engine-wide canonical id).
extension FunctionEmitter {
    /// An i1: whether `reference` is a value of `target`.
    func castTest(_ reference: LLVMValueRef, _ target: RefType) -> LLVMValueRef {
        let done = appendBlock("cast_done")
        var incoming: [(LLVMValueRef, LLVMBasicBlockRef)] = []
        let isTrue: LLVMValueRef = LLVMConstInt(LLVMInt1TypeInContext(unit.context), 1, 0)
        let isFalse: LLVMValueRef = LLVMConstInt(LLVMInt1TypeInContext(unit.context), 0, 0)

        /// Continues when `condition` holds; otherwise the test ends with `false`.
        func require(_ condition: LLVMValueRef, _ name: String) {
            let next = appendBlock(name)
            incoming.append((isFalse, currentBlock))
            LLVMBuildCondBr(builder, condition, next, done)
            LLVMPositionBuilderAtEnd(builder, next)
        }

        // Null first: a value of the target exactly when the target is nullable.
        let nonNull = appendBlock("cast_non_null")
        incoming.append((target.isNullable ? isTrue : isFalse, currentBlock))
        LLVMBuildCondBr(builder, LLVMBuildIsNull(builder, reference, ""), done, nonNull)
        LLVMPositionBuilderAtEnd(builder, nonNull)

        let word = LLVMBuildPtrToInt(builder, reference, types.i64, "")
        let tag = LLVMBuildAnd(builder, word, i64(3), "")
        var result: LLVMValueRef = isTrue
        let gc = unit.gcTypes
        switch target.heapType {
        case .any, .func, .extern, .exn:
            break
        case .none, .noFunc, .noExtern, .noExn:
            result = isFalse
        case .eq:
            result = LLVMBuildICmp(builder, LLVMIntNE, tag, i64(2), "")
        case .i31:
            result = LLVMBuildICmp(builder, LLVMIntNE, LLVMBuildAnd(builder, word, i64(1), ""), i64(0), "")
        case .struct, .array:
            require(LLVMBuildICmp(builder, LLVMIntEQ, tag, i64(0), ""), "cast_object")
            let kind = load(types.i32, from: objectRTT(reference), region: .gcHeader, alignment: 4)
            let expected = target.heapType == .struct ? 1 : 2
            result = LLVMBuildICmp(builder, LLVMIntEQ, kind, i32(UInt32(expected)), "")
        case .concrete(let x):
            if gc.composite(x) == .function {
                let id = load(types.i32, from: address(reference, offset: VMContextLayout.funcRefTypeID),
                              region: .functionRecord, alignment: 4)
                result = functionTypeMatches(id, canonicalTypeID(x))
            } else {
                require(LLVMBuildICmp(builder, LLVMIntEQ, tag, i64(0), ""), "cast_object")
                let rtt = objectRTT(reference)
                let depth = gc.depths[Int(x)]
                if depth > 0 {
                    let actual = load(types.i32, from: address(rtt, offset: VMContextLayout.rttDepth), region: .gcHeader,
                                      alignment: 4)
                    require(LLVMBuildICmp(builder, LLVMIntUGE, actual, i32(depth), ""), "cast_deep_enough")
                }
                let display = load(types.ptr, from: address(rtt, offset: VMContextLayout.rttDisplay), region: .gcHeader)
                let id = load(types.i32, from: address(display, offset: UInt64(depth) * 4), region: .gcHeader,
                              alignment: 4)
                result = LLVMBuildICmp(builder, LLVMIntEQ, id, canonicalTypeID(x), "")
            }
        }
        incoming.append((result, currentBlock))
        LLVMBuildBr(builder, done)
        LLVMPositionBuilderAtEnd(builder, done)
        let phi: LLVMValueRef = LLVMBuildPhi(builder, LLVMInt1TypeInContext(unit.context), "is_cast")
        var values: [LLVMValueRef?] = incoming.map(\.0)
        var blocks: [LLVMBasicBlockRef?] = incoming.map(\.1)
        values.withUnsafeMutableBufferPointer { v in
            blocks.withUnsafeMutableBufferPointer { b in
                LLVMAddIncoming(phi, v.baseAddress, b.baseAddress, UInt32(incoming.count))
            }
        }
        return phi
    }

    /// The runtime type of a heap object (its header's first word).
    private func objectRTT(_ object: LLVMValueRef) -> LLVMValueRef {
        load(types.ptr, from: address(object, offset: VMContextLayout.gcObjectRTT), region: .gcHeader)
    }
}
