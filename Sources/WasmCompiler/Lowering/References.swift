import CLLVM

/// ref.null is a constant null pointer; ref.is_null and ref.func.
extension FunctionEmitter {
    func lowerRefIsNull() {
        let isNull = LLVMBuildIsNull(builder, pop(), "")
        push(LLVMBuildZExt(builder, isNull, types.i32, ""))
    }

    /// `ref.func f` is the address of `f`'s funcref record in this instance.
    func lowerRefFunc(_ function: Int) {
        unit.escaping.insert(function)
        push(functionRecord(function))
    }
}
