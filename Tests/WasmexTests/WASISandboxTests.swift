import Foundation
import Testing
import WasmexWASI

/// Each way out of a preopen must be closed: `..`, absolute paths, symlinks
/// pointing out (directly, in the middle of a path, through a chain), hard
/// links to outside files, and swapping a directory for a symlink while the
/// guest is using paths through it.
@Suite struct WASISandboxTests {
    /// A sandbox directory `box` next to a `secret` file it must not reach.
    struct Layout {
        let root: TemporaryDirectory
        let guest: FakeGuest
        var box: String { root.path + "/box" }

        init() throws {
            root = try TemporaryDirectory()
            try FileManager.default.createDirectory(atPath: root.path + "/box/inner", withIntermediateDirectories: true)
            try root.file("secret", "top secret")
            guest = try FakeGuest(WasiOptions(preopens: [Preopen(hostPath: root.path + "/box", guestPath: "/")]))
        }
    }

    @Test func dotDotCannotLeave() throws {
        let layout = try Layout()
        defer { layout.root.remove() }
        #expect(try layout.guest.open(3, "../secret").0 == .notcapable)
        #expect(try layout.guest.open(3, "inner/../../secret").0 == .notcapable)
        #expect(try layout.guest.open(3, "..").0 == .notcapable)
        #expect(try layout.guest.open(3, "inner/..").0 == .success, "staying inside is fine")
    }

    @Test func absolutePathsAreRefused() throws {
        let layout = try Layout()
        defer { layout.root.remove() }
        #expect(try layout.guest.open(3, layout.root.path + "/secret").0 == .notcapable)
        #expect(try layout.guest.open(3, "/").0 == .notcapable)
    }

    @Test func symlinksPointingOutAreNotFollowed() throws {
        let layout = try Layout()
        defer { layout.root.remove() }
        let files = FileManager.default
        try files.createSymbolicLink(atPath: layout.box + "/abs", withDestinationPath: layout.root.path + "/secret")
        try files.createSymbolicLink(atPath: layout.box + "/rel", withDestinationPath: "../secret")
        try files.createSymbolicLink(atPath: layout.box + "/up", withDestinationPath: "..")
        try files.createSymbolicLink(atPath: layout.box + "/inner/chain", withDestinationPath: "../rel")
        #expect(try layout.guest.open(3, "abs", follow: true).0 == .notcapable)
        #expect(try layout.guest.open(3, "rel", follow: true).0 == .notcapable)
        #expect(try layout.guest.open(3, "up/secret").0 == .notcapable, "symlink in the middle of a path")
        #expect(try layout.guest.open(3, "inner/chain", follow: true).0 == .notcapable)
        #expect(try layout.guest.open(3, "rel").0 == .loop, "not following opens nothing")
        // Creating a link that points out is refused as well (EPERM, as Wasmtime).
        let (target, targetLength) = layout.guest.put("/etc/passwd")
        let (name, nameLength) = layout.guest.put("new-link")
        #expect(try layout.guest.call("path_symlink", UInt64(target), UInt64(targetLength), 3,
                                      UInt64(name), UInt64(nameLength)) == .perm)
    }

    @Test func statAndLinkThroughSymlinksStayInside() throws {
        let layout = try Layout()
        defer { layout.root.remove() }
        try FileManager.default.createSymbolicLink(atPath: layout.box + "/rel", withDestinationPath: "../secret")
        let (path, length) = layout.guest.put("rel")
        let stat = layout.guest.reserve(64)
        #expect(try layout.guest.call("path_filestat_get", 3, 1, UInt64(path), UInt64(length), UInt64(stat)) == .notcapable)
        #expect(try layout.guest.call("path_filestat_get", 3, 0, UInt64(path), UInt64(length), UInt64(stat)) == .success)
        #expect(layout.guest.memory[Int(stat) + 16] == 7, "the link itself is a symbolic link")
        let (new, newLength) = layout.guest.put("hard")
        #expect(try layout.guest.call("path_link", 3, 1, UInt64(path), UInt64(length), 3, UInt64(new), UInt64(newLength)) == .notcapable)
    }

    /// A thread keeps swapping `box/inner` between a real directory and a
    /// symlink to the outside while the guest opens `inner/secret`: the
    /// guest must never read the outside file.
    @Test func swappingADirectoryForASymlinkCannotEscape() throws {
        let layout = try Layout()
        defer { layout.root.remove() }
        try "inside".write(toFile: layout.box + "/inner/secret", atomically: false, encoding: .utf8)
        let inner = layout.box + "/inner"
        let parked = layout.box + "/parked"
        let link = layout.box + "/link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: layout.root.path)
        let stop = Stop()
        let swapper = Thread {
            while !stop.isSet {
                rename(inner, parked); rename(link, inner)
                rename(inner, link); rename(parked, inner)
            }
        }
        swapper.start()
        defer { stop.set() }
        var leaked = 0
        for _ in 0..<2000 {
            let (errno, fd) = try layout.guest.open(3, "inner/secret")
            if errno == .success {
                if try layout.guest.read(fd, count: 64).1 == Array("top secret".utf8) { leaked += 1 }
                try layout.guest.call("fd_close", UInt64(fd))
            }
        }
        #expect(leaked == 0)
    }
}

final class Stop: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    var isSet: Bool { lock.withLock { flag } }
    func set() { lock.withLock { flag = true } }
}
