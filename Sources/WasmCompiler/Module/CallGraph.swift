/// Which defined functions need an epoch check at entry.
///
/// Running forever takes a loop or a cycle of calls. Loop headers always
/// check, so at entry only functions on a call cycle need to: the strongly
/// connected components of the module's call graph that contain a cycle. The
/// graph is conservative about what it cannot see: a `call_indirect` may reach
/// any function that escapes (exported, the start function, in an element
/// segment or global initialiser, named by `ref.func`), and a call to an
/// import may come back into any escaping function through the host or
/// another module. So every cycle through other modules or the host passes an
/// escaping function with a checked entry, and a recursion that never loops
/// is still stopped by a timeout.
struct CallGraph {
    /// `needsEntryCheck[i]` for defined function `i` (not counting imports).
    let needsEntryCheck: [Bool]

    /// Builds the graph from the defined functions' shapes; `escaping` holds
    /// absolute indices, `importedFunctionCount` the number of imported functions.
    init(shapes: [FunctionShape], escaping: Set<Int>, importedFunctionCount: Int) {
        let count = shapes.count
        var escapingDefined: [Int] = []
        var escapes = Set(escaping)
        for shape in shapes { escapes.formUnion(shape.referencedFunctions) }
        for index in escapes.sorted() where index >= importedFunctionCount && index - importedFunctionCount < count {
            escapingDefined.append(index - importedFunctionCount)
        }
        // Every function that may reach any escaping function (through
        // `call_indirect` or an import) gets one edge to a virtual node that
        // has an edge to each escaping function, instead of an edge to each of
        // them: a cycle through the virtual node is exactly a cycle through
        // those edges, and the graph stays linear in the module's size (with
        // 20,000 exported functions that each call indirectly, direct edges
        // would number 400 million).
        let anyEscaping = count
        var edges: [[Int]] = Array(repeating: [], count: count + 1)
        edges[anyEscaping] = escapingDefined
        for (caller, shape) in shapes.enumerated() {
            var reachesEscaping = shape.callsIndirectly
            var targets: Set<Int> = []
            for callee in shape.directCallees {
                if callee < importedFunctionCount {
                    reachesEscaping = true
                } else if callee - importedFunctionCount < count {
                    targets.insert(callee - importedFunctionCount)
                }
            }
            if reachesEscaping && !escapingDefined.isEmpty { targets.insert(anyEscaping) }
            edges[caller] = targets.sorted()
        }
        needsEntryCheck = Array(CallGraph.onCycles(edges).prefix(count))
    }

    /// Marks the nodes that lie on a cycle (Tarjan's strongly connected
    /// components, iterative so deep graphs cannot overflow the stack).
    static func onCycles(_ edges: [[Int]]) -> [Bool] {
        let count = edges.count
        var index = Array(repeating: -1, count: count)
        var lowLink = Array(repeating: 0, count: count)
        var onStack = Array(repeating: false, count: count)
        var stack: [Int] = []
        var result = Array(repeating: false, count: count)
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
                let cyclic = component.count > 1 || edges[node].contains(node)
                if cyclic { for member in component { result[member] = true } }
            }
        }
        return result
    }
}
