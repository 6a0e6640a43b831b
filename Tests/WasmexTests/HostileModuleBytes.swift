/// Binary modules assembled by hand for the hostile-guest tests: shapes the
/// text format makes slow or impossible to write (tens of thousands of locals).
enum HostileModuleBytes {
    static func uleb(_ value: Int) -> [UInt8] {
        var v = UInt64(value)
        var out: [UInt8] = []
        repeat {
            var byte = UInt8(v & 0x7F)
            v >>= 7
            if v != 0 { byte |= 0x80 }
            out.append(byte)
        } while v != 0
        return out
    }

    static func section(_ id: UInt8, _ payload: [UInt8]) -> [UInt8] { [id] + uleb(payload.count) + payload }

    static func vector(_ items: [[UInt8]]) -> [UInt8] { uleb(items.count) + items.flatMap { $0 } }

    /// `functions` functions of type `[i32 × parameters] -> []`, each declaring
    /// `locals` i32 locals and the body `code` (without the final `end`).
    static func module(functions: Int, parameters: Int = 0, locals: Int, code: [UInt8] = []) -> [UInt8] {
        var bytes: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]
        bytes += section(1, vector([[0x60] + vector(Array(repeating: [0x7F], count: parameters)) + [0x00]]))
        bytes += section(3, vector(Array(repeating: [0x00], count: functions)))
        let localGroups: [[UInt8]] = locals > 0 ? [uleb(locals) + [0x7F]] : []
        let body = vector(localGroups) + code + [0x0B]
        bytes += section(10, vector(Array(repeating: uleb(body.count) + body, count: functions)))
        return bytes
    }
}
