import WasmFrontend

/// How deeply a function body nests `loop`s, for ``CompileLimits/loopDepth``.
///
/// Deep loop nests are what make LLVM's optimiser superlinear: every loop pass
/// walks a loop's whole nest, so n nested loops cost about n² (measured: 1,000
/// nested loops with back edges compile in about 1 s at O2, 3,000 in about
/// 8 s, while 100,000 nested blocks take about 1 s), and a few kilobytes of
/// Wasm can ask for minutes. Blocks and `if`s are not counted: they do not
/// become loops, and compilers emit deep block nests for large `switch`es.
enum LoopNesting {
    /// The deepest loop nesting in `body` (0 when it has no loop). One pass,
    /// heap-only state. A body that does not decode counts as far as it
    /// decodes: validation reports it.
    static func maxDepth(of body: FunctionBody, in bytes: [UInt8]) -> Int {
        var reader = InstructionReader(bytes: bytes, range: body.code)
        // One flag per open block, loop or if: is it a loop?
        var isLoop: [Bool] = []
        var depth = 0
        var deepest = 0
        while let instruction = try? reader.next() {
            switch instruction {
            case .block, .if, .tryTable, .try: isLoop.append(false)
            case .loop:
                isLoop.append(true)
                depth += 1
                deepest = Swift.max(deepest, depth)
            case .end, .delegate:
                // The function's own `end` finds the stack empty (`delegate` ends a legacy `try`).
                if let wasLoop = isLoop.popLast(), wasLoop { depth -= 1 }
            default: continue
            }
        }
        return deepest
    }
}
