import Foundation

/// What `Fixtures/gc/binary_trees.wasm` does, computed on the host: the
/// benchmark's allocation count, so Wasmtime (which reports no heap
/// statistics) gets an allocation rate as exact as Wasmex's.
///
/// `run(n)` builds and checks a stretch tree of depth n + 1, keeps a
/// long-lived tree of depth n, builds and checks 2^(n - d + 4) trees of depth d
/// for d = 4, 6, …, n, and finally checks the long-lived tree. Every node is
/// allocated once and counted once, so `run(n)` returns (modulo 2^32) exactly
/// the number of objects it allocated.
package enum BinaryTrees {
    /// The fixture, relative to the package root.
    package static let fixture = "Fixtures/gc/binary_trees.wasm"

    /// Bytes one node takes on Wasmex's heap: a 16-byte header and two references.
    package static let nodeBytes = 32

    /// The depths `run(n)` accepts here: the count must fit in 63 bits and
    /// runs past depth 24 would take hours.
    package static let depths = 1...24

    /// Nodes in a complete binary tree of depth `depth`: 2^(depth + 1) - 1.
    package static func nodes(depth: Int) -> Int { (1 << (depth + 1)) - 1 }

    /// Objects `run(n)` allocates (and counts).
    package static func allocations(depth n: Int) -> Int {
        var total = nodes(depth: n + 1) + nodes(depth: n)
        var depth = 4
        while depth <= n {
            total += (1 << (n - depth + 4)) * nodes(depth: depth)
            depth += 2
        }
        return total
    }

    /// What `run(n)` must return: ``allocations(depth:)`` as a wrapping i32.
    package static func expectedResult(depth n: Int) -> Int32 {
        Int32(truncatingIfNeeded: allocations(depth: n))
    }
}
