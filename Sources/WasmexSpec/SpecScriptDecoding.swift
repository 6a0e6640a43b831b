import Foundation
import WasmFrontend

extension SpecScript {
    /// Reads the JSON written by `wasm-tools json-from-wast`.
    ///
    /// - Parameters:
    ///   - json: the JSON document.
    ///   - moduleDirectory: the directory holding the `.wasm`/`.wat` files it references.
    ///   - sourcePath: the `.wast` file, for reports.
    package static func decode(json: [UInt8], moduleDirectory: String, sourcePath: String) throws(SpecRunnerError) -> SpecScript {
        let raw: RawScript
        do {
            raw = try JSONDecoder().decode(RawScript.self, from: Data(json))
        } catch {
            throw .badScript(path: sourcePath, reason: "cannot read wasm-tools JSON: \(error)")
        }
        var commands: [SpecCommandEntry] = []
        commands.reserveCapacity(raw.commands.count)
        for rawCommand in raw.commands {
            let command = try rawCommand.typed(moduleDirectory: moduleDirectory, sourcePath: sourcePath)
            commands.append(SpecCommandEntry(line: rawCommand.line, command: command))
        }
        return SpecScript(sourcePath: sourcePath, commands: commands)
    }
}

// MARK: - The JSON shape

private struct RawScript: Decodable {
    var commands: [RawCommand]
}

private struct RawCommand: Decodable {
    var type: String
    var line: Int
    var filename: String?
    var name: String?
    var module_type: String?
    var text: String?
    var `as`: String?
    var action: RawAction?
    var expected: [RawValue]?
    /// `module_instance`: the new instance's name and the definition it instantiates.
    var instance: String?
    var module: String?
}

private struct RawAction: Decodable {
    var type: String
    var module: String?
    var field: String
    var args: [RawValue]?
}

private struct RawValue: Decodable {
    var type: String
    var lane_type: String?
    var value: RawPayload?
    /// The alternatives of an `either` expectation.
    var values: [RawValue]?
}

/// A value's payload: one string, or one string per `v128` lane.
private enum RawPayload: Decodable {
    case scalar(String)
    case lanes([String])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .scalar(text)
        } else {
            self = .lanes(try container.decode([String].self))
        }
    }
}

// MARK: - Conversion to typed commands

extension RawCommand {
    fileprivate func typed(moduleDirectory: String, sourcePath: String) throws(SpecRunnerError) -> SpecCommand {
        func bad(_ reason: String) -> SpecRunnerError {
            .badScript(path: sourcePath, reason: "line \(line): \(reason)")
        }
        func source() throws(SpecRunnerError) -> SpecModuleSource {
            guard let filename else { throw bad("\(type) without a module file") }
            let format: SpecModuleSource.Format = module_type == "text" ? .text : .binary
            return SpecModuleSource(path: moduleDirectory + "/" + filename, format: format)
        }
        func typedAction() throws(SpecRunnerError) -> SpecAction {
            guard let action else { throw bad("\(type) without an action") }
            switch action.type {
            case "invoke":
                var arguments: [SpecValue] = []
                for arg in action.args ?? [] {
                    guard case .exact(let value) = try arg.expectation(bad) else {
                        throw bad("argument of type \(arg.type) is a pattern, not a value")
                    }
                    arguments.append(value)
                }
                return .invoke(module: action.module, field: action.field, arguments: arguments)
            case "get":
                return .get(module: action.module, field: action.field)
            default:
                throw bad("unknown action type \(action.type)")
            }
        }
        let message = text ?? ""
        switch type {
        case "module":
            return .module(try source(), name: name)
        case "module_definition":
            return .moduleDefinition(try source(), name: name)
        case "module_instance":
            return .moduleInstance(instance: instance, module: module)
        case "assert_exception":
            return .assertException(try typedAction())
        case "assert_malformed_custom", "assert_invalid_custom":
            // An error inside a custom section or annotation, which an engine may ignore.
            return .unsupported(command: type, reason: "custom sections and annotations are not interpreted")
        case "register":
            guard let registeredName = self.as else { throw bad("register without a name") }
            return .register(as: registeredName, module: name)
        case "action":
            return .action(try typedAction())
        case "assert_return":
            var values: [SpecExpectedValue] = []
            for value in expected ?? [] { values.append(try value.expectation(bad)) }
            return .assertReturn(try typedAction(), expected: values)
        case "assert_trap":
            return .assertTrap(try typedAction(), message: message)
        case "assert_exhaustion":
            return .assertExhaustion(try typedAction(), message: message)
        case "assert_malformed":
            return .assertMalformed(try source(), message: message)
        case "assert_invalid":
            return .assertInvalid(try source(), message: message)
        case "assert_unlinkable":
            return .assertUnlinkable(try source(), message: message)
        case "assert_uninstantiable":
            return .assertUninstantiable(try source(), message: message)
        default:
            return .unknown(type: type)
        }
    }
}

extension RawValue {
    /// Converts the JSON value (decimal bit patterns, NaN patterns, lanes, references).
    fileprivate func expectation(_ bad: (String) -> SpecRunnerError) throws(SpecRunnerError) -> SpecExpectedValue {
        func scalar() throws(SpecRunnerError) -> String {
            guard case .scalar(let text)? = value else { throw bad("\(type) value must be a string") }
            return text
        }
        func integer(_ text: String, bits: Int) throws(SpecRunnerError) -> UInt64 {
            guard let parsed = SpecNumberParser.bits(text, bitWidth: bits) else {
                throw bad("'\(text)' is not a \(bits)-bit integer")
            }
            return parsed
        }
        switch type {
        case "i32":
            return .exact(.i32(UInt32(truncatingIfNeeded: try integer(try scalar(), bits: 32))))
        case "i64":
            return .exact(.i64(try integer(try scalar(), bits: 64)))
        case "f32":
            let text = try scalar()
            if let kind = SpecNumberParser.nanKind(text) { return .f32NaN(kind) }
            return .exact(.f32(UInt32(truncatingIfNeeded: try integer(text, bits: 32))))
        case "f64":
            let text = try scalar()
            if let kind = SpecNumberParser.nanKind(text) { return .f64NaN(kind) }
            return .exact(.f64(try integer(text, bits: 64)))
        case "v128":
            guard let laneName = lane_type, let laneType = SpecLaneType(rawValue: laneName) else {
                throw bad("v128 value without a known lane_type")
            }
            guard case .lanes(let texts)? = value, texts.count == laneType.laneCount else {
                throw bad("v128 value needs \(laneType.laneCount) \(laneType.rawValue) lanes")
            }
            var lanes: [SpecLaneExpectation] = []
            lanes.reserveCapacity(texts.count)
            var hasNaN = false
            for text in texts {
                if let kind = SpecNumberParser.nanKind(text) {
                    guard laneType == .f32 || laneType == .f64 else { throw bad("NaN in integer lane") }
                    lanes.append(.nan(kind))
                    hasNaN = true
                } else {
                    lanes.append(.bits(try integer(text, bits: laneType.bitWidth)))
                }
            }
            if hasNaN { return .v128Lanes(laneType, lanes) }
            return .exact(.v128(SpecNumberParser.vector(lanes: lanes, bitWidth: laneType.bitWidth)))
        case "either":
            guard let alternatives = values, !alternatives.isEmpty else {
                throw bad("either without alternatives")
            }
            var converted: [SpecExpectedValue] = []
            converted.reserveCapacity(alternatives.count)
            for alternative in alternatives {
                guard alternative.type != "either" else { throw bad("nested either") }
                converted.append(try alternative.expectation(bad))
            }
            return .either(converted)
        case "funcref", "externref":
            let isFunc = type == "funcref"
            switch value {
            case nil:
                return isFunc ? .anyFuncRef : .anyExternRef
            case .scalar("null")?:
                return .exact(isFunc ? .funcRef(nil) : .externRef(nil))
            case .scalar(let text)?:
                guard let id = UInt32(text) else { throw bad("bad \(type) value '\(text)'") }
                return .exact(isFunc ? .funcRef(UInt64(id)) : .externRef(id))
            case .lanes?:
                throw bad("\(type) value must be a string")
            }
        case "anyref", "eqref", "i31ref", "structref", "arrayref":
            switch value {
            case nil: return .anyGCRef(SpecGCKind.admitted(by: type)!)
            case .scalar("null")?: return .exact(.anyRef(nil))
            case .scalar(let text)?:
                guard type == "anyref", let id = UInt32(text) else { throw bad("bad \(type) value '\(text)'") }
                return .exact(.anyRef(.host(id)))
            case .lanes?: throw bad("\(type) value must be a string")
            }
        case "nullref":
            return .exact(.anyRef(nil))
        case "exnref", "nullexnref":
            guard type == "nullexnref" || { if case .scalar("null")? = value { true } else { false } }() else {
                throw bad("scripts cannot name a non-null \(type)")
            }
            return .exact(.nullExnRef)
        case "refnull":
            return .anyNullRef
        case "nullfuncref":
            return .exact(.funcRef(nil))
        case "nullexternref":
            return .exact(.externRef(nil))
        default:
            throw bad("unknown value type \(type)")
        }
    }
}

/// Parsing of the numeric strings `json-from-wast` writes.
enum SpecNumberParser {
    /// A decimal integer (optionally negative) as a `bitWidth`-bit pattern, zero-extended;
    /// `nil` when it does not fit.
    static func bits(_ text: String, bitWidth: Int) -> UInt64? {
        let mask: UInt64 = bitWidth == 64 ? .max : (1 << UInt64(bitWidth)) - 1
        if text.hasPrefix("-") {
            guard let signed = Int64(text) else { return nil }
            let minimum: Int64 = bitWidth == 64 ? .min : -(1 << Int64(bitWidth - 1))
            guard signed >= minimum else { return nil }
            return UInt64(bitPattern: signed) & mask
        }
        guard let unsigned = UInt64(text), unsigned <= mask else { return nil }
        return unsigned
    }

    /// The NaN pattern named by `text`, if it is one.
    static func nanKind(_ text: String) -> SpecNaNKind? {
        switch text {
        case "nan:canonical": .canonical
        case "nan:arithmetic": .arithmetic
        default: nil
        }
    }

    /// Packs lanes of exact bits into a vector (lane 0 in the lowest bits).
    static func vector(lanes: [SpecLaneExpectation], bitWidth: Int) -> V128 {
        var lo: UInt64 = 0
        var hi: UInt64 = 0
        for (index, lane) in lanes.enumerated() {
            guard case .bits(let bits) = lane else { continue }
            let bitOffset = index * bitWidth
            if bitOffset < 64 { lo |= bits << UInt64(bitOffset) } else { hi |= bits << UInt64(bitOffset - 64) }
        }
        return V128(lo: lo, hi: hi)
    }
}
