/// An in-memory, seekable byte stream that can serve as a WASI program's
/// stdin, stdout or stderr, and that Swift code can use while the program runs.
///
/// A pipe behaves like a small file with one cursor shared by both sides
/// (the model of Wasmex's `Pipe`): ``write(_:)-([UInt8])`` stores bytes at the
/// cursor and moves it forward, ``read()`` returns everything from the cursor
/// to the end and moves the cursor there, ``seek(to:)`` moves the cursor.
/// So to feed stdin, write then `seek(to: 0)`; to collect stdout after a run,
/// `seek(to: 0)` then `read()`. All operations are thread-safe.
public final class Pipe: @unchecked Sendable {
    private let lock = WASILock()
    private var storage: [UInt8] = []
    private var cursor = 0

    /// Creates an empty pipe with its cursor at 0.
    public init() {}

    /// Creates a pipe holding `bytes`, cursor at 0 (ready to be read).
    public convenience init(_ bytes: [UInt8]) {
        self.init()
        storage = bytes
    }

    /// Creates a pipe holding the UTF-8 bytes of `text`, cursor at 0.
    public convenience init(_ text: String) {
        self.init(Array(text.utf8))
    }

    /// Writes `bytes` at the cursor (overwriting, then extending) and advances the cursor.
    public func write(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { write(UnsafeRawBufferPointer($0)) }
    }

    /// Writes the UTF-8 bytes of `text` at the cursor and advances the cursor.
    public func write(_ text: String) {
        write(Array(text.utf8))
    }

    /// Writes raw bytes at the cursor; the zero-copy path used by `fd_write`.
    /// Returns the number of bytes written (always `bytes.count`).
    @discardableResult
    public func write(_ bytes: UnsafeRawBufferPointer) -> Int {
        lock.withLock {
            let end = cursor + bytes.count
            if end > storage.count {
                storage.reserveCapacity(end)
                let overlap = storage.count - cursor
                if overlap > 0 {
                    storage.replaceSubrange(cursor..<storage.count, with: bytes)
                } else {
                    storage.append(contentsOf: bytes)
                }
            } else {
                storage.replaceSubrange(cursor..<end, with: bytes)
            }
            cursor = end
            return bytes.count
        }
    }

    /// Reads from the cursor to the end and moves the cursor to the end.
    public func read() -> [UInt8] {
        lock.withLock {
            let bytes = Array(storage[cursor...])
            cursor = storage.count
            return bytes
        }
    }

    /// Reads from the cursor to the end as UTF-8 text (invalid bytes become U+FFFD).
    public func readString() -> String {
        String(decoding: read(), as: UTF8.self)
    }

    /// Copies up to `target.count` bytes from the cursor into `target` and
    /// advances the cursor; returns the count copied (0 at the end).
    public func read(into target: UnsafeMutableRawBufferPointer) -> Int {
        lock.withLock {
            let count = min(target.count, storage.count - cursor)
            if count > 0 {
                storage.withUnsafeBytes { source in
                    target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[cursor..<(cursor + count)]))
                }
            }
            cursor += count
            return count
        }
    }

    /// Moves the cursor to `position` (clamped to `0...size`).
    public func seek(to position: Int) {
        lock.withLock { cursor = max(0, min(position, storage.count)) }
    }

    /// The number of bytes in the pipe.
    public var size: Int {
        lock.withLock { storage.count }
    }

    /// The cursor position.
    public var position: Int {
        lock.withLock { cursor }
    }

    /// The number of bytes between the cursor and the end.
    var available: Int {
        lock.withLock { storage.count - cursor }
    }
}
