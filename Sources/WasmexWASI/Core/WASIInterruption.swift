/// How an engine lets a blocking WASI call end early: the call asks
/// ``isRequested`` between short waits (see ``PollWait``), and when the
/// answer is yes it stops waiting and fails.
///
/// The engine puts one on the ``WASIGuestMemory`` of each call (the state of
/// one host call); without one, blocking calls wait as long as the guest
/// asked. When the request was seen, the call does not return an errno to
/// the guest: it throws ``WASIInterrupted`` so that the engine can end the
/// whole Wasm call the way it ends interrupted Wasm code.
package final class WASIInterruption {
    private let check: () -> Bool
    /// Whether a blocking call saw the request during this host call.
    package private(set) var fired = false

    /// `check` answers "should the current call stop now?"; it is called
    /// from the thread running the host call, every few milliseconds while
    /// that call blocks.
    package init(_ check: @escaping () -> Bool) {
        self.check = check
    }

    /// Asks the engine; remembers a yes.
    var isRequested: Bool {
        if !fired && check() { fired = true }
        return fired
    }
}

/// Thrown by a WASI host function whose blocking wait was cut short by a
/// ``WASIInterruption`` (the engine turns it into its "interrupted" trap).
package struct WASIInterrupted: Error, Sendable, Equatable, CustomStringConvertible {
    package init() {}
    package var description: String { "a blocking WASI call was interrupted" }
}
