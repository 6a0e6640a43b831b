import WasmFrontend

/// The symbol names generated code uses. Everything a loader needs is
/// derivable from the Wasm module: function `i` is `wasm_f<i>`, and the entry
/// trampoline of a signature is named after the signature's type letters.
package enum SymbolNames {
    /// The symbol of the function at absolute index `index` (imports counted).
    package static func function(_ index: Int) -> String { "wasm_f\(index)" }

    /// First-tier code's table of second-tier addresses (see ``CodeTier``).
    package static let tierTable = "wasm_tiers"

    /// First-tier code's hotness counters, one `i32` per defined function.
    package static let hotnessCounters = "wasm_hotness"

    /// First-tier code's table of on-stack-replacement entries, one per defined function.
    package static let osrTable = "wasm_osr"

    /// The on-stack-replacement entry of function `index` (see ``OSREntry``);
    /// trap backtraces read it as function `index`. The dot cannot occur in
    /// an internal function's name (``internalFunction(_:debugName:)``).
    package static func osrEntry(_ index: Int) -> String { "wasm_f\(index)\(osrSuffix)" }

    /// What ends an OSR entry's symbol.
    package static let osrSuffix = ".osr"

    /// The symbol of the entry trampoline for `type`, e.g. `wasm_entry_ii_i`.
    package static func entryTrampoline(for type: FunctionType) -> String {
        "wasm_entry_\(signatureKey(type))"
    }

    /// The adapter of `type` in `convention` (see ``WasmCallingConvention``): a
    /// `convention` function `(record, caller, params...)` that calls the
    /// record's code of the other convention.
    package static func adapter(for type: FunctionType, convention: WasmCallingConvention) -> String {
        "wasm_adapt_\(convention == .tail ? "tail" : "c")_\(signatureKey(type))"
    }

    /// The symbol of the exit (host call) trampoline for `type`.
    package static func exitTrampoline(for type: FunctionType) -> String {
        "wasm_exit_\(signatureKey(type))"
    }

    /// A compact, unique spelling of a signature: one letter per type.
    static func signatureKey(_ type: FunctionType) -> String {
        String(type.parameters.map(letter)) + "_" + String(type.results.map(letter))
    }

    fileprivate static func letter(_ type: ValueType) -> Character {
        switch type {
        case .i32: return "i"
        case .i64: return "I"
        case .f32: return "f"
        case .f64: return "F"
        case .v128: return "v"
        case .ref(let r):
            switch r.heapType.top {
            case .func: return "r"
            case .exn: return "x"
            default: return "e"
            }
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

extension FunctionType {
    /// The signature as machine code sees it, which trampolines are shared by:
    /// each reference as the top of its hierarchy (`funcref`, `externref`, `exnref`).
    package var machineSignature: FunctionType {
        func erase(_ t: ValueType) -> ValueType {
            guard case .ref(let r) = t else { return t }
            switch r.heapType.top {
            case .func: return .funcRef
            case .exn: return .exnRef
            default: return .externRef
            }
        }
        return FunctionType(parameters: parameters.map(erase), results: results.map(erase))
    }
}
