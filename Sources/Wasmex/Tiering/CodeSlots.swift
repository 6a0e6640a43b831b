import CWasmexRuntime

/// One of a first-tier object's per-function code tables (`wasm_tiers`,
/// `wasm_osr`): one pointer per defined function that generated code reads
/// atomically and the runtime writes once code is loaded.
struct CodeSlots: @unchecked Sendable {
    private let base: UnsafeMutablePointer<UnsafeMutableRawPointer?>

    /// The table at `address` (a resolved symbol of the first-tier object).
    init(_ address: UnsafeRawPointer) {
        base = UnsafeMutableRawPointer(mutating: address).assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
    }

    /// The table's address, which identifies its module (see ``TierTableRegistry``).
    var address: UInt { UInt(bitPattern: base) }

    /// Points defined function `definedIndex`'s slot at `code` (a release store).
    func publish(_ code: UnsafeRawPointer, at definedIndex: Int) {
        wasmex_tier_publish(base + definedIndex, UnsafeMutableRawPointer(mutating: code))
    }

    /// Points the slot at `code` unless it already holds code (which is then
    /// at least as good: optimised code is never replaced by first-tier
    /// code); returns what the slot holds afterwards.
    @discardableResult
    func publishIfEmpty(_ code: UnsafeRawPointer, at definedIndex: Int) -> UnsafeMutableRawPointer? {
        wasmex_tier_publish_if_empty(base + definedIndex, UnsafeMutableRawPointer(mutating: code))
    }

    /// What the slot holds now (an acquire load), nil while it is empty.
    func code(at definedIndex: Int) -> UnsafeMutableRawPointer? {
        wasmex_tier_read(base + definedIndex)
    }
}
