import Foundation
import Testing
import Wasmex

/// `path_symlink` never leaves a link on the host that leads out of the
/// preopen for a program following it outside the sandbox: absolute targets
/// and targets with `..` are `perm`, and nothing is created.
@Suite struct WASISymlinkPolicyTests {
    static let functions = ["path_symlink", "path_readlink"]

    /// Creates link `name` with `target` under the preopen; returns the errno.
    static func symlink(_ probe: WASIProbe, _ target: String, _ name: String) throws -> WASIErrno? {
        let targetLength = try probe.write(target, at: 0x1000)
        let nameLength = try probe.write(name, at: 0x1100)
        return try probe.call("path_symlink", 0x1000, UInt64(targetLength), 3, 0x1100, UInt64(nameLength))
    }

    @Test func linksThatCouldLeaveArePERMAndNotCreated() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try FileManager.default.createDirectory(atPath: directory.path + "/sub", withIntermediateDirectories: false)
        let probe = try WASIProbe(Self.functions, options: WasiOptions(
            preopens: [Preopen(hostPath: directory.path, guestPath: "/")]))
        let refused = [("/etc/passwd", "absolute"), ("/", "root"), ("../secret", "up"), ("sub/../../x", "climb"),
                       ("..", "sub/parent"), ("sub/..", "sub/around"), ("a/./../b", "dotdot-later")]
        for (target, name) in refused {
            #expect(try Self.symlink(probe, target, name) == .perm, "\(target)")
            #expect(!FileManager.default.fileExists(atPath: directory.path + "/" + name)
                    && (try? FileManager.default.destinationOfSymbolicLink(atPath: directory.path + "/" + name)) == nil,
                    "no link \(name) on the host")
        }
    }

    @Test func linksGoingDownAreCreated() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try FileManager.default.createDirectory(atPath: directory.path + "/sub", withIntermediateDirectories: false)
        try directory.file("sub/file", "inside")
        let probe = try WASIProbe(Self.functions, options: WasiOptions(
            preopens: [Preopen(hostPath: directory.path, guestPath: "/")]))
        #expect(try Self.symlink(probe, "sub/file", "down") == .success)
        #expect(try Self.symlink(probe, "./sub//file", "dotted") == .success)
        #expect(try Self.symlink(probe, "..name-with-dots", "dots") == .success, "a name starting with .. is a name")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: directory.path + "/down") == "sub/file")
        #expect(try String(contentsOfFile: directory.path + "/down", encoding: .utf8) == "inside")
        // The policy applies after the usual checks: a bad directory is still badf.
        let length = try probe.write("x", at: 0x1000)
        #expect(try probe.call("path_symlink", 0x1000, UInt64(length), 9, 0x1000, UInt64(length)) == .badf)
    }
}
