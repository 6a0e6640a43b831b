/// The defined functions of one tiered module whose first-tier code has
/// registers (see `FirstTierGrade`): the lazy compiles and the whole first
/// tier record them, and a hot function among them goes straight to its
/// optimised code, skipping the quick stage, whose code would be hardly
/// faster than the registers code it already runs.
///
/// It also records the kernels optimised on their first call
/// (`FirstTierGrade.isKernel`). Their code counts nothing, so their hotness
/// counters stay at zero; a hot caller's compile counts them as warm callees
/// to copy (see `HotFunctions`), as it would had they been counted: they
/// loop or recurse, and calls to them are where the work is.
final class FirstTierRegisters: @unchecked Sendable {
    private let lock = ConditionLock()
    private var functions: Set<Int>
    private var kernels: Set<Int> = []

    init(_ functions: some Sequence<Int>) {
        self.functions = Set(functions)
    }

    func insert(contentsOf added: [Int]) {
        lock.withLock { functions.formUnion(added) }
    }

    func contains(_ definedIndex: Int) -> Bool {
        lock.withLock { functions.contains(definedIndex) }
    }

    func insertKernel(_ definedIndex: Int) {
        lock.withLock { _ = kernels.insert(definedIndex) }
    }

    func isKernel(_ definedIndex: Int) -> Bool {
        lock.withLock { kernels.contains(definedIndex) }
    }
}
