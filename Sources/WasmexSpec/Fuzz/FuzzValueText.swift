import Wasmex

/// Values as the fuzzer prints them: type, colon, exact bits in hex
/// (`i32:0000002a`, `f32:7fc00000`, `v128:` and the 16 bytes in memory
/// order); references only as null or not (`funcref:null`, `funcref:ref`),
/// since their identity means nothing across engines.
package enum FuzzValueText {
    package static func text(_ value: Value) -> String {
        switch value {
        case .i32(let v): return "i32:" + hex(UInt64(UInt32(bitPattern: v)), digits: 8)
        case .i64(let v): return "i64:" + hex(UInt64(bitPattern: v), digits: 16)
        case .f32(let v): return "f32:" + hex(UInt64(v.bitPattern), digits: 8)
        case .f64(let v): return "f64:" + hex(v.bitPattern, digits: 16)
        case .v128(let v): return "v128:" + v.bytes.map { hex(UInt64($0), digits: 2) }.joined()
        case .funcRef(let f): return f == nil ? "funcref:null" : "funcref:ref"
        case .externRef(let r): return r == nil ? "externref:null" : "externref:ref"
        case .exnRef(let r): return r == nil ? "exnref:null" : "exnref:ref"
        case .anyRef(let r): return r == nil ? "anyref:null" : "anyref:ref"
        }
    }

    /// `value` in lowercase hex, zero-padded to `digits`.
    package static func hex(_ value: UInt64, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
