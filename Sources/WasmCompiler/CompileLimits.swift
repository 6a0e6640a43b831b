import WasmFrontend

/// How big a module the compiler accepts: its compile budget.
///
/// Compile time and memory grow with a module's locals and code, not with
/// its file size: a 2 KB module declaring 50,000 locals in each of 200
/// functions asks LLVM for ten million stack slots. A host that compiles
/// untrusted modules needs a bound it can rely on, so ``ModuleCompiler``
/// checks these counts before building any IR and refuses a module past one
/// of them with ``CompileError/limitExceeded(_:)``, naming the limit.
///
/// The per-function and count defaults are the implementation limits the
/// JS API spec sets and V8 and Wasmtime's parser share (50,000 locals per
/// function, 1,000,000 functions, 7,654,321 bytes per body; wasmparser is
/// stricter on body size, 128 KiB, which large C functions can exceed). The
/// module totals, which those engines do not limit, are set so that a
/// worst-case module compiles in seconds and a few hundred MB: 10 functions
/// of 50,000 locals (the most `localsPerModule` allows) took 1.7 s and 230 MB
/// with a debug `wasmex compile`.
public struct CompileLimits: Sendable, Hashable {
    /// The most locals (parameters included) one function may have.
    /// Wasmtime's limit; the binary decoder separately refuses more than
    /// 50,000 declared locals as malformed.
    public var localsPerFunction: Int
    /// The most locals (parameters included) all defined functions may have
    /// together. Each local costs LLVM a stack slot to promote, so this bounds
    /// the part of compile time the code size does not.
    public var localsPerModule: Int
    /// The most functions a module may define.
    public var functions: Int
    /// The most instruction bytes one function body may have.
    public var functionSize: Int
    /// The most instruction bytes all function bodies may have together.
    public var codeSize: Int
    /// The deepest one function may nest `loop`s. LLVM's loop passes are
    /// quadratic in nesting depth (see `LoopNesting`): 250 levels add about
    /// 0.1 s to a compile, and real code rarely nests loops past 20.
    public var loopDepth: Int

    public init(localsPerFunction: Int = 50_000, localsPerModule: Int = 500_000, functions: Int = 1_000_000,
                functionSize: Int = 7_654_321, codeSize: Int = 64 << 20, loopDepth: Int = 250) {
        self.localsPerFunction = localsPerFunction
        self.localsPerModule = localsPerModule
        self.functions = functions
        self.functionSize = functionSize
        self.codeSize = codeSize
        self.loopDepth = loopDepth
    }

    /// Throws ``CompileError/limitExceeded(_:)`` when `wasm` is past a limit.
    /// Linear: counts what the decoder holds, plus one pass over each body
    /// for its loop nesting.
    package func check(_ wasm: WasmModule) throws(CompileError) {
        if wasm.bodies.count > functions {
            throw .limitExceeded("the module defines \(wasm.bodies.count) functions; the limit is \(functions)")
        }
        var moduleLocals = 0
        var moduleCode = 0
        for (index, body) in wasm.bodies.enumerated() {
            let function = wasm.importedFunctionCount + index
            let parameters = wasm.functionType(ofFunction: UInt32(function))?.parameters.count ?? 0
            let locals = parameters + body.locals.count
            if locals > localsPerFunction {
                throw .limitExceeded("function \(function) has \(locals) locals; the limit is \(localsPerFunction) per function")
            }
            if body.code.count > functionSize {
                throw .limitExceeded("function \(function) has \(body.code.count) bytes of code; the limit is \(functionSize) per function")
            }
            moduleLocals += locals
            moduleCode += body.code.count
            if moduleLocals > localsPerModule {
                throw .limitExceeded("the module's functions have more than \(localsPerModule) locals in all (limit reached at function \(function))")
            }
            if moduleCode > codeSize {
                throw .limitExceeded("the module has more than \(codeSize) bytes of code in all (limit reached at function \(function))")
            }
            // A body cannot nest more loops than it has bytes per `loop` (two).
            if body.code.count / 2 > loopDepth {
                let depth = LoopNesting.maxDepth(of: body, in: wasm.bytes)
                if depth > loopDepth {
                    throw .limitExceeded("function \(function) nests loops \(depth) deep; the limit is \(loopDepth)")
                }
            }
        }
    }
}
