import WasmexWASI

extension Instance {
    /// Instantiates a WASI program: `module`'s imports of `wasi_snapshot_preview1`
    /// are served by a new `WASIEnvironment` built from `wasi` (arguments,
    /// environment, preopened directories, standard streams).
    ///
    /// Entries of `imports` win over the built-in functions, so a user can
    /// replace any WASI function (e.g. `random_get`). Run the program with
    /// ``runCommand()``. The environment's descriptors are closed when the
    /// store is released; use ``init(store:module:imports:wasiEnvironment:)``
    /// to keep (and close) the environment yourself.
    ///
    /// ```swift
    /// let stdout = WasmexWASI.Pipe()
    /// let instance = try Instance(store: store, module: module,
    ///                             wasi: WasiOptions(args: ["echo"], stdout: .pipe(stdout)))
    /// let status = try instance.runCommand()
    /// ```
    ///
    /// - Throws: ``WasmexError/invalidOperation(_:)`` when the options cannot be set
    ///   up (a preopen that is not a directory, a NUL byte in an argument, …),
    ///   and everything ``init(store:module:imports:)`` throws.
    public convenience init(store: Store, module: Module, imports: Imports = Imports(),
                            wasi options: WasiOptions) throws(WasmexError) {
        let environment: WASIEnvironment
        do {
            environment = try WASIEnvironment(options: options)
        } catch {
            throw WasmexError.invalidOperation("cannot set up WASI: \(error)")
        }
        try self.init(store: store, module: module, imports: imports, wasiEnvironment: environment)
    }

    /// Instantiates `module` with its WASI imports served by `environment`
    /// (user-supplied `imports` win over the built-in functions).
    public convenience init(store: Store, module: Module, imports: Imports = Imports(),
                            wasiEnvironment environment: WASIEnvironment) throws(WasmexError) {
        var linked = imports
        try linked.defineWASI(environment, store: store, for: module)
        try self.init(store: store, module: module, imports: linked)
    }

    /// Runs a WASI command: calls the exported `_start` and returns the
    /// program's exit status — 0 when `_start` returns, the code passed to
    /// `proc_exit` otherwise. The host process is never exited.
    ///
    /// - Throws: ``WasmexError/unknownExport(_:)`` without `_start`,
    ///   ``WasmexError/trap(_:)`` when the program traps, and other call errors.
    public func runCommand() throws(WasmexError) -> UInt32 {
        let start = try function(named: "_start")
        do {
            _ = try start.call()
            return 0
        } catch {
            if let code = error.wasiExitCode { return code }
            throw error
        }
    }
}

extension WasmexError {
    /// The exit status when this error is a WASI program's `proc_exit`
    /// (a `WASIExit` thrown by a host function), otherwise nil.
    public var wasiExitCode: UInt32? {
        (hostError as? WASIExit)?.code
    }
}
