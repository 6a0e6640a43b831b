/// A spec script after `wasm-tools json-from-wast`: its commands in order.
package struct SpecScript: Sendable {
    /// The `.wast` file the script came from.
    package var sourcePath: String
    /// The commands, each with its `.wast` line.
    package var commands: [SpecCommandEntry]

    package init(sourcePath: String, commands: [SpecCommandEntry]) {
        self.sourcePath = sourcePath
        self.commands = commands
    }
}

/// One command with the line it was written on.
package struct SpecCommandEntry: Sendable {
    package var line: Int
    package var command: SpecCommand

    package init(line: Int, command: SpecCommand) {
        self.line = line
        self.command = command
    }
}

/// A module file referenced by a command.
package struct SpecModuleSource: Hashable, Sendable {
    /// How the file is encoded.
    package enum Format: Hashable, Sendable {
        case binary
        /// WebAssembly text (`module quote` and `(module ...)` kept as text).
        case text
    }

    /// Absolute path of the `.wasm` or `.wat` file.
    package var path: String
    package var format: Format

    package init(path: String, format: Format) {
        self.path = path
        self.format = format
    }
}

/// A function call or global read on an instance.
package enum SpecAction: Hashable, Sendable {
    /// Calls export `field` of `module` (the most recent module when `nil`).
    case invoke(module: String?, field: String, arguments: [SpecValue])
    /// Reads exported global `field` of `module` (the most recent module when `nil`).
    case get(module: String?, field: String)

    /// The module name the action refers to, if any.
    package var module: String? {
        switch self {
        case .invoke(let m, _, _), .get(let m, _): m
        }
    }

    /// The export the action refers to.
    package var field: String {
        switch self {
        case .invoke(_, let f, _), .get(_, let f): f
        }
    }
}

/// One command of a spec script.
package enum SpecCommand: Hashable, Sendable {
    /// Define (decode, validate, instantiate) a module; `name` is its `$id`, if any.
    case module(SpecModuleSource, name: String?)
    /// `(module definition $name ...)`: decode and validate a module without instantiating
    /// it; `name` is the definition's `$id`, if any.
    case moduleDefinition(SpecModuleSource, name: String?)
    /// `(module instance $instance $module)`: instantiate the definition `module` (the most
    /// recent one when `nil`); the new instance becomes the current module and, with an
    /// `instance` name, can be named by later commands.
    case moduleInstance(instance: String?, module: String?)
    /// Make module `name` (or the most recent one) importable as `as`.
    case register(as: String, module: String?)
    /// Perform an action and ignore its results (it must not trap).
    case action(SpecAction)
    /// Perform an action and compare its results.
    case assertReturn(SpecAction, expected: [SpecExpectedValue])
    /// Perform an action that must trap with `message`.
    case assertTrap(SpecAction, message: String)
    /// Perform an action that must throw an uncaught Wasm exception.
    case assertException(SpecAction)
    /// A command the runner understands but cannot check, with the reason (e.g. a value
    /// of a GC heap type, which the engine does not support yet). Counted as skipped.
    case unsupported(command: String, reason: String)
    /// Perform an action that must exhaust the call stack.
    case assertExhaustion(SpecAction, message: String)
    /// A module that must be rejected while decoding (or parsing, for text).
    case assertMalformed(SpecModuleSource, message: String)
    /// A module that must be rejected by validation.
    case assertInvalid(SpecModuleSource, message: String)
    /// A valid module whose imports cannot be resolved.
    case assertUnlinkable(SpecModuleSource, message: String)
    /// A valid, linkable module whose instantiation traps.
    case assertUninstantiable(SpecModuleSource, message: String)
    /// A command type this runner does not know.
    case unknown(type: String)

    /// The command's name as written in the script.
    package var name: String {
        switch self {
        case .module: "module"
        case .moduleDefinition: "module_definition"
        case .moduleInstance: "module_instance"
        case .assertException: "assert_exception"
        case .unsupported(let command, _): command
        case .register: "register"
        case .action: "action"
        case .assertReturn: "assert_return"
        case .assertTrap: "assert_trap"
        case .assertExhaustion: "assert_exhaustion"
        case .assertMalformed: "assert_malformed"
        case .assertInvalid: "assert_invalid"
        case .assertUnlinkable: "assert_unlinkable"
        case .assertUninstantiable: "assert_uninstantiable"
        case .unknown(let type): type
        }
    }
}
