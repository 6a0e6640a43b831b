#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `proc_exit`, `proc_raise`, `sched_yield` and the `sock_*` family.
extension WASIEnvironment {
    func processFunctions() -> [WASIHostFunction] {
        [
            WASIHostFunction(name: "proc_exit", parameters: [.i32], results: []) { _, slots in
                guard slots.count == 1 else {
                    throw WASIArgumentCountError(function: "proc_exit", expected: 1, actual: slots.count)
                }
                throw WASIExit(code: UInt32(truncatingIfNeeded: slots[0]))
            },
            // Signals are not part of the sandbox: raising one is reported as unsupported.
            define("proc_raise", [.i32]) { _, _ throws(WASIErrno) in throw .nosys },
            define("sched_yield", []) { _, _ throws(WASIErrno) in _ = sched_yield() },
            // WASI preview 1 cannot create sockets, so no descriptor is ever one.
            define("sock_accept", [.i32, .i32, .i32]) { [self] _, a throws(WASIErrno) in
                try notSocket(a.u32(0))
            },
            define("sock_recv", [.i32, .i32, .i32, .i32, .i32, .i32]) { [self] _, a throws(WASIErrno) in
                try notSocket(a.u32(0))
            },
            define("sock_send", [.i32, .i32, .i32, .i32, .i32]) { [self] _, a throws(WASIErrno) in
                try notSocket(a.u32(0))
            },
            define("sock_shutdown", [.i32, .i32]) { [self] _, a throws(WASIErrno) in
                try notSocket(a.u32(0))
            },
        ]
    }

    /// `badf` for a closed descriptor, `notsock` for an open one.
    private func notSocket(_ fd: UInt32) throws(WASIErrno) {
        _ = try descriptor(fd)
        throw .notsock
    }
}
