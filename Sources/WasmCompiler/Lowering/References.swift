import CLLVM

/// ref.null is a constant null pointer; ref.is_null, ref.func, and the null tests of
/// typed function references (ref.as_non_null, br_on_null, br_on_non_null).
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

    /// `ref.as_non_null`: traps on null, else leaves the reference as it is.
    func lowerRefAsNonNull() {
        let reference = pop()
        emitTrap(if: LLVMBuildIsNull(builder, reference, ""), .nullReference)
        push(reference)
    }

    /// `br_on_null l`: branches (without the reference) when it is null.
    func lowerBrOnNull(_ depth: Int) {
        let reference = pop()
        branch(toDepth: depth, when: LLVMBuildIsNull(builder, reference, ""), otherwise: "br_on_null_else")
        push(reference)
    }

    /// `br_on_non_null l`: branches with the reference when it is not null, else drops it.
    func lowerBrOnNonNull(_ depth: Int) {
        let reference = peekMany(1)[0]
        branch(toDepth: depth, when: LLVMBuildIsNotNull(builder, reference, ""), otherwise: "br_on_non_null_else")
        _ = pop()
    }
}
