/// Which loaded module a first-tier object's tier table (`wasm_tiers`)
/// belongs to. Generated code names its module to the runtime by that
/// table's address (`wasmex_tier_hot`, `wasmex_tier_lazy`); the runtime's
/// handler finds the module's ``HotFunctions`` or ``LazyFunctions`` here.
final class TierTableRegistry<Owner: AnyObject>: @unchecked Sendable {
    private let lock = ConditionLock()
    private var owners: [UInt: Owner] = [:]

    func register(_ owner: Owner, tiers: UInt) { lock.withLock { owners[tiers] = owner } }
    func unregister(tiers: UInt) { _ = lock.withLock { owners.removeValue(forKey: tiers) } }

    /// The owner of the tier table at `tiers`, if its module is still loaded.
    func owner(of tiers: UnsafeMutablePointer<UnsafeMutableRawPointer?>) -> Owner? {
        let key = UInt(bitPattern: tiers)
        return lock.withLock { owners[key] }
    }
}
