/// The `--json` file: `{"machine":…, "runs":N, "notes":[…], "results":[{…}]}`.
///
/// Each result has `workload`, `engine`, `correct`; when it ran, `compile_ms`,
/// `instantiate_ms` and `run_ms` (`median`, `min`, `max`); `score` for
/// CoreMark; `ratio_to_interp` / `ratio_to_wasmtime` when computable;
/// `end_to_end_ms` (compile + first instantiation + first run) and, for
/// sightglass, `end_to_end_ratio_to_wasmtime`; and
/// `error` when it is not correct.
package enum JSONReport {
    /// The report as a JSON document (ending in a newline).
    package static func document(_ report: BenchReport, runs: Int, machine: MachineInfo) -> String {
        let root = JSONValue.object([
            ("machine", .object([("cpu", .string(machine.cpuModel)), ("nproc", .number(Double(machine.processors)))])),
            ("runs", .number(Double(runs))),
            ("notes", .array(report.notes.map(JSONValue.string))),
            ("results", .array(report.results.map(encode))),
        ])
        return root.serialized() + "\n"
    }

    /// One result object.
    package static func encode(_ result: BenchResult) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("workload", .string(result.workload)),
            ("engine", .string(result.engine)),
            ("correct", .bool(result.correct)),
        ]
        if let compile = result.compileMs { members.append(("compile_ms", .number(compile))) }
        if let instantiate = result.instantiateMs { members.append(("instantiate_ms", .number(instantiate))) }
        if let run = result.runMs {
            members.append(("run_ms", .object([
                ("median", .number(run.median)), ("min", .number(run.min)), ("max", .number(run.max)),
            ])))
        }
        if result.kind == .coremark, let score = result.score { members.append(("score", .number(score))) }
        if let ratio = result.ratioToInterp { members.append(("ratio_to_interp", .number(ratio))) }
        if let ratio = result.ratioToWasmtime { members.append(("ratio_to_wasmtime", .number(ratio))) }
        if let time = result.endToEndMs { members.append(("end_to_end_ms", .number(time))) }
        if let ratio = result.endToEndRatioToWasmtime { members.append(("end_to_end_ratio_to_wasmtime", .number(ratio))) }
        if let error = result.error { members.append(("error", .string(error))) }
        return .object(members)
    }
}
