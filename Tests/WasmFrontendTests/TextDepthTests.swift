import Foundation
import Testing
@testable import WasmFrontend

/// Hostile nesting: deep text is refused before the recursive text parser
/// sees it, and deep binary nesting is handled by the iterative decoder and
/// validator (no host stack overflow either way, within bounded time).
struct TextDepthTests {
    /// `(module (func <n nested folded blocks>))`.
    static func foldedBlocks(_ n: Int) -> String {
        "(module (func " + String(repeating: "(block ", count: n) + String(repeating: ")", count: n) + "))"
    }

    /// `(module (func block block … end end …))` in flat syntax.
    static func flatBlocks(_ n: Int) -> String {
        "(module (func\n" + String(repeating: "block\n", count: n) + String(repeating: "end\n", count: n) + "))"
    }

    static func expectNestingError(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let started = ContinuousClock.now
        do {
            _ = try WasmModule.parse(Array(text.utf8))
            Issue.record("deep nesting was accepted", sourceLocation: sourceLocation)
        } catch {
            guard case .text(let message) = error else {
                Issue.record("expected a text error, got \(error)", sourceLocation: sourceLocation)
                return
            }
            #expect(message.contains("nesting too deep"), sourceLocation: sourceLocation)
            #expect(message.contains("\(TextNesting.limit)"), "the message names the limit", sourceLocation: sourceLocation)
            #expect(error.description.hasPrefix("cannot parse WebAssembly text: nesting too deep"),
                    sourceLocation: sourceLocation)
        }
        #expect(ContinuousClock.now - started < .seconds(5), sourceLocation: sourceLocation)
    }

    @Test func hundredThousandFoldedBlocksAreRefused() {
        Self.expectNestingError(Self.foldedBlocks(100_000))
    }

    @Test func hundredThousandFlatBlocksAreRefused() {
        Self.expectNestingError(Self.flatBlocks(100_000))
    }

    @Test func mixedNestingCountsBothKinds() {
        // 600 parentheses around 600 flat blocks: neither alone is past the limit.
        let text = "(module (func " + String(repeating: "(block ", count: 600) + String(repeating: "loop\n", count: 600)
            + String(repeating: "end\n", count: 600) + String(repeating: ")", count: 600) + "))"
        Self.expectNestingError(text)
        #expect(TextNesting.firstLineDeeper(than: TextNesting.limit, in: text) == 1 + 1000 - 602)
    }

    /// Just below the limit the text parses, on the test's own (secondary)
    /// thread: the limit leaves the parser enough stack.
    @Test func nestingUpToTheLimitParses() throws {
        let folded = try WasmModule.parse(Array(Self.foldedBlocks(TextNesting.limit - 2).utf8))
        #expect(folded.bodies.count == 1)
        let flat = try WasmModule.parse(Array(Self.flatBlocks(TextNesting.limit - 2).utf8))
        #expect(flat.bodies.count == 1)
    }

    /// The limit is chosen so the parser fits a 512 KiB thread stack (the
    /// smallest a host is likely to parse on) in a debug build. Run in a child
    /// process: if it did not fit, the child would die of the overflow.
    @Test func foldedNestingAtTheLimitFitsASmallThreadStack() async {
        await #expect(processExitsWith: .success) {
            TextDepthTests.parseOnSmallThreadAndExit(TextDepthTests.foldedBlocks(TextNesting.limit - 2))
        }
    }

    @Test func flatNestingAtTheLimitFitsASmallThreadStack() async {
        await #expect(processExitsWith: .success) {
            TextDepthTests.parseOnSmallThreadAndExit(TextDepthTests.flatBlocks(TextNesting.limit - 2))
        }
    }

    /// Parses `text` on a thread with a 512 KiB stack and exits the process:
    /// status 0 when it parsed, 1 when it was refused.
    static func parseOnSmallThreadAndExit(_ text: String) -> Never {
        let thread = Thread {
            let module = try? WasmModule.parse(Array(text.utf8))
            exit(module?.bodies.count == 1 ? 0 : 1)
        }
        thread.stackSize = 512 * 1024
        thread.start()
        while true { sleep(1) }
    }

    @Test func parenthesesInStringsAndCommentsDoNotCount() throws {
        let many = String(repeating: "(", count: 5_000)
        let text = """
        (module
          ;; \(many)
          (; \(many) (; nested ;) \(many) ;)
          (memory 1)
          (data (i32.const 0) "\(many) \\" \(many)")
          (func (export "f") (result i32) block (result i32) i32.const 7 end))
        """
        let module = try WasmModule.parse(Array(text.utf8))
        #expect(module.data.count == 1)
        #expect(module.data[0].bytes.count == 10_003)
    }

    /// A carriage return ends a line comment (for the lexer too), so deep
    /// nesting after `;; …\r` on the same line is still counted.
    @Test func carriageReturnEndsALineComment() {
        Self.expectNestingError(";; comment\r" + Self.foldedBlocks(5_000))
    }

    @Test func foldedKeywordsAreNotCountedTwice() {
        // `(block …)` is one level (its parenthesis), whatever the spacing.
        let text = "(module (func " + String(repeating: "( block ", count: 900) + String(repeating: ")", count: 900) + "))"
        #expect(TextNesting.firstLineDeeper(than: TextNesting.limit, in: text) == nil)
    }

    /// The binary decoder and validator keep their control stacks on the
    /// heap: 100,000 nested blocks validate without touching the host stack.
    @Test func hundredThousandNestedBinaryBlocksValidate() throws {
        let depth = 100_000
        let code = Array(repeating: [0x02, 0x40], count: depth).flatMap { $0 }
            + [UInt8](repeating: 0x0B, count: depth) + [0x0B]
        let bytes = ModuleBytes.function(code: code)
        let started = ContinuousClock.now
        let module = try WasmModule.parse(bytes)
        #expect(module.bodies.count == 1)
        #expect(ContinuousClock.now - started < .seconds(5))
    }
}
