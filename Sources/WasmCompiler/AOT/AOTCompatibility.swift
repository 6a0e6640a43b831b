/// The checks an AOT object must pass before it is linked: same LLVM, same
/// target triple, CPU features the host has, and (optionally) the same
/// code-affecting compile options; the Wasm bytes must match their hash.
package enum AOTCompatibility {
    /// Throws the first mismatch between `metadata` and this engine/host.
    package static func check(_ metadata: AOTMetadata, host: HostTarget = .current,
                             requiredOptions: CompilerOptions? = nil) throws(AOTError) {
        guard metadata.formatVersion == AOTMetadata.currentFormatVersion else {
            throw AOTError.formatVersion(found: metadata.formatVersion, expected: AOTMetadata.currentFormatVersion)
        }
        let llvm = llvmVersionString()
        guard metadata.llvmVersion == llvm else { throw AOTError.llvmVersion(found: metadata.llvmVersion, expected: llvm) }
        guard metadata.target.triple == host.triple else {
            throw AOTError.targetTriple(found: metadata.target.triple, host: host.triple)
        }
        try checkCPU(metadata.target, host: host)
        if let requiredOptions {
            let expected = AOTMetadata.optionsKey(requiredOptions)
            guard metadata.options == expected else { throw AOTError.options(found: metadata.options, expected: expected) }
        }
        guard SHA256.hash(metadata.wasm) == metadata.wasmHash else { throw AOTError.hashMismatch }
    }

    /// An object compiled for this very CPU is fine; otherwise every feature it
    /// enables must be enabled on the host, and without an explicit feature
    /// list only a generic CPU model is accepted.
    static func checkCPU(_ target: HostTarget, host: HostTarget) throws(AOTError) {
        if target.cpuName == host.cpuName && target.cpuFeatures == host.cpuFeatures { return }
        let hostFeatures = enabled(host.cpuFeatures)
        let missing = enabled(target.cpuFeatures).subtracting(hostFeatures).sorted()
        guard missing.isEmpty else {
            throw AOTError.cpuMismatch("host lacks \(missing.prefix(8).joined(separator: ", "))")
        }
        if target.cpuFeatures.isEmpty && target.cpuName != host.cpuName && !genericCPUs.contains(target.cpuName) {
            throw AOTError.cpuMismatch("compiled for CPU \(target.cpuName), host is \(host.cpuName)")
        }
    }

    private static let genericCPUs: Set<String> = ["", "generic", "x86-64"]

    private static func enabled(_ features: String) -> Set<Substring> {
        Set(features.split(separator: ",").filter { $0.hasPrefix("+") }.map { $0.dropFirst() })
    }
}
