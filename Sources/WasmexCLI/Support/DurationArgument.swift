import Wasmex

/// `--timeout` values: a number with a unit (`ms`, `s`, `m`; `us` too).
enum DurationArgument {
    /// Parses `250ms`, `1s`, `1.5s`, `2m`; nil for anything else or a negative value.
    static func parse(_ text: String) -> Duration? {
        let units: [(suffix: String, seconds: Double)] = [("ms", 1e-3), ("us", 1e-6), ("s", 1), ("m", 60)]
        for unit in units where text.hasSuffix(unit.suffix) {
            guard let number = Double(text.dropLast(unit.suffix.count)), number.isFinite, number >= 0 else { return nil }
            let seconds = number * unit.seconds
            guard seconds < 1e9 else { return nil }
            return .microseconds(Int64((seconds * 1e6).rounded()))
        }
        return nil
    }

    /// Runs `body` under `store`'s epoch deadline `timeout` (none when nil).
    static func run<T>(store: Store, timeout: Duration?, _ body: () throws(WasmexError) -> T) throws(WasmexError) -> T {
        guard let timeout else { return try body() }
        return try store.withTimeout(timeout, body)
    }
}
