/// The defined functions of one tiered module whose first-tier code has
/// registers (see `FirstTierGrade`): the lazy compiles and the whole first
/// tier record them, and a hot function among them goes straight to its
/// optimised code, skipping the quick stage, whose code would be hardly
/// faster than the registers code it already runs.
final class FirstTierRegisters: @unchecked Sendable {
    private let lock = ConditionLock()
    private var functions: Set<Int>

    init(_ functions: some Sequence<Int>) {
        self.functions = Set(functions)
    }

    func insert(contentsOf added: [Int]) {
        lock.withLock { functions.formUnion(added) }
    }

    func contains(_ definedIndex: Int) -> Bool {
        lock.withLock { functions.contains(definedIndex) }
    }
}
