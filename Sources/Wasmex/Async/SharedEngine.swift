import WasmCompiler

extension Engine {
    /// A process-wide engine with the default configuration, created on first
    /// use; what ``WasmexInstance`` compiles with when given no engine.
    public static func shared() throws(WasmexError) -> Engine {
        try SharedEngine.holder.engine()
    }
}

/// Lazily creates the shared engine once.
private final class SharedEngine: @unchecked Sendable {
    static let holder = SharedEngine()

    private let lock = Lock()
    private var cached: Engine?

    func engine() throws(WasmexError) -> Engine {
        try lock.withLock { () throws(WasmexError) -> Engine in
            if let cached { return cached }
            let engine = try Engine()
            cached = engine
            return engine
        }
    }
}
