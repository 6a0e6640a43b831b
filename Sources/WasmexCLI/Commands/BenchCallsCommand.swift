import ArgumentParser
import Foundation
import Wasmex

/// `wasmex bench calls`: the cost of crossing between Swift and Wasm.
///
/// Measures nanoseconds per call for Swift → Wasm through `[Value]`
/// (`Instance.call` by name and a resolved `Function`), through the typed fast
/// path (`TypedFunction`), and Wasm → Swift: a Wasm loop calling an imported
/// host function N times (typed and `[Value]` host functions).
struct BenchCallsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calls",
        abstract: "Measure ns per call: Swift → Wasm ([Value] and typed) and Wasm → Swift imports.",
        discussion: "Build with -c release for meaningful numbers. Each figure is the best of --rounds rounds."
    )

    @Option(name: .shortAndLong, help: "Calls per round.")
    var iterations = 1_000_000

    @Option(help: "Timed rounds per measurement (the fastest is reported).")
    var rounds = 5

    /// A module with `sum` (called from Swift) and `loop`, which calls the imported `env.inc` N times.
    static let wat = """
    (module
      (import "env" "inc" (func $inc (param i32) (result i32)))
      (func (export "sum") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
      (func (export "loop") (param $n i32) (result i32) (local $acc i32)
        (block $done
          (loop $next
            (br_if $done (i32.eqz (local.get $n)))
            (local.set $acc (call $inc (local.get $acc)))
            (local.set $n (i32.sub (local.get $n) (i32.const 1)))
            (br $next)))
        (local.get $acc)))
    """

    func run() throws {
        guard iterations > 0, rounds > 0 else { throw CLIError("--iterations and --rounds must be positive") }
        let engine = try Engine()
        let n = iterations

        let typedHost = try Self.instance(engine: engine) { store in
            try Function(store: store, typed: { (x: Int32) -> Int32 in x &+ 1 })
        }
        let boxedHost = try Self.instance(engine: engine) { store in
            try Function(store: store, type: FunctionType(parameters: [.i32], results: [.i32])) { _, arguments in
                guard case .i32(let x)? = arguments.first else { return [.i32(0)] }
                return [.i32(x &+ 1)]
            }
        }

        print("wasmex bench calls: \(n) calls per round, best of \(rounds) rounds")
        let byName = try measure(n) { i in
            let result = try typedHost.call("sum", [.i32(i), .i32(1)])
            return result.count
        }
        report("Swift → Wasm, [Value], instance.call(name)", byName)

        let sum = try typedHost.function(named: "sum")
        let byHandle = try measure(n) { i in try sum.call([.i32(i), .i32(1)]).count }
        report("Swift → Wasm, [Value], Function.call", byHandle)

        let typedSum = try typedHost.typedFunction("sum", (Int32, Int32).self, Int32.self)
        let typed = try measure(n) { i in Int(try typedSum(i, 1)) }
        report("Swift → Wasm, typed (TypedFunction)", typed)

        let loopTyped = try typedHost.typedFunction("loop", Int32.self, Int32.self)
        let loopBoxed = try boxedHost.typedFunction("loop", Int32.self, Int32.self)
        let count = Int32(clamping: n)
        let importTyped = try measureOnce(Int(count)) {
            guard try loopTyped(count) == count else { throw CLIError("import loop returned a wrong count") }
        }
        report("Wasm → Swift import, typed host function", importTyped)
        let importBoxed = try measureOnce(Int(count)) {
            guard try loopBoxed(count) == count else { throw CLIError("import loop returned a wrong count") }
        }
        report("Wasm → Swift import, [Value] host function", importBoxed)
    }

    /// An instance of ``wat`` whose `env.inc` is made by `inc`.
    private static func instance(engine: Engine, inc: (Store) throws -> Function) throws -> Instance {
        let store = Store(engine: engine)
        var imports = Imports()
        imports.define(module: "env", name: "inc", .function(try inc(store)))
        return try Instance(store: store, module: Module(engine: engine, text: wat), imports: imports)
    }

    /// Best ns per call of `body` over `rounds` rounds of `n` calls.
    private func measure(_ n: Int, _ body: (Int32) throws -> Int) throws -> Double {
        var best = Double.infinity
        var sink = 0
        for _ in 0..<rounds {
            let start = ContinuousClock.now
            for i in 0..<n { sink &+= try body(Int32(truncatingIfNeeded: i)) }
            best = min(best, nanoseconds(ContinuousClock.now - start) / Double(n))
        }
        if sink == 42 { print("") }  // keeps the results alive
        return best
    }

    /// Best ns per inner call of `body`, which makes `n` calls itself.
    private func measureOnce(_ n: Int, _ body: () throws -> Void) throws -> Double {
        var best = Double.infinity
        for _ in 0..<rounds {
            let start = ContinuousClock.now
            try body()
            best = min(best, nanoseconds(ContinuousClock.now - start) / Double(n))
        }
        return best
    }

    private func nanoseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1e9 + Double(attoseconds) / 1e9
    }

    private func report(_ label: String, _ nanoseconds: Double) {
        print("  \(label.padding(toLength: 46, withPad: " ", startingAt: 0)) \(String(format: "%8.1f", nanoseconds)) ns/call")
    }
}
