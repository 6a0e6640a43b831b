import Foundation

/// Fills in each result's ratio to the `interp` and `wasmtime` results of the same workload.
package enum Ratios {
    /// `results` with ``BenchResult/ratioToInterp`` and ``BenchResult/ratioToWasmtime`` set
    /// wherever both sides have a cost.
    package static func apply(to results: [BenchResult],
                             interpreter: String = EngineCatalog.interpreterName,
                             wasmtime: String = EngineCatalog.wasmtimeName) -> [BenchResult] {
        var costs: [String: [String: Double]] = [:]
        for result in results {
            if let cost = result.cost { costs[result.workload, default: [:]][result.engine] = cost }
        }
        return results.map { result in
            var updated = result
            updated.ratioToInterp = ratio(result, reference: costs[result.workload]?[interpreter])
            updated.ratioToWasmtime = ratio(result, reference: costs[result.workload]?[wasmtime])
            return updated
        }
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
