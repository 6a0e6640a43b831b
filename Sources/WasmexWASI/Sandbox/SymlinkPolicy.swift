/// Which symlink contents a guest may create with `path_symlink`.
///
/// Inside the sandbox a link that points out is harmless: ``PathResolver``
/// refuses to follow it. But the link also exists on the host, where other
/// programs (a backup job, a shell in the preopened directory) follow it
/// without such checks. So no guest-made link may lead out of its preopen
/// for *any* program that follows it:
///
/// - an absolute target is refused, as Wasmtime (cap-std) does;
/// - a target with a `..` component is refused as well. Wasmtime allows
///   these; checking them lexically against the link's depth is not enough,
///   because the guest can later move the link (or its directory) closer to
///   the preopen root with `path_rename`, hard-link it elsewhere with
///   `path_link`, or chain it through another link (`s -> ..`, then
///   `t -> s/..`), and each of these turns an allowed `..` into one that
///   climbs out. A target made only of plain names (and `.`) can only go
///   down from the directory holding the link, wherever that directory is,
///   so it stays inside the preopen by construction.
///
/// Both are `perm` (EPERM), the errno Wasmtime reports for an absolute
/// target. Links already on the host are not affected: the guest may read,
/// rename or remove them, and the resolver still never follows one out.
enum SymlinkPolicy {
    /// Throws `perm` unless `target` is a relative path without `..`.
    static func check(_ target: String) throws(WASIErrno) {
        if target.utf8.first == UInt8(ascii: "/") { throw .perm }
        for component in target.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true)
        where component.elementsEqual("..".utf8) {
            throw .perm
        }
    }
}
