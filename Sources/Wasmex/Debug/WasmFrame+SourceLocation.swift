extension WasmFrame {
    /// A position in the source a module was compiled from: the file, line and
    /// column that the module's own DWARF (`.debug_line` and friends in custom
    /// sections, as `clang -g` or `rustc -g` leave them) gives for a Wasm
    /// instruction. See ``WasmFrame/sourceLocation``. (Nested in `WasmFrame`, so
    /// that it never clashes with Swift Testing's `SourceLocation`.)
    public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
        /// The source file's path as the compiler recorded it: joined to the
        /// compilation directory when relative, so usually absolute.
        public let file: String
        /// The line, counting from 1.
        public let line: Int
        /// The column, counting from 1; nil when the compiler gave none.
        public let column: Int?

        /// Creates a source location.
        public init(file: String, line: Int, column: Int? = nil) {
            self.file = file
            self.line = line
            self.column = column
        }

        /// `file:line:column`, or `file:line` without a column (Wasmtime's layout).
        public var description: String {
            "\(file):\(line)" + (column.map { ":\($0)" } ?? "")
        }
    }
}
