import WasmFrontend

/// The symbol names generated code uses. Everything a loader needs is
/// derivable from the Wasm module: function `i` is `wasm_f<i>`, and the entry
/// trampoline of a signature is named after the signature's type letters.
package enum SymbolNames {
    /// The symbol of the function at absolute index `index` (imports counted).
    package static func function(_ index: Int) -> String { "wasm_f\(index)" }

    /// First-tier code's table of second-tier addresses (see ``CodeTier``).
    package static let tierTable = "wasm_tiers"

    /// The symbol of the entry trampoline for `type`, e.g. `wasm_entry_ii_i`.
    package static func entryTrampoline(for type: FunctionType) -> String {
        "wasm_entry_\(signatureKey(type))"
    }

    /// The symbol of the exit (host call) trampoline for `type`.
    package static func exitTrampoline(for type: FunctionType) -> String {
        "wasm_exit_\(signatureKey(type))"
    }

    /// A compact, unique spelling of a signature: one letter per type.
    static func signatureKey(_ type: FunctionType) -> String {
        String(type.parameters.map(letter)) + "_" + String(type.results.map(letter))
    }

    private static func letter(_ type: ValueType) -> Character {
        switch type {
        case .i32: return "i"
        case .i64: return "I"
        case .f32: return "f"
        case .f64: return "F"
        case .v128: return "v"
        case .funcRef: return "r"
        case .externRef: return "e"
        case .exnRef: return "x"
        }
    }

    /// A debug-friendly symbol for a function that does not escape the module:
    /// `wasm_f<i>` followed by its name-section name, sanitised.
    static func internalFunction(_ index: Int, debugName: String?) -> String {
        guard let debugName, !debugName.isEmpty else { return function(index) }
        var sanitized = ""
        for scalar in debugName.unicodeScalars.prefix(64) {
            let ok = (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z")
                || (scalar >= "0" && scalar <= "9") || scalar == "_"
            sanitized.unicodeScalars.append(ok ? scalar : "_")
        }
        return function(index) + "_" + sanitized
    }
}
