import Foundation

/// Fills in each result's ratio to the `interp` and `wasmtime` results of the same workload.
package enum Ratios {
    /// `results` with ``BenchResult/ratioToInterp`` and ``BenchResult/ratioToWasmtime`` set
    /// wherever both sides have a cost.
    package static func apply(to results: [BenchResult],
                             interpreter: String = EngineCatalog.interpreterName,
                             wasmtime: String = EngineCatalog.wasmtimeName) -> [BenchResult] {
        var costs: [String: [String: Double]] = [:]
        var endToEnd: [String: Double] = [:]
        for result in results {
            if let cost = result.cost { costs[result.workload, default: [:]][result.engine] = cost }
            if result.engine == wasmtime, let time = comparableEndToEnd(result) { endToEnd[result.workload] = time }
        }
        return results.map { result in
            var updated = result
            updated.ratioToInterp = ratio(result, reference: costs[result.workload]?[interpreter])
            updated.ratioToWasmtime = ratio(result, reference: costs[result.workload]?[wasmtime])
            if let mine = comparableEndToEnd(result), let reference = endToEnd[result.workload] {
                updated.endToEndRatioToWasmtime = mine / reference
            }
            return updated
        }
    }

    /// A correct sightglass result's end-to-end time (CoreMark runs for a
    /// fixed time, so its end to end says nothing about speed).
    static func comparableEndToEnd(_ result: BenchResult) -> Double? {
        guard result.correct, result.kind == .sightglass, let time = result.endToEndMs, time > 0 else { return nil }
        return time
    }

    /// `cost / reference`, or nil when either is missing or the reference is not positive.
    static func ratio(_ result: BenchResult, reference: Double?) -> Double? {
        guard let cost = result.cost, let reference, reference > 0 else { return nil }
        return cost / reference
    }

    /// The geometric mean of positive values (nil when there are none): the fair
    /// average of ratios.
    package static func geometricMean(_ values: [Double]) -> Double? {
        let positive = values.filter { $0 > 0 && $0.isFinite }
        guard !positive.isEmpty else { return nil }
        let logSum = positive.reduce(0) { $0 + log($1) }
        return exp(logSum / Double(positive.count))
    }
}
