/// Reads the operators of a function body (or any instruction range) one at a time.
///
/// The reader keeps a reference to the module's byte array (no copy) and decodes each
/// operator directly from its storage; only `br_table` allocates (for its targets).
package struct InstructionReader {
    @usableFromInline let bytes: [UInt8]
    @usableFromInline var position: Int
    @usableFromInline let end: Int

    /// Creates a reader over `range` of `bytes` (clamped to the array).
    package init(bytes: [UInt8], range: Range<Int>) {
        self.bytes = bytes
        let lower = Swift.max(0, Swift.min(range.lowerBound, bytes.count))
        self.position = lower
        self.end = Swift.max(lower, Swift.min(range.upperBound, bytes.count))
    }

    /// The offset in `bytes` of the next operator.
    package var offset: Int { position }

    /// `true` once the whole range has been read.
    package var isAtEnd: Bool { position >= end }

    /// Decodes the next operator, or returns `nil` once the range is consumed.
    @inlinable
    package mutating func next() throws(WasmError) -> Instruction? {
        guard position < end else { return nil }
        let start = position
        let end = self.end
        let (instruction, newPosition) = try bytes.withUnsafeBufferPointer {
            (buffer) throws(WasmError) -> (Instruction, Int) in
            var reader = ByteReader(buffer: buffer, position: start, limit: end,
                                    endMessage: "unexpected end of section or function")
            let instruction = try reader.readInstruction()
            return (instruction, reader.position)
        }
        position = newPosition
        return instruction
    }
}
