import WasmFrontend

/// Executes the commands of one script, with or without an engine.
///
/// Without an engine only the front end is exercised: `module` passes when the module decodes
/// and validates, `assert_malformed`/`assert_invalid` pass when the module is rejected, and
/// every command that needs execution is counted as skipped.
package struct SpecScriptRunner {
    /// What the runner knows about a module defined by the script.
    private enum ModuleState {
        /// Decoded and validated; no engine to instantiate it.
        case validatedOnly
        /// Instantiated by the engine.
        case instantiated(SpecInstanceHandle)
        /// The engine cannot run it yet.
        case unsupported(String)
        /// Loading failed at `line`.
        case failed(line: Int)
    }

    /// Why a command that needs an instance cannot run.
    private enum Unavailable: Error {
        case skip(String)
        case fail(String)
    }

    private let engine: (any SpecEngine)?
    /// The validation rules the script tests (2.0 rules for the 2.0 suite).
    private let features: WasmFeatures
    private var current: ModuleState?
    private var named: [String: ModuleState] = [:]
    /// Modules defined with `module definition`, by name, and the most recent one
    /// (`nil` where loading failed, so instantiating it fails too).
    private var definitions: [String: LoadedModule?] = [:]
    private var lastDefinition: LoadedModule??
    private var result: SpecFileResult

    /// The reason recorded when no engine was supplied.
    package static let noEngineReason = "no execution engine"

    /// Creates a runner for one script; `engine` is `nil` for a front-end-only run.
    package init(file: String, engine: (any SpecEngine)?) {
        self.engine = engine
        self.features = WasmFeatures.forSpecScript(at: file)
        self.result = SpecFileResult(file: file)
    }

    /// Runs every command of `script` and returns the tally.
    package mutating func run(_ script: SpecScript) -> SpecFileResult {
        for entry in script.commands {
            execute(entry.command, line: entry.line)
        }
        return result
    }

    private mutating func execute(_ command: SpecCommand, line: Int) {
        let name = command.name
        switch command {
        case .module(let source, let moduleName):
            let state = defineModule(source, line: line)
            current = state
            if let moduleName { named[moduleName] = state }
        case .moduleDefinition(let source, let definitionName):
            let loaded: LoadedModule?
            switch SpecModuleLoader.load(source, features: features) {
            case .success(let module):
                loaded = module
                result.passed += 1
            case .failure(let error):
                loaded = nil
                result.recordFailure(line: line, command: name, reason: error.message)
            }
            lastDefinition = .some(loaded)
            if let definitionName { definitions[definitionName] = .some(loaded) }
        case .moduleInstance(let instanceName, let definitionName):
            let definition: LoadedModule??
            if let definitionName { definition = definitions[definitionName] } else { definition = lastDefinition }
            let state: ModuleState
            switch definition {
            case nil:
                result.recordFailure(line: line, command: name,
                                     reason: "unknown module definition \(definitionName ?? "(none defined)")")
                state = .failed(line: line)
            case .some(nil):
                result.recordFailure(line: line, command: name, reason: "its module definition failed to load")
                state = .failed(line: line)
            case .some(.some(let loaded)):
                state = instantiate(loaded, line: line, command: name)
            }
            current = state
            if let instanceName { named[instanceName] = state }
        case .assertException(let action):
            perform(action, line: line, command: name) { runner, outcome in
                switch outcome {
                case .success(let values):
                    runner.result.recordFailure(line: line, command: name,
                        reason: "expected an uncaught exception, got \(Self.describe(values))")
                case .failure(.exception):
                    runner.result.passed += 1
                case .failure(let error):
                    runner.result.recordFailure(line: line, command: name,
                        reason: "expected an uncaught exception, got \(error)")
                }
            }
        case .unsupported(_, let reason):
            result.recordSkip(reason)
        case .register(let registeredName, let moduleName):
            guard let engine else { return result.recordSkip(Self.noEngineReason) }
            switch instance(named: moduleName) {
            case .failure(.skip(let reason)): result.recordSkip(reason)
            case .failure(.fail(let reason)): result.recordFailure(line: line, command: name, reason: reason)
            case .success(let handle):
                do throws(SpecEngineError) {
                    try engine.register(handle, as: registeredName)
                    result.passed += 1
                } catch {
                    record(unexpected: error, line: line, command: name)
                }
            }
        case .action(let action):
            perform(action, line: line, command: name) { runner, outcome in
                switch outcome {
                case .success: runner.result.passed += 1
                case .failure(let error): runner.record(unexpected: error, line: line, command: name)
                }
            }
        case .assertReturn(let action, let expected):
            perform(action, line: line, command: name) { runner, outcome in
                switch outcome {
                case .success(let values):
                    if let mismatch = Self.compare(values, expected) {
                        runner.result.recordFailure(line: line, command: name, reason: mismatch)
                    } else {
                        runner.result.passed += 1
                    }
                case .failure(let error):
                    runner.record(unexpected: error, line: line, command: name)
                }
            }
        case .assertTrap(let action, let message), .assertExhaustion(let action, let message):
            perform(action, line: line, command: name) { runner, outcome in
                switch outcome {
                case .success(let values):
                    runner.result.recordFailure(line: line, command: name,
                        reason: "expected trap \"\(message)\", got \(Self.describe(values))")
                case .failure(.trap(let actual)):
                    runner.pass(line: line, command: name, expected: message, actual: actual)
                case .failure(let error):
                    runner.record(unexpected: error, line: line, command: name)
                }
            }
        case .assertMalformed(let source, let message), .assertInvalid(let source, let message):
            switch SpecModuleLoader.load(source, features: features) {
            case .success:
                result.recordFailure(line: line, command: name, reason: "module was accepted; expected \"\(message)\"")
            case .failure(.unreadable(let reason)):
                result.recordFailure(line: line, command: name, reason: reason)
            case .failure(.rejected(let error)):
                pass(line: line, command: name, expected: message, actual: error.message)
            }
        case .assertUnlinkable(let source, let message):
            expectInstantiationError(source, message: message, line: line, command: name) { error in
                if case .unlinkable(let actual) = error { return actual }
                return nil
            }
        case .assertUninstantiable(let source, let message):
            expectInstantiationError(source, message: message, line: line, command: name) { error in
                if case .trap(let actual) = error { return actual }
                return nil
            }
        case .unknown(let type):
            result.recordFailure(line: line, command: type, reason: "unknown command type")
        }
    }

    // MARK: - Modules

    private mutating func defineModule(_ source: SpecModuleSource, line: Int) -> ModuleState {
        let loaded: LoadedModule
        switch SpecModuleLoader.load(source, features: features) {
        case .success(let module): loaded = module
        case .failure(let error):
            result.recordFailure(line: line, command: "module", reason: error.message)
            return .failed(line: line)
        }
        return instantiate(loaded, line: line, command: "module")
    }

    /// Instantiates a loaded module (passes without an engine: it decoded and validated).
    private mutating func instantiate(_ loaded: LoadedModule, line: Int, command: String) -> ModuleState {
        guard let engine else {
            result.passed += 1
            return .validatedOnly
        }
        do throws(SpecEngineError) {
            let handle = try engine.instantiate(loaded.module, bytes: loaded.bytes)
            result.passed += 1
            return .instantiated(handle)
        } catch .unsupported(let reason) {
            result.recordSkip(reason)
            return .unsupported(reason)
        } catch {
            result.recordFailure(line: line, command: command, reason: "instantiation failed: \(error)")
            return .failed(line: line)
        }
    }

    /// Checks that `source` is valid and that instantiating it fails in the way `extract` accepts
    /// (`extract` returns the error's message when the error has the right kind).
    private mutating func expectInstantiationError(
        _ source: SpecModuleSource, message: String, line: Int, command: String,
        extract: (SpecEngineError) -> String?
    ) {
        let loaded: LoadedModule
        switch SpecModuleLoader.load(source, features: features) {
        case .success(let module): loaded = module
        case .failure(let error):
            return result.recordFailure(line: line, command: command, reason: "module should be valid: \(error.message)")
        }
        guard let engine else { return result.recordSkip(Self.noEngineReason) }
        do throws(SpecEngineError) {
            _ = try engine.instantiate(loaded.module, bytes: loaded.bytes)
            result.recordFailure(line: line, command: command, reason: "instantiation succeeded; expected \"\(message)\"")
        } catch .unsupported(let reason) {
            result.recordSkip(reason)
        } catch {
            if let actual = extract(error) {
                pass(line: line, command: command, expected: message, actual: actual)
            } else {
                result.recordFailure(line: line, command: command, reason: "expected \"\(message)\", got \(error)")
            }
        }
    }

    // MARK: - Actions

    private func instance(named name: String?) -> Result<SpecInstanceHandle, Unavailable> {
        let state: ModuleState?
        if let name {
            state = named[name]
            if state == nil { return .failure(.fail("unknown module \(name)")) }
        } else {
            state = current
        }
        switch state {
        case nil: return .failure(.fail("no module defined"))
        case .validatedOnly?: return .failure(.skip(Self.noEngineReason))
        case .unsupported(let reason)?: return .failure(.skip(reason))
        case .failed(let moduleLine)?: return .failure(.fail("module at line \(moduleLine) failed to load"))
        case .instantiated(let handle)?: return .success(handle)
        }
    }

    /// Runs `action` and hands its outcome to `check`; records skips and missing instances.
    private mutating func perform(
        _ action: SpecAction, line: Int, command: String,
        _ check: (inout SpecScriptRunner, Result<[SpecValue], SpecEngineError>) -> Void
    ) {
        guard let engine else { return result.recordSkip(Self.noEngineReason) }
        let handle: SpecInstanceHandle
        switch instance(named: action.module) {
        case .success(let found): handle = found
        case .failure(.skip(let reason)): return result.recordSkip(reason)
        case .failure(.fail(let reason)): return result.recordFailure(line: line, command: command, reason: reason)
        }
        let outcome: Result<[SpecValue], SpecEngineError>
        do throws(SpecEngineError) {
            switch action {
            case .invoke(_, let field, let arguments):
                outcome = .success(try engine.invoke(handle, function: field, arguments: arguments))
            case .get(_, let field):
                outcome = .success([try engine.global(handle, named: field)])
            }
        } catch .unsupported(let reason) {
            return result.recordSkip(reason)
        } catch {
            outcome = .failure(error)
        }
        check(&self, outcome)
    }

    // MARK: - Verdicts

    private mutating func pass(line: Int, command: String, expected: String, actual: String) {
        result.passed += 1
        if !actual.contains(expected) {
            result.messageMismatches.append(SpecMessageMismatch(line: line, command: command, expected: expected, actual: actual))
        }
    }

    private mutating func record(unexpected error: SpecEngineError, line: Int, command: String) {
        if case .unsupported(let reason) = error { return result.recordSkip(reason) }
        result.recordFailure(line: line, command: command, reason: "unexpected \(error)")
    }

    /// `nil` when `values` satisfy `expected`; otherwise a description of the difference.
    static func compare(_ values: [SpecValue], _ expected: [SpecExpectedValue]) -> String? {
        guard values.count == expected.count else {
            return "expected \(expected.count) results, got \(values.count): \(describe(values))"
        }
        for (index, (value, expectation)) in zip(values, expected).enumerated() where !expectation.matches(value) {
            return "result \(index): expected \(expectation), got \(value)"
        }
        return nil
    }

    static func describe(_ values: [SpecValue]) -> String {
        "[" + values.map(\.description).joined(separator: ", ") + "]"
    }
}
