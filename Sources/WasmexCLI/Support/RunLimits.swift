import ArgumentParser
import Wasmex

/// The store limits of `wasmex run`: `--max-memory-size`, `--max-table-elements`,
/// `--max-instances`.
///
/// The library's ``Store`` is unlimited unless its user says otherwise, but a
/// command-line run of an arbitrary module needs a bound by default: without
/// one a single `table.grow` may ask for 2^32 elements (32 GiB of host memory).
/// The defaults let every valid 32-bit module and ordinary programs run:
/// - memory: 4 GiB, all a 32-bit memory can address (the flag lowers it);
/// - table elements: 10,000,000 per table (80 MB), far above what compilers
///   emit for function tables;
/// - instances: 1,000 (a WASI command needs one), and as many tables and memories.
/// A grow past a limit fails the way the spec lets it (`memory.grow` and
/// `table.grow` return -1); instantiating past one is an error naming the limit.
struct RunLimits: ParsableArguments {
    static let defaultMemorySize = 4 << 30
    static let defaultTableElements = 10_000_000
    static let defaultInstances = 1_000

    @Option(name: .customLong("max-memory-size"),
            help: ArgumentHelp("The most bytes one linear memory may grow to (suffixes K, M, G; default 4G).",
                               valueName: "BYTES"),
            transform: { text in
                guard let bytes = RunLimits.parseSize(text) else {
                    throw ValidationError("--max-memory-size \(text): expected a byte count such as 65536, 64M or 1G")
                }
                return bytes
            })
    var maxMemorySize: Int = RunLimits.defaultMemorySize

    @Option(name: .customLong("max-table-elements"),
            help: ArgumentHelp("The most elements one table may grow to (default 10000000).", valueName: "N"))
    var maxTableElements: Int = RunLimits.defaultTableElements

    @Option(name: .customLong("max-instances"),
            help: ArgumentHelp("The most instances (and tables, and memories) the run may create (default 1000).",
                               valueName: "N"))
    var maxInstances: Int = RunLimits.defaultInstances

    func validate() throws {
        guard maxTableElements >= 0 else { throw ValidationError("--max-table-elements must not be negative") }
        guard maxInstances >= 0 else { throw ValidationError("--max-instances must not be negative") }
    }

    /// The limits for the run's store.
    var storeLimits: StoreLimits {
        StoreLimits(memorySize: maxMemorySize, tableElements: maxTableElements, instances: maxInstances,
                    tables: maxInstances, memories: maxInstances)
    }

    /// A byte count: digits with an optional binary suffix K, M or G (`KiB` etc. too).
    static func parseSize(_ text: String) -> Int? {
        let units: [(suffix: String, shift: Int)] = [
            ("KiB", 10), ("MiB", 20), ("GiB", 30), ("K", 10), ("M", 20), ("G", 30), ("", 0),
        ]
        for unit in units where text.hasSuffix(unit.suffix) {
            guard let number = Int(text.dropLast(unit.suffix.count)), number >= 0,
                  number <= Int.max >> unit.shift else { continue }
            return number << unit.shift
        }
        return nil
    }
}
