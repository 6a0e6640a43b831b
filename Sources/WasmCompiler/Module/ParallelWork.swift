#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a few independent jobs on threads of their own (the first on the
/// calling thread) and waits for all of them. Each extra thread gets a 64 MiB
/// stack, as LLVM recurses on deeply nested code. When a thread cannot be
/// started its job runs on the calling thread instead.
enum ParallelWork {
    static func run(_ count: Int, _ job: @escaping @Sendable (Int) -> Void) {
        guard count > 1 else {
            if count == 1 { job(0) }
            return
        }
        var threads: [pthread_t] = []
        var inline: [Int] = []
        for index in 1..<count {
            let box = Unmanaged.passRetained(JobBox { job(index) })
            var attributes = pthread_attr_t()
            pthread_attr_init(&attributes)
            pthread_attr_setstacksize(&attributes, 64 << 20)
            var thread = pthread_t()
            let status = pthread_create(&thread, &attributes, { context in
                guard let context else { return nil }
                Unmanaged<JobBox>.fromOpaque(context).takeRetainedValue().body()
                return nil
            }, box.toOpaque())
            pthread_attr_destroy(&attributes)
            if status == 0 {
                threads.append(thread)
            } else {
                box.release()
                inline.append(index)
            }
        }
        job(0)
        for index in inline { job(index) }
        for thread in threads { pthread_join(thread, nil) }
    }

    private final class JobBox {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }
}
