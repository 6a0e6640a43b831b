import Foundation
import Wasmex

/// `wasmex bench gc-soak`: `Fixtures/gc/gc_soak.wasm` churns a live set of
/// about 65 MiB (a ring of 32,768 nodes owning 1 KiB arrays, every 1,024th a
/// 1 MiB array; see the module's comments) until the store has allocated
/// ``totalBytes``, watching the process's RSS and the store's heap.
///
/// The module runs in steps of ``stepBytes``; after each step RSS and
/// `heapBytes` are sampled for the peaks. At ``checkpoints`` evenly spaced
/// points the host collects (``Store/collectGarbage()``) and samples again:
/// RSS and heap size right after a full collection do not depend on where
/// the collector's own cycle happens to be, so they are what "flat" is
/// judged on (``GCSoakLimits``). At the end the module checks every object of
/// the ring and names the bytes they take, which must be exactly what the
/// heap reports live after a last full collection.
package struct GCSoakRun {
    package static let fixture = "Fixtures/gc/gc_soak.wasm"

    /// Bytes to allocate in all (the store's `allocatedBytes`, ring included).
    package var totalBytes: UInt64
    /// Bytes the module allocates per call (one RSS and heap sample each).
    package var stepBytes: UInt64 = 16 << 20
    /// Full collections with a sample, evenly spaced, the last at the end.
    package var checkpoints = 10
    package var configuration: Engine.Configuration
    package var modulePath: String

    package init(totalBytes: UInt64, configuration: Engine.Configuration = Engine.Configuration(),
                 modulePath: String = BenchPaths.packageFile(GCSoakRun.fixture)) {
        self.totalBytes = totalBytes
        self.configuration = configuration
        self.modulePath = modulePath
    }

    /// Runs the soak; `progress` gets a line at every checkpoint.
    package func run(progress: (String) -> Void = { _ in }) throws -> GCSoakReport {
        guard totalBytes > 0, stepBytes > 0, checkpoints > 0 else {
            throw BenchError.invalidArgument("the total, the step and the checkpoint count must be positive")
        }
        guard let contents = FileManager.default.contents(atPath: modulePath) else {
            throw BenchError.io(path: modulePath, reason: "cannot read module")
        }
        let engine = try Engine(configuration)
        let module = try Module(engine: engine, bytes: [UInt8](contents))
        let store = Store(engine: engine)
        let instance = try Instance(store: store, module: module)
        let churn = try instance.typedFunction("run", Int64.self, Int64.self)
        let liveBytes = try instance.typedFunction("live_bytes", Void.self, Int64.self)

        let start = SoakProcessSample.now()
        var peakResident = start.residentBytes
        var peakHeap: UInt64 = 0
        var objects: Int64 = 0
        var marks: [GCSoakCheckpoint] = []
        var nextCheckpoint = 1
        func checkpointTarget(_ index: Int) -> UInt64 {
            index >= checkpoints ? totalBytes : UInt64(Double(totalBytes) * Double(index) / Double(checkpoints))
        }

        let began = BenchClock.nanoseconds()
        var allocated: UInt64 = 0
        while allocated < totalBytes {
            objects += try churn(Int64(min(stepBytes, totalBytes - allocated)))
            let stats = store.garbageCollectionStatistics
            allocated = stats.allocatedBytes
            peakResident = max(peakResident, SoakProcessSample.now().residentBytes)
            peakHeap = max(peakHeap, stats.heapBytes)
            while nextCheckpoint <= checkpoints, allocated >= checkpointTarget(nextCheckpoint) {
                store.collectGarbage()
                let after = store.garbageCollectionStatistics
                let sample = SoakProcessSample.now()
                marks.append(GCSoakCheckpoint(allocatedBytes: allocated, residentBytes: sample.residentBytes,
                                              heapBytes: after.heapBytes, liveBytes: after.liveBytes, mappings: sample.mappings))
                progress("  \(GCSoakReport.gibibytes(allocated)) allocated, after a full collection: RSS \(SoakReport.mebibytes(sample.residentBytes)), "
                    + "heap \(GCSoakReport.mebibytes(after.heapBytes)), live \(GCSoakReport.mebibytes(after.liveBytes)), "
                    + "\(after.collections) collections")
                nextCheckpoint += 1
            }
        }
        let elapsed = BenchClock.nanoseconds() &- began

        // The module checks every object it still holds and sums their sizes.
        let expectedLive = try liveBytes()
        store.collectGarbage()
        let final = store.garbageCollectionStatistics
        let end = SoakProcessSample.now()
        return GCSoakReport(totalBytes: totalBytes, seconds: Double(elapsed) / 1e9, objects: Int(objects),
                            statistics: final, expectedLiveBytes: UInt64(max(0, expectedLive)),
                            start: start, end: end, peakResidentBytes: max(peakResident, end.residentBytes),
                            peakHeapBytes: max(peakHeap, final.heapBytes), checkpoints: marks)
    }
}

/// The process and the heap right after a full collection.
package struct GCSoakCheckpoint: Sendable, Equatable {
    package var allocatedBytes: UInt64
    package var residentBytes: Int
    package var heapBytes: UInt64
    package var liveBytes: UInt64
    package var mappings: Int

    package init(allocatedBytes: UInt64, residentBytes: Int, heapBytes: UInt64, liveBytes: UInt64, mappings: Int) {
        self.allocatedBytes = allocatedBytes
        self.residentBytes = residentBytes
        self.heapBytes = heapBytes
        self.liveBytes = liveBytes
        self.mappings = mappings
    }
}

/// What ``GCSoakRun`` may show and still count as flat.
///
/// - The peak RSS may exceed the RSS before the first allocation by at most
///   `residentFactor` × the live set, and `heapBytes` may peak at
///   `heapFactor` × the live set: the collector runs when the bytes allocated
///   since the last collection pass the live bytes, so the heap should peak
///   near twice the live set, plus partly used and spare chunks.
/// - After a full collection, RSS and `heapBytes` may grow by at most
///   `growthBytes` from the first checkpoint to any later one: a leak of one
///   object in a thousand over 10 GiB would add 10 MiB per GiB.
/// - The bytes live after the last full collection must be exactly what the
///   module holds (nothing dead retained, nothing live lost).
package struct GCSoakLimits: Sendable {
    package var residentFactor: Double
    package var heapFactor: Double
    package var growthBytes: Int

    package init(residentFactor: Double = 3, heapFactor: Double = 3, growthBytes: Int = 32 << 20) {
        self.residentFactor = residentFactor
        self.heapFactor = heapFactor
        self.growthBytes = growthBytes
    }
}

/// The figures of a GC soak run.
package struct GCSoakReport: Sendable {
    package var totalBytes: UInt64
    package var seconds: Double
    /// Objects the module allocated (the ring not counted).
    package var objects: Int
    /// The heap after the final full collection.
    package var statistics: GarbageCollectionStatistics
    /// The bytes of the objects the module still holds, by its own count.
    package var expectedLiveBytes: UInt64
    /// Before the first allocation, and after the final collection.
    package var start: SoakProcessSample
    package var end: SoakProcessSample
    package var peakResidentBytes: Int
    package var peakHeapBytes: UInt64
    package var checkpoints: [GCSoakCheckpoint]

    package init(totalBytes: UInt64, seconds: Double, objects: Int, statistics: GarbageCollectionStatistics,
                 expectedLiveBytes: UInt64, start: SoakProcessSample, end: SoakProcessSample,
                 peakResidentBytes: Int, peakHeapBytes: UInt64, checkpoints: [GCSoakCheckpoint]) {
        self.totalBytes = totalBytes
        self.seconds = seconds
        self.objects = objects
        self.statistics = statistics
        self.expectedLiveBytes = expectedLiveBytes
        self.start = start
        self.end = end
        self.peakResidentBytes = peakResidentBytes
        self.peakHeapBytes = peakHeapBytes
        self.checkpoints = checkpoints
    }

    /// The live set: what survives a full collection at the end.
    package var liveSetBytes: UInt64 { statistics.liveBytes }
    package var residentGrowth: Int { peakResidentBytes - start.residentBytes }
    /// From the first checkpoint to the highest later one (0 with fewer than two).
    package var residentGrowthAfterFirstCheckpoint: Int {
        guard let first = checkpoints.first else { return 0 }
        return max(0, (checkpoints.dropFirst().map(\.residentBytes).max() ?? first.residentBytes) - first.residentBytes)
    }
    package var heapGrowthAfterFirstCheckpoint: Int {
        guard let first = checkpoints.first else { return 0 }
        return max(0, Int(checkpoints.dropFirst().map(\.heapBytes).max() ?? first.heapBytes) - Int(first.heapBytes))
    }

    /// Every bound of `limits` this run broke, in words (empty: none).
    package func violations(of limits: GCSoakLimits) -> [String] {
        var found: [String] = []
        let live = Double(liveSetBytes)
        if statistics.allocatedBytes < totalBytes {
            found.append("allocated \(statistics.allocatedBytes) bytes, fewer than the \(totalBytes) asked for")
        }
        if liveSetBytes != expectedLiveBytes {
            found.append("\(liveSetBytes) bytes live after a full collection, but the module holds \(expectedLiveBytes)")
        }
        if Double(residentGrowth) > limits.residentFactor * live {
            found.append("peak RSS \(SoakReport.mebibytes(peakResidentBytes)) is \(SoakReport.mebibytes(residentGrowth)) above the start, "
                + "more than \(ReportFormat.number(limits.residentFactor, digits: 1)) × the live set (\(Self.mebibytes(liveSetBytes)))")
        }
        if Double(peakHeapBytes) > limits.heapFactor * live {
            found.append("peak heap \(Self.mebibytes(peakHeapBytes)) is more than \(ReportFormat.number(limits.heapFactor, digits: 1)) × "
                + "the live set (\(Self.mebibytes(liveSetBytes)))")
        }
        if residentGrowthAfterFirstCheckpoint > limits.growthBytes {
            found.append("RSS after a full collection grew by \(SoakReport.mebibytes(residentGrowthAfterFirstCheckpoint)) "
                + "after the first checkpoint (limit \(SoakReport.mebibytes(limits.growthBytes)))")
        }
        if heapGrowthAfterFirstCheckpoint > limits.growthBytes {
            found.append("the heap after a full collection grew by \(SoakReport.mebibytes(heapGrowthAfterFirstCheckpoint)) "
                + "after the first checkpoint (limit \(SoakReport.mebibytes(limits.growthBytes)))")
        }
        return found
    }

    /// The figures, one per line.
    package var lines: [String] {
        let stats = statistics
        let live = Double(max(liveSetBytes, 1))
        func times(_ bytes: Double) -> String { ReportFormat.number(bytes / live, digits: 2) + " × live" }
        func list(_ values: [String]) -> String { values.joined(separator: ", ") }
        var lines = [
            "allocated:   \(Self.gibibytes(stats.allocatedBytes)) (\(GCBenchReport.grouped(Int(stats.allocatedBytes))) bytes), "
                + "\(GCBenchReport.grouped(objects)) objects in \(String(format: "%.2f", seconds)) s: "
                + "\(ReportFormat.number(Double(stats.allocatedBytes) / seconds / 1e6, digits: 0)) MB/s, "
                + "\(ReportFormat.number(Double(objects) / seconds / 1e6, digits: 2)) M objects/s",
            "collections: \(stats.collections) (\(checkpoints.count + 1) of them forced at the checkpoints), "
                + "total pause \(ReportFormat.milliseconds(Double(stats.totalPauseNanoseconds) / 1e6)) ms "
                + "(\(ReportFormat.number(Double(stats.totalPauseNanoseconds) / 1e9 / seconds * 100, digits: 1)) % of the run), "
                + "max pause \(ReportFormat.milliseconds(Double(stats.maxPauseNanoseconds) / 1e6)) ms",
            "live set:    \(Self.mebibytes(liveSetBytes)) after the final full collection "
                + "(module's own count \(Self.mebibytes(expectedLiveBytes))\(liveSetBytes == expectedLiveBytes ? ", equal" : ", DIFFERENT"))",
            "RSS:         start \(SoakReport.mebibytes(start.residentBytes)) (before the first allocation), "
                + "peak \(SoakReport.mebibytes(peakResidentBytes)) (start + \(times(Double(residentGrowth)))), "
                + "end \(SoakReport.mebibytes(end.residentBytes)) (after the final collection)",
            "heapBytes:   peak \(Self.mebibytes(peakHeapBytes)) (\(times(Double(peakHeapBytes)))), "
                + "end \(Self.mebibytes(stats.heapBytes)) (\(times(Double(stats.heapBytes))))",
        ]
        if let first = checkpoints.first {
            lines.append("after a full collection every \(Self.gibibytes(first.allocatedBytes)):")
            lines.append("  RSS MiB:  \(list(checkpoints.map { ReportFormat.number(Double($0.residentBytes) / 1_048_576, digits: 1) }))"
                + " (growth after the first: \(SoakReport.mebibytes(residentGrowthAfterFirstCheckpoint)))")
            lines.append("  heap MiB: \(list(checkpoints.map { ReportFormat.number(Double($0.heapBytes) / 1_048_576, digits: 1) }))"
                + " (growth after the first: \(SoakReport.mebibytes(heapGrowthAfterFirstCheckpoint)))")
            lines.append("  mappings: \(list(checkpoints.map { String($0.mappings) })) (start \(start.mappings), end \(end.mappings))")
        }
        return lines
    }

    static func mebibytes(_ bytes: UInt64) -> String { SoakReport.mebibytes(Int(clamping: bytes)) }
    static func gibibytes(_ bytes: UInt64) -> String { String(format: "%.2f GiB", Double(bytes) / 1_073_741_824) }
}
