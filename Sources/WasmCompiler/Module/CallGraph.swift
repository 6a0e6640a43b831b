/// Which defined functions need an epoch check at entry.
///
/// Loop headers always check, so what an entry check must bound is the work a
/// program does through calls alone, between one check and the next. Two
/// things make that unbounded: a cycle of calls (recursion, direct or
/// through tail calls), and fan-out — sixty functions that each call the next
/// twice make 2^60 calls without a loop or a cycle. So:
///
/// - every function on a cycle of direct calls checks at entry (the strongly
///   connected components of the direct-call graph that contain a cycle);
/// - every other function gets a *cost*: the bytes of code a call to it can
///   run before it returns or reaches a check — its own size plus, per call
///   site, the callee's cost (zero for a callee that checks at entry, since
///   its check comes first). Loops add nothing: each iteration checks. A
///   function whose cost exceeds ``costLimit`` checks at entry, and its cost
///   is zero for its callers. Callees come before callers (Tarjan's
///   algorithm emits components in that order), so one pass suffices;
/// - a call whose target this module cannot see — `call_indirect`,
///   `call_ref`, an import — may reach a function that escapes (exported, in
///   a table, named by `ref.func`) in this or another module, or a host
///   function that calls back into one. Escaping functions therefore check at
///   entry once their cost exceeds ``escapingCostLimit``, and such a call
///   site counts that much. A cycle through tables, references, imports or
///   the host passes through an escaping function entered from such a site:
///   its cost includes the site's, so it exceeds the limit and checks.
///
/// Between two checks a thread so runs a bounded amount of code whatever the
/// guest — its functions' own code and at most ``costLimit`` bytes per call
/// they make — and a call timeout or `interrupt()` stops it promptly. Hot
/// small functions (leaves, helpers that call leaves) still pay nothing at
/// entry. The analysis is linear in the
/// number of functions and call sites: an indirect call is a constant, not an
/// edge to every escaping function (20,000 exported functions that each call
/// indirectly would otherwise mean 400 million edges).
struct CallGraph {
    /// `needsEntryCheck[i]` for defined function `i` (not counting imports).
    let needsEntryCheck: [Bool]
    /// What a call to defined function `i` can run before a check or its
    /// return, in bytes of Wasm code: 0 for a function that checks at entry.
    let cost: [Int]

    /// The most code a function that does not check at entry may run, callees
    /// included, before it returns or reaches a check (about a millisecond).
    static let costLimit = 1 << 20
    /// The same for escaping functions, and what a call to an unseen target counts.
    static let escapingCostLimit = 1 << 14

    /// Builds the graph from the defined functions' shapes; `escaping` holds
    /// absolute indices, `importedFunctionCount` the number of imported functions.
    init(shapes: [FunctionShape], escaping: Set<Int>, importedFunctionCount: Int) {
        let count = shapes.count
        var escapes = escaping
        for shape in shapes { escapes.formUnion(shape.referencedFunctions) }
        let edges: [[Int]] = shapes.map { shape in
            shape.directCallees.compactMap { callee -> Int? in
                let defined = callee - importedFunctionCount
                return defined >= 0 && defined < count ? defined : nil
            }.sorted()
        }
        var checks = Array(repeating: false, count: count)
        var cost = Array(repeating: 0, count: count)
        for component in CallGraph.components(edges) {
            if Self.isCycle(component, edges) {
                for member in component { checks[member] = true }
                continue
            }
            let function = component[0]
            let shape = shapes[function]
            var total = shape.codeSize
            for (callee, sites) in shape.directCallSites {
                let defined = callee - importedFunctionCount
                let each = defined >= 0 && defined < count ? cost[defined] : Self.escapingCostLimit
                total = Self.add(total, Self.multiply(each, sites))
            }
            total = Self.add(total, Self.multiply(Self.escapingCostLimit, shape.indirectCallSites))
            let limit = escapes.contains(function + importedFunctionCount) ? Self.escapingCostLimit : Self.costLimit
            if total > limit { checks[function] = true } else { cost[function] = total }
        }
        needsEntryCheck = checks
        self.cost = cost
    }

    private static func add(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
    }

    private static func multiply(_ a: Int, _ b: Int) -> Int {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? Int.max : product
    }

    /// Marks the nodes that lie on a cycle.
    static func onCycles(_ edges: [[Int]]) -> [Bool] {
        var result = Array(repeating: false, count: edges.count)
        for component in components(edges) where isCycle(component, edges) {
            for member in component { result[member] = true }
        }
        return result
    }

    /// Whether a strongly connected component contains a cycle: more than one
    /// node, or one that calls itself.
    private static func isCycle(_ component: [Int], _ edges: [[Int]]) -> Bool {
        component.count > 1 || edges[component[0]].contains(component[0])
    }

    /// The strongly connected components, each callee's before its callers'
    /// (Tarjan's algorithm, iterative so deep graphs cannot overflow the stack).
    static func components(_ edges: [[Int]]) -> [[Int]] {
        let count = edges.count
        var index = Array(repeating: -1, count: count)
        var lowLink = Array(repeating: 0, count: count)
        var onStack = Array(repeating: false, count: count)
        var stack: [Int] = []
        var result: [[Int]] = []
        var nextIndex = 0
        for root in 0..<count where index[root] < 0 {
            // Each frame: a node and the position of the next edge to follow.
            var frames: [(node: Int, edge: Int)] = [(root, 0)]
            index[root] = nextIndex; lowLink[root] = nextIndex; nextIndex += 1
            stack.append(root); onStack[root] = true
            while let frame = frames.last {
                let node = frame.node
                if frame.edge < edges[node].count {
                    frames[frames.count - 1].edge += 1
                    let next = edges[node][frame.edge]
                    if index[next] < 0 {
                        index[next] = nextIndex; lowLink[next] = nextIndex; nextIndex += 1
                        stack.append(next); onStack[next] = true
                        frames.append((next, 0))
                    } else if onStack[next] {
                        lowLink[node] = min(lowLink[node], index[next])
                    }
                    continue
                }
                frames.removeLast()
                if let parent = frames.last?.node { lowLink[parent] = min(lowLink[parent], lowLink[node]) }
                guard lowLink[node] == index[node] else { continue }
                var component: [Int] = []
                while let member = stack.popLast() {
                    onStack[member] = false
                    component.append(member)
                    if member == node { break }
                }
                result.append(component)
            }
        }
        return result
    }
}
