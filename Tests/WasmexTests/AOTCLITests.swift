import Foundation
import Testing

/// `wasmex compile` writes a real object that `readelf`-style tools and
/// `wasmex run` accept, and `wasmex run` refuses objects that are not ours.
@Suite struct AOTCLITests {
    static let wat = """
    (module $demo
      (func $fact (export "fact") (param i64) (result i64)
        (if (result i64) (i64.le_u (local.get 0) (i64.const 1))
          (then (i64.const 1))
          (else (i64.mul (local.get 0) (call $fact (i64.sub (local.get 0) (i64.const 1))))))))
    """

    @Test func compileThenRunTheObject() throws {
        let scratch = try SpecTestSupport.makeScratch()
        defer { SpecTestSupport.removeScratch(scratch) }
        try Self.wat.write(toFile: scratch + "/fact.wat", atomically: true, encoding: .utf8)
        let compile = try CLIHarness.run(["compile", scratch + "/fact.wat", "-o", scratch + "/fact.o", "-O1"])
        #expect(compile.status == 0, "stderr: \(compile.stderr)")
        let object = [UInt8](try Data(contentsOf: URL(fileURLWithPath: scratch + "/fact.o")))
        #expect(Array(object.prefix(4)) == [0x7F, 0x45, 0x4C, 0x46])
        #expect(String(decoding: object, as: UTF8.self).contains(".wasmex.meta"))
        let run = try CLIHarness.run(["run", "--allow-precompiled", "--invoke", "fact", scratch + "/fact.o", "20"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout == "2432902008176640000\n")
    }

    @Test func runRefusesTruncatedAndForeignObjects() throws {
        let scratch = try SpecTestSupport.makeScratch()
        defer { SpecTestSupport.removeScratch(scratch) }
        try Self.wat.write(toFile: scratch + "/fact.wat", atomically: true, encoding: .utf8)
        _ = try CLIHarness.run(["compile", scratch + "/fact.wat", "-o", scratch + "/fact.o"])
        let object = try Data(contentsOf: URL(fileURLWithPath: scratch + "/fact.o"))
        try object.prefix(object.count / 2).write(to: URL(fileURLWithPath: scratch + "/half.o"))
        let half = try CLIHarness.run(["run", "--allow-precompiled", "--invoke", "fact", scratch + "/half.o", "3"])
        #expect(half.status == 1)
        #expect(half.stderr.contains("not a Wasmex AOT object"))
        let wrongTarget = try CLIHarness.run(["compile", scratch + "/fact.wat", "-o", scratch + "/x.o", "--target", "sparc-sun-solaris"])
        #expect(wrongTarget.status != 0)
    }
}
