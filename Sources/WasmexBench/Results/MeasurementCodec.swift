import Foundation

/// The JSON form of an ``EngineMeasurement`` exchanged with helper processes:
/// `{"compile_ms": x, "samples": [{"instantiate_ms", "run_ms", "exit_code",
/// "stdout_b64", "stderr_b64", "score"}]}` (the wasmtime runner writes the same).
package enum MeasurementCodec {
    /// Encodes a measurement (outputs as base64, exact numbers).
    package static func encode(_ measurement: EngineMeasurement) -> String {
        var object: [String: Any] = ["compile_ms": measurement.compileMs]
        object["samples"] = measurement.samples.map { sample -> [String: Any] in
            var entry: [String: Any] = [
                "instantiate_ms": sample.instantiateMs, "run_ms": sample.runMs, "exit_code": Int(sample.exitCode),
                "stdout_b64": Data(sample.stdout).base64EncodedString(),
                "stderr_b64": Data(sample.stderr).base64EncodedString(),
            ]
            if let score = sample.score, score.isFinite { entry["score"] = score }
            return entry
        }
        guard let data = try? JSONSerialization.data(withJSONObject: object) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Decodes a parsed JSON object; missing fields are reported as an engine failure.
    package static func decode(_ object: [String: Any], engine: String, workload: Workload) throws(BenchError) -> EngineMeasurement {
        guard let compileMs = number(object["compile_ms"]), let rawSamples = object["samples"] as? [[String: Any]] else {
            throw .failure(engine, workload, "measurement lacks compile_ms/samples")
        }
        var samples: [RunSample] = []
        for raw in rawSamples {
            guard let instantiateMs = number(raw["instantiate_ms"]), let runMs = number(raw["run_ms"]) else {
                throw .failure(engine, workload, "measurement sample lacks instantiate_ms/run_ms")
            }
            let exitCode = number(raw["exit_code"]).flatMap { UInt32(exactly: $0) } ?? 0
            samples.append(RunSample(
                instantiateMs: instantiateMs, runMs: runMs,
                stdout: base64(raw["stdout_b64"]), stderr: base64(raw["stderr_b64"]),
                exitCode: exitCode, score: number(raw["score"])))
        }
        return EngineMeasurement(compileMs: compileMs, samples: samples)
    }

    private static func number(_ value: Any?) -> Double? {
        (value as? NSNumber)?.doubleValue
    }

    private static func base64(_ value: Any?) -> [UInt8] {
        guard let text = value as? String, let data = Data(base64Encoded: text) else { return [] }
        return [UInt8](data)
    }
}
