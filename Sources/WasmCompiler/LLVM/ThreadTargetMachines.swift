#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Target machines kept per thread, so that a thread's compiles reuse one
/// instead of making a new one each.
///
/// Making a `TargetMachine` parses the host's CPU feature string (a hundred
/// features, each with its implied features applied transitively) and sets
/// up the target's lowering tables. Profiled with `perf` over 300 compiles
/// of an 81-byte module at O0 (`wasmex bench compile --level 0 -i 300`),
/// `MCSubtargetInfo`'s feature expansion alone took 17 % of the time: about
/// 0.27 ms per compile, paid again by every function compiled on first call
/// and every hot function. A machine is not safe to use from two threads at
/// once, so each thread keeps its own, one per target and level, until it
/// exits.
enum ThreadTargetMachines {
    private struct Key: Hashable {
        let host: HostTarget
        let optimization: OptimizationLevel
    }

    private final class Machines {
        var byKey: [Key: TargetMachine] = [:]
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { raw in
            guard let raw else { return }
            Unmanaged<Machines>.fromOpaque(raw).release()
        }
        return key
    }()

    private static var current: Machines {
        if let raw = pthread_getspecific(key) {
            return Unmanaged<Machines>.fromOpaque(raw).takeUnretainedValue()
        }
        let machines = Machines()
        pthread_setspecific(key, Unmanaged.passRetained(machines).toOpaque())
        return machines
    }

    /// The calling thread's machine for `host` at `optimization` (made on
    /// first use). Use it on this thread only.
    static func machine(_ host: HostTarget = .current, optimization: OptimizationLevel) throws(CompileError) -> TargetMachine {
        let machines = current
        let key = Key(host: host, optimization: optimization)
        if let machine = machines.byKey[key] { return machine }
        let machine = try TargetMachine(host, optimization: optimization)
        machines.byKey[key] = machine
        return machine
    }
}
