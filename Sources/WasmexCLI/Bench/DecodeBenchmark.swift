import Foundation
import WasmFrontend

/// Repeats decode + validate of one module and reports throughput.
struct DecodeBenchmark {
    /// Throughput in MB/s (10^6 bytes per second) over the timed iterations.
    struct Statistics {
        var median: Double
        var min: Double
        var max: Double
    }

    let bytes: [UInt8]

    /// Decodes and validates `bytes` `warmup + iterations` times, timing the last `iterations`.
    func measure(iterations: Int, warmup: Int) throws(WasmError) -> Statistics {
        for _ in 0..<warmup { try decodeOnce() }
        let clock = ContinuousClock()
        var rates: [Double] = []
        rates.reserveCapacity(iterations)
        for _ in 0..<iterations {
            let start = clock.now
            try decodeOnce()
            let elapsed = clock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            rates.append(Double(bytes.count) / 1e6 / Swift.max(seconds, 1e-9))
        }
        rates.sort()
        let middle = rates.count / 2
        let median = rates.count % 2 == 1 ? rates[middle] : (rates[middle - 1] + rates[middle]) / 2
        return Statistics(median: median, min: rates.first ?? 0, max: rates.last ?? 0)
    }

    private func decodeOnce() throws(WasmError) {
        let module = try WasmModule.decode(bytes)
        try module.validate()
    }

    /// The largest `.wasm` file under the shared bench folder.
    static func defaultInput() throws -> String {
        guard let shared = PackagePaths.shared else {
            throw CLIError("no input given and no shared folder found (set WASMEX_SHARED)")
        }
        let bench = shared.appendingPathComponent("bench").path
        guard let enumerator = FileManager.default.enumerator(atPath: bench) else {
            throw CLIError("no input given and \(bench) cannot be read (set WASMEX_SHARED)")
        }
        var best: (path: String, size: Int)?
        for case let relative as String in enumerator where relative.hasSuffix(".wasm") {
            let path = bench + "/" + relative
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            if size > (best?.size ?? -1) { best = (path, size) }
        }
        guard let best else { throw CLIError("no .wasm files under \(bench)") }
        return best.path
    }
}
