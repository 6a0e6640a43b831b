#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A WASI preview 1 error number, the value every `wasi_snapshot_preview1`
/// function returns to the guest (`success` is 0).
package enum WASIErrno: UInt16, Error, Sendable, CaseIterable {
    case success = 0, toobig, acces, addrinuse, addrnotavail, afnosupport, again, already
    case badf, badmsg, busy, canceled, child, connaborted, connrefused, connreset
    case deadlk, destaddrreq, dom, dquot, exist, fault, fbig, hostunreach, idrm, ilseq
    case inprogress, intr, inval, io, isconn, isdir, loop, mfile, mlink, msgsize
    case multihop, nametoolong, netdown, netreset, netunreach, nfile, nobufs, nodev
    case noent, noexec, nolck, nolink, nomem, nomsg, noprotoopt, nospc, nosys, notconn
    case notdir, notempty, notrecoverable, notsock, notsup, notty, nxio, overflow
    case ownerdead, perm, pipe, proto, protonosupport, prototype, range, rofs, spipe
    case srch, stale, timedout, txtbsy, xdev, notcapable

    /// Maps a host `errno` value to its WASI counterpart (`io` when there is none).
    init(hostErrno code: Int32) {
        self = WASIErrno.hostTable[code] ?? .io
    }

    /// The current thread's host `errno`, mapped.
    static var lastHostError: WASIErrno { WASIErrno(hostErrno: errno) }

    private static let hostTable: [Int32: WASIErrno] = [
        E2BIG: .toobig, EACCES: .acces, EADDRINUSE: .addrinuse, EADDRNOTAVAIL: .addrnotavail,
        EAFNOSUPPORT: .afnosupport, EAGAIN: .again, EALREADY: .already, EBADF: .badf,
        EBADMSG: .badmsg, EBUSY: .busy, ECANCELED: .canceled, ECHILD: .child,
        ECONNABORTED: .connaborted, ECONNREFUSED: .connrefused, ECONNRESET: .connreset,
        EDEADLK: .deadlk, EDESTADDRREQ: .destaddrreq, EDOM: .dom, EDQUOT: .dquot,
        EEXIST: .exist, EFAULT: .fault, EFBIG: .fbig, EHOSTUNREACH: .hostunreach,
        EIDRM: .idrm, EILSEQ: .ilseq, EINPROGRESS: .inprogress, EINTR: .intr,
        EINVAL: .inval, EIO: .io, EISCONN: .isconn, EISDIR: .isdir, ELOOP: .loop,
        EMFILE: .mfile, EMLINK: .mlink, EMSGSIZE: .msgsize, EMULTIHOP: .multihop,
        ENAMETOOLONG: .nametoolong, ENETDOWN: .netdown, ENETRESET: .netreset,
        ENETUNREACH: .netunreach, ENFILE: .nfile, ENOBUFS: .nobufs, ENODEV: .nodev,
        ENOENT: .noent, ENOEXEC: .noexec, ENOLCK: .nolck, ENOLINK: .nolink,
        ENOMEM: .nomem, ENOMSG: .nomsg, ENOPROTOOPT: .noprotoopt, ENOSPC: .nospc,
        ENOSYS: .nosys, ENOTCONN: .notconn, ENOTDIR: .notdir, ENOTEMPTY: .notempty,
        ENOTRECOVERABLE: .notrecoverable, ENOTSOCK: .notsock, ENOTSUP: .notsup,
        ENOTTY: .notty, ENXIO: .nxio, EOVERFLOW: .overflow, EOWNERDEAD: .ownerdead,
        EPERM: .perm, EPIPE: .pipe, EPROTO: .proto, EPROTONOSUPPORT: .protonosupport,
        EPROTOTYPE: .prototype, ERANGE: .range, EROFS: .rofs, ESPIPE: .spipe,
        ESRCH: .srch, ESTALE: .stale, ETIMEDOUT: .timedout, ETXTBSY: .txtbsy,
        EXDEV: .xdev,
    ]
}
