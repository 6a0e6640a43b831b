#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the text parser on a thread whose stack size we choose.
///
/// The parser recurses once or more per nesting level, so how deep a text it
/// can take depends on the stack of the thread that calls it, which a library
/// does not control: Swift concurrency and Dispatch threads have 512 KiB, the
/// main thread 8 MiB, a user's thread anything. ``TextNesting`` bounds the
/// depth; running on this thread makes that bound safe on any caller's thread.
/// The stack is address space only until touched, so reserving more than the
/// deepest parse needs costs nothing. A thread per parse is cheap next to
/// compiling the module.
enum ParserThread {
    /// Stack for the parser thread: 64 MiB, i.e. 64 KiB for each of the
    /// ``TextNesting/limit`` levels. A debug build needs more than 0.5 KiB per
    /// level (1,000 folded levels overflow a 512 KiB stack), so this leaves a
    /// wide margin for builds and parser versions that need more.
    static let stackSize = 64 << 20

    /// What the thread computes: the binary module or the parse error.
    typealias Outcome = Result<[UInt8], WasmError>

    /// Runs `body` on a fresh thread with a ``stackSize`` stack and returns its
    /// result; runs it on the calling thread if no thread can be created.
    static func run(_ body: @escaping @Sendable () -> Outcome) -> Outcome {
        let box = Box(body)
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, stackSize)
        let context = Unmanaged.passRetained(box).toOpaque()
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        let created = pthread_create(&thread, &attributes, { context in
            let box = Unmanaged<Box>.fromOpaque(context!).takeRetainedValue()
            box.result = box.body()
            return nil
        }, context)
        guard created == 0 else {
            Unmanaged<Box>.fromOpaque(context).release()
            return body()
        }
        #if canImport(Glibc)
        pthread_join(thread, nil)
        #else
        pthread_join(thread!, nil)
        #endif
        return box.result ?? .failure(.text("the parser thread produced no result"))
    }

    /// The work and its result, handed to the thread. Only one thread touches
    /// `result` at a time: the parser thread writes it, the caller reads it
    /// after `pthread_join`.
    private final class Box: @unchecked Sendable {
        let body: @Sendable () -> Outcome
        var result: Outcome?
        init(_ body: @escaping @Sendable () -> Outcome) { self.body = body }
    }
}
