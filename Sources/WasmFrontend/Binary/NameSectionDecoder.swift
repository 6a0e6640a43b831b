/// Decodes the `name` custom section (module, function and local names).
///
/// Returns nil for any malformation: a bad name section never rejects a module.
enum NameSectionDecoder {
    static func decode(_ buffer: UnsafeBufferPointer<UInt8>, _ payload: Range<Int>) -> NameSection? {
        var reader = ByteReader(buffer: buffer, position: payload.lowerBound, limit: payload.upperBound)
        var names = NameSection()
        do {
            var lastID = -1
            while !reader.isAtEnd {
                let id = Int(try reader.readByte())
                let size = Int(try reader.readVarUInt32())
                guard size <= reader.remaining, id > lastID else { return nil }
                lastID = id
                let end = reader.position + size
                var sub = ByteReader(buffer: buffer, position: reader.position, limit: end)
                switch id {
                case 0: names.moduleName = try sub.readName()
                case 1: names.functionNames = try readNameMap(&sub)
                case 2:
                    let count = try sub.readVectorCount()
                    for _ in 0..<count {
                        let function = try sub.readVarUInt32()
                        names.localNames[function] = try readNameMap(&sub)
                    }
                default: sub.position = end   // other subsections (labels, types, …) are skipped
                }
                guard sub.position == end else { return nil }
                reader.position = end
            }
        } catch {
            return nil
        }
        return names
    }

    private static func readNameMap(_ reader: inout ByteReader) throws(WasmError) -> [UInt32: String] {
        let count = try reader.readVectorCount()
        var map = [UInt32: String]()
        map.reserveCapacity(reader.cappedCapacity(count))
        for _ in 0..<count {
            let index = try reader.readVarUInt32()
            map[index] = try reader.readName()
        }
        return map
    }
}
