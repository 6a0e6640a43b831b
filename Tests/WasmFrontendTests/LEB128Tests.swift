import Testing
@testable import WasmFrontend

/// Runs `body` with a reader over `bytes`.
private func read<T>(_ bytes: [UInt8], _ body: (inout ByteReader) throws(WasmError) -> T) -> Result<T, WasmError> {
    bytes.withUnsafeBufferPointer { buffer in
        var reader = ByteReader(buffer: buffer)
        do throws(WasmError) {
            return .success(try body(&reader))
        } catch {
            return .failure(error)
        }
    }
}

private func message<T>(_ r: Result<T, WasmError>) -> String? {
    if case .failure(let e) = r { return e.message }
    return nil
}

@Test func unsigned32Values() throws {
    #expect(try read([0x00]) { (r) throws(WasmError) in try r.readVarUInt32() }.get() == 0)
    #expect(try read([0x7F]) { (r) throws(WasmError) in try r.readVarUInt32() }.get() == 127)
    #expect(try read([0x80, 0x01]) { (r) throws(WasmError) in try r.readVarUInt32() }.get() == 128)
    #expect(try read([0xFF, 0xFF, 0xFF, 0xFF, 0x0F]) { (r) throws(WasmError) in try r.readVarUInt32() }.get() == UInt32.max)
    // Non-minimal but within 5 bytes is fine.
    #expect(try read([0x80, 0x80, 0x80, 0x80, 0x00]) { (r) throws(WasmError) in try r.readVarUInt32() }.get() == 0)
}

@Test func unsigned32Errors() {
    #expect(message(read([0x80, 0x80, 0x80, 0x80, 0x80, 0x00]) { (r) throws(WasmError) in try r.readVarUInt32() })
            == "integer representation too long")
    #expect(message(read([0xFF, 0xFF, 0xFF, 0xFF, 0x1F]) { (r) throws(WasmError) in try r.readVarUInt32() })
            == "integer too large")
    #expect(message(read([0x80, 0x80, 0x80, 0x80, 0x70]) { (r) throws(WasmError) in try r.readVarUInt32() })
            == "integer too large")
    #expect(message(read([0x80, 0x80]) { (r) throws(WasmError) in try r.readVarUInt32() }) == "unexpected end")
    #expect(message(read([]) { (r) throws(WasmError) in try r.readVarUInt32() }) == "unexpected end")
}

@Test func signed32ValuesAndErrors() throws {
    #expect(try read([0x7F]) { (r) throws(WasmError) in try r.readVarInt32() }.get() == -1)
    #expect(try read([0x3F]) { (r) throws(WasmError) in try r.readVarInt32() }.get() == 63)
    #expect(try read([0x40]) { (r) throws(WasmError) in try r.readVarInt32() }.get() == -64)
    #expect(try read([0x80, 0x80, 0x80, 0x80, 0x78]) { (r) throws(WasmError) in try r.readVarInt32() }.get() == Int32.min)
    #expect(try read([0xFF, 0xFF, 0xFF, 0xFF, 0x07]) { (r) throws(WasmError) in try r.readVarInt32() }.get() == Int32.max)
    #expect(try read([0xFF, 0xFF, 0xFF, 0xFF, 0x7F]) { (r) throws(WasmError) in try r.readVarInt32() }.get() == -1)
    // Unused bits must be a sign extension of bit 31.
    #expect(message(read([0xFF, 0xFF, 0xFF, 0xFF, 0x0F]) { (r) throws(WasmError) in try r.readVarInt32() })
            == "integer too large")
    #expect(message(read([0x80, 0x80, 0x80, 0x80, 0x70]) { (r) throws(WasmError) in try r.readVarInt32() })
            == "integer too large")
    #expect(message(read([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]) { (r) throws(WasmError) in try r.readVarInt32() })
            == "integer representation too long")
}

@Test func signed64AndUnsigned64() throws {
    let min64: [UInt8] = [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F]
    #expect(try read(min64) { (r) throws(WasmError) in try r.readVarInt64() }.get() == Int64.min)
    let max64: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00]
    #expect(try read(max64) { (r) throws(WasmError) in try r.readVarInt64() }.get() == Int64.max)
    let bad64: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]
    #expect(message(read(bad64) { (r) throws(WasmError) in try r.readVarInt64() }) == "integer too large")
    let umax: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]
    #expect(try read(umax) { (r) throws(WasmError) in try r.readVarUInt64() }.get() == UInt64.max)
    let ubad: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02]
    #expect(message(read(ubad) { (r) throws(WasmError) in try r.readVarUInt64() }) == "integer too large")
    let long: [UInt8] = [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00]
    #expect(message(read(long) { (r) throws(WasmError) in try r.readVarInt64() }) == "integer representation too long")
}

@Test func signed33BlockTypeIndex() throws {
    // Largest type index that fits in s33 as a non-negative number.
    let max: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]
    #expect(try read(max) { (r) throws(WasmError) in try r.readVarInt33() }.get() == Int64(UInt32.max))
    #expect(message(read([0xFF, 0xFF, 0xFF, 0xFF, 0x1F]) { (r) throws(WasmError) in try r.readVarInt33() })
            == "integer too large")
}

@Test func lebRoundTripsAgainstEncoder() throws {
    var rng = SystemRandomNumberGenerator()
    for _ in 0..<2_000 {
        let u = UInt32.random(in: .min ... .max, using: &rng)
        #expect(try read(ModuleBytes.uleb(UInt64(u))) { (r) throws(WasmError) in try r.readVarUInt32() }.get() == u)
        let s = Int64.random(in: .min ... .max, using: &rng)
        #expect(try read(ModuleBytes.sleb(s)) { (r) throws(WasmError) in try r.readVarInt64() }.get() == s)
        let s32 = Int32.random(in: .min ... .max, using: &rng)
        #expect(try read(ModuleBytes.sleb(Int64(s32))) { (r) throws(WasmError) in try r.readVarInt32() }.get() == s32)
    }
}
