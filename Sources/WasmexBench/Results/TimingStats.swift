/// Median, minimum and maximum of a set of timings (milliseconds).
package struct TimingStats: Sendable, Equatable {
    package var median: Double
    package var min: Double
    package var max: Double

    package init(median: Double, min: Double, max: Double) {
        self.median = median
        self.min = min
        self.max = max
    }

    /// Summarises `samples`; nil when there are none. An even count takes the mean of the middle two.
    package init?(_ samples: [Double]) {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        let middle = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        min = sorted[0]
        max = sorted[sorted.count - 1]
    }
}
