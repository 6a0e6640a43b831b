/// Ahead-of-time compiled code loaded from an object file.
///
/// Listed so reports show it, but reported unavailable: Wasmex has no AOT
/// loader yet. When it exists, implement ``measure(_:runs:)`` as "load the
/// object, instantiate, run" (compile_ms = load time) and return `.available`.
public final class AOTEngine: BenchEngine {
    public let name = "aot"
    public init() {}

    public var availability: EngineAvailability {
        .unavailable("the AOT object loader does not exist yet")
    }

    public func measure(_ workload: Workload, runs: Int) throws(BenchError) -> EngineMeasurement {
        throw .engineFailure(engine: name, workload: workload.name, reason: "the AOT object loader does not exist yet")
    }
}
