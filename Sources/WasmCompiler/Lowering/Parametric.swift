import CLLVM

/// select and typed select (drop is a plain pop in the dispatcher).
extension FunctionEmitter {
    func lowerSelect() {
        let condition = isTrue(pop())
        let second = pop()
        let first = pop()
        push(LLVMBuildSelect(builder, condition, first, second, ""))
    }
}
