/// Which WebAssembly version's rules validation applies where 2.0 and 3.0 disagree.
///
/// Wasm 3.0 mostly adds operators and types, but it also *relaxes* some 2.0 rules, and
/// the 2.0 spec suite checks the old ones: for example `(global i32 (global.get 0))`
/// reading an earlier defined global is "unknown global" in 2.0 and valid in 3.0. The
/// engine validates by 3.0's rules (``default``); the spec runner picks the rules a
/// script was written for (``forSpecScript(at:)``), as other engines' test harnesses do.
package struct WasmFeatures: Hashable, Sendable {
    /// Extended constant expressions: `i32`/`i64` `add`, `sub`, `mul`, and `global.get` of
    /// any earlier immutable global, in constant expressions (2.0: imported globals only).
    package var extendedConstantExpressions: Bool
    /// `return_call` and `return_call_indirect`.
    package var tailCalls: Bool
    /// Several memories, memarg flags with an explicit memory index, memory indices in
    /// `memory.size/grow/init/copy/fill` (2.0: one memory, zero bytes there).
    package var multiMemory: Bool
    /// 64-bit memories and tables (`memory64`, `table64`): limits flags 0x04/0x05, i64
    /// addresses; 32-bit limits and memarg offsets are read as u64 LEB128 (2.0: u32).
    package var memory64: Bool

    /// Exception handling: the tag section, tag imports and exports, `throw`,
    /// `throw_ref` and `try_table`, and the legacy proposal's `try`, `catch`,
    /// `catch_all`, `delegate` and `rethrow` (a decoding question: in 2.0 their
    /// encodings are a "malformed section id", "malformed import kind", "illegal opcode").
    package var exceptionHandling: Bool
    /// Typed function references and the 3.0 type section: `(ref null? ht)` types
    /// (`0x63`/`0x64`), `call_ref`, `return_call_ref`, `ref.as_non_null`, `br_on_null`,
    /// `br_on_non_null`, recursion groups and subtype declarations, tables with an
    /// initializer (a decoding question too: 2.0 has other errors for these bytes).
    package var typedFunctionReferences: Bool

    package init(extendedConstantExpressions: Bool, tailCalls: Bool, multiMemory: Bool = false, memory64: Bool = false,
                 exceptionHandling: Bool = true, typedFunctionReferences: Bool = true) {
        self.extendedConstantExpressions = extendedConstantExpressions
        self.tailCalls = tailCalls
        self.multiMemory = multiMemory
        self.memory64 = memory64
        self.exceptionHandling = exceptionHandling
        self.typedFunctionReferences = typedFunctionReferences
    }

    /// WebAssembly 2.0.
    package static let wasm2 = WasmFeatures(extendedConstantExpressions: false, tailCalls: false, exceptionHandling: false,
                                            typedFunctionReferences: false)
    /// WebAssembly 3.0 as far as it is implemented.
    package static let wasm3 = WasmFeatures(extendedConstantExpressions: true, tailCalls: true,
                                            multiMemory: true, memory64: true, exceptionHandling: true)
    /// What modules given to the engine are validated with.
    package static let `default` = wasm3

    /// The rules a spec script tests: 2.0 for scripts in a `wasm-2.0` folder (the 2.0
    /// suite), else the default.
    package static func forSpecScript(at path: String) -> WasmFeatures {
        path.split(separator: "/").contains("wasm-2.0") ? .wasm2 : .default
    }
}
