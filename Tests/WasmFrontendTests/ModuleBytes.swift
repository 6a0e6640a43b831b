/// Tiny helpers to assemble binary modules by hand in tests.
enum ModuleBytes {
    static let header: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]

    static func uleb(_ value: UInt64) -> [UInt8] {
        var v = value
        var out: [UInt8] = []
        repeat {
            var byte = UInt8(v & 0x7F)
            v >>= 7
            if v != 0 { byte |= 0x80 }
            out.append(byte)
        } while v != 0
        return out
    }

    static func sleb(_ value: Int64) -> [UInt8] {
        var v = value
        var out: [UInt8] = []
        while true {
            let byte = UInt8(v & 0x7F)
            v >>= 7
            if (v == 0 && byte & 0x40 == 0) || (v == -1 && byte & 0x40 != 0) {
                out.append(byte)
                return out
            }
            out.append(byte | 0x80)
        }
    }

    static func name(_ s: String) -> [UInt8] { uleb(UInt64(s.utf8.count)) + Array(s.utf8) }

    static func section(_ id: UInt8, _ payload: [UInt8]) -> [UInt8] {
        [id] + uleb(UInt64(payload.count)) + payload
    }

    static func vector(_ items: [[UInt8]]) -> [UInt8] {
        uleb(UInt64(items.count)) + items.flatMap { $0 }
    }

    /// A module with one function of type `[params] -> [results]` whose body is `code`
    /// (which must include the final `end`), plus optional extra sections placed before the code section.
    static func function(params: [UInt8] = [], results: [UInt8] = [], locals: [[UInt8]] = [],
                         code: [UInt8], extra: [[UInt8]] = []) -> [UInt8] {
        var m = header
        m += section(1, vector([[0x60] + vector(params.map { [$0] }) + vector(results.map { [$0] })]))
        m += section(3, vector([[0x00]]))
        for e in extra { m += e }
        let body = vector(locals) + code
        m += section(10, vector([uleb(UInt64(body.count)) + body]))
        return m
    }
}
