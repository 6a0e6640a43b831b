import CWasmexRuntime

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Readable function names for trap backtraces: Rust symbols (legacy
/// `_ZN…17h<hash>E` and v0 `_R…`) and Itanium C++ ones (`_Z…`, through the
/// C++ runtime's `__cxa_demangle`). Anything else, or a name that does not
/// parse, gives nil: show the raw name then.
package enum SymbolDemangler {
    /// Names longer than this are not demangled (no real symbol comes close;
    /// it also bounds the C++ runtime's recursion on hostile input).
    package static let maximumLength = 1024

    /// The demangled form of `name`, or nil when it is not a mangled name
    /// this knows.
    package static func demangle(_ name: String) -> String? {
        let bytes = Array(name.utf8)
        guard bytes.count >= 3, bytes.count <= maximumLength, bytes[0] == UInt8(ascii: "_") else { return nil }
        if bytes[1] == UInt8(ascii: "R") {
            return RustV0Demangler.demangle(bytes)
        }
        if bytes[1] == UInt8(ascii: "Z"), let rust = RustLegacyDemangler.demangle(bytes) {
            return rust
        }
        if bytes[1] == UInt8(ascii: "Z") {
            return itanium(name)
        }
        return nil
    }

    /// A C++ name through `__cxa_demangle`.
    static func itanium(_ name: String) -> String? {
        guard !name.utf8.contains(0), let text = wasmex_demangle_itanium(name) else { return nil }
        defer { free(text) }
        let result = String(cString: text)
        return result.isEmpty ? nil : result
    }
}
