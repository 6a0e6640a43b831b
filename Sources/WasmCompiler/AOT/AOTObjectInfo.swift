/// Quick questions about object bytes without fully reading them.
package enum AOTObjectInfo {
    /// Whether `object` is an ELF object with a Wasmex metadata section.
    package static func hasMetadata(_ object: [UInt8]) -> Bool {
        object.withUnsafeBytes { bytes in
            do throws(AOTError) {
                _ = try AOTSection.find(in: bytes)
                return true
            } catch {
                return false
            }
        }
    }

    /// Whether `bytes` start like an ELF file (as opposed to `.wasm`/`.wat`).
    package static func looksLikeObject(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 4 && bytes[0] == 0x7F && bytes[1] == 0x45 && bytes[2] == 0x4C && bytes[3] == 0x46
    }
}
