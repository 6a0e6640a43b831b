extension DWARFLineProgram {
    /// A line program's header: how to decode its opcodes, and its file table.
    struct Header {
        var version = 0
        var minimumInstructionLength: UInt64 = 1
        var lineBase: Int64 = 0
        var lineRange: UInt64 = 1
        var opcodeBase: UInt64 = 1
        /// ULEB128 operand counts of the standard opcodes 1..<opcodeBase.
        var operandCounts: [UInt64] = []
        var files = FileTable(version: 0)
        /// Where the program's opcodes start (a slice index).
        var program = 0

        /// Reads the header at the cursor (just after the unit length); the
        /// cursor's slice ends with the unit. Nil when it is damaged.
        static func read(_ start: DWARFCursor, format: DWARFFormat) -> Header? {
            var cursor = start
            var header = Header()
            guard let version = cursor.fixed(2), (2...5).contains(version) else { return nil }
            header.version = Int(version)
            var addressSize = 4
            if version >= 5 {
                guard let size = cursor.fixed(1), cursor.fixed(1) != nil else { return nil }  // + segment selector size
                addressSize = Int(size)
            }
            guard let headerLength = cursor.offset(format),
                  headerLength <= UInt64(cursor.bytes.endIndex - cursor.position) else { return nil }
            header.program = cursor.position + Int(headerLength)
            cursor = DWARFCursor(bytes: cursor.bytes[..<header.program], position: cursor.position)
            guard let minimumLength = cursor.fixed(1) else { return nil }
            header.minimumInstructionLength = minimumLength
            if version >= 4 { guard cursor.fixed(1) != nil else { return nil } }  // maximum operations per instruction
            guard cursor.fixed(1) != nil, let base = cursor.fixed(1), let range = cursor.fixed(1), range > 0,
                  let opcodeBase = cursor.fixed(1), opcodeBase > 0 else { return nil }
            header.lineBase = Int64(Int8(bitPattern: UInt8(base)))
            header.lineRange = range
            header.opcodeBase = opcodeBase
            for _ in 1..<Int(opcodeBase) {
                guard let count = cursor.fixed(1) else { return nil }
                header.operandCounts.append(count)
            }
            // A damaged file table leaves the rows usable, only without paths.
            let context = DWARFForm.Context(format: format, addressSize: addressSize, version: Int(version),
                                            inLineSection: true)
            header.files = (version >= 5 ? FileTable.readVersion5(&cursor, context)
                                         : FileTable.readVersion4(&cursor)) ?? FileTable(version: Int(version))
            return header
        }
    }

    /// The directories and files a unit's `DW_LNS_set_file` indices name.
    /// Indices are as the program uses them: from DWARF 5 on file 0 is the
    /// primary source and directory 0 the compilation directory; before,
    /// both count from 1 and directory 0 is the compilation directory
    /// (stored here as a nil entry 0, as is the missing file 0).
    package struct FileTable: Sendable {
        package struct File: Sendable {
            package var name: DWARFString?
            package var directory: UInt64
        }

        package let version: Int
        package var directories: [DWARFString?] = []
        package var files: [File] = []

        init(version: Int) {
            self.version = version
        }

        /// The path of file `index`: its name if absolute, else joined to its
        /// directory, itself joined to `compilationDirectory` if relative.
        package func path(ofFile index: UInt32, compilationDirectory: String?, sections: DWARFSections) -> String? {
            guard Int(index) < files.count, let nameString = files[Int(index)].name,
                  let name = sections.text(nameString) else { return nil }
            if Self.isAbsolute(name) { return name }
            let entry = files[Int(index)].directory
            var directory: String? = nil
            if entry < UInt64(directories.count), let string = directories[Int(entry)] {
                directory = sections.text(string)
            }
            if let relative = directory, !Self.isAbsolute(relative), let base = compilationDirectory, !base.isEmpty {
                directory = relative.isEmpty ? base : Self.join(base, relative)
            } else if directory == nil {
                directory = compilationDirectory
            }
            guard let directory, !directory.isEmpty else { return name }
            return Self.join(directory, name)
        }

        private static func join(_ directory: String, _ name: String) -> String {
            directory.hasSuffix("/") ? directory + name : directory + "/" + name
        }

        private static func isAbsolute(_ path: String) -> Bool {
            let bytes = Array(path.utf8.prefix(3))
            if bytes.first == UInt8(ascii: "/") || bytes.first == UInt8(ascii: "\\") { return true }
            // A Windows drive (`C:\`, `C:/`).
            return bytes.count == 3 && bytes[1] == UInt8(ascii: ":")
                && (bytes[2] == UInt8(ascii: "\\") || bytes[2] == UInt8(ascii: "/"))
        }

        /// DWARF 2–4: `include_directories` then `file_names`, each list
        /// ended by an empty string.
        static func readVersion4(_ cursor: inout DWARFCursor) -> FileTable? {
            var table = FileTable(version: 4)
            table.directories = [nil]
            while true {
                guard let range = cursor.cString() else { return nil }
                if range.isEmpty { break }
                table.directories.append(.inLine(range.lowerBound))
            }
            table.files = [File(name: nil, directory: 0)]
            while true {
                guard let range = cursor.cString() else { return nil }
                if range.isEmpty { break }
                guard let directory = cursor.uleb(), cursor.uleb() != nil, cursor.uleb() != nil else { return nil }
                table.files.append(File(name: .inLine(range.lowerBound), directory: directory))
            }
            return table
        }

        /// DWARF 5: entry formats, then entries, for directories and files.
        static func readVersion5(_ cursor: inout DWARFCursor, _ context: DWARFForm.Context) -> FileTable? {
            var table = FileTable(version: 5)
            guard let directories = readEntries(&cursor, context) else { return nil }
            table.directories = directories.map(\.name)
            guard let files = readEntries(&cursor, context) else { return nil }
            table.files = files
            return table
        }

        /// One entry list: its format (content type, form pairs), a count
        /// and the entries. `DW_LNCT_path` (1) is the name,
        /// `DW_LNCT_directory_index` (2) the directory; the rest is skipped.
        private static func readEntries(_ cursor: inout DWARFCursor, _ context: DWARFForm.Context) -> [File]? {
            guard let formatCount = cursor.fixed(1) else { return nil }
            var formats: [(type: UInt64, form: UInt64)] = []
            for _ in 0..<formatCount {
                guard let type = cursor.uleb(), let form = cursor.uleb() else { return nil }
                formats.append((type, form))
            }
            guard let count = cursor.uleb() else { return nil }
            // Every entry takes at least one byte, so the count is bounded by what is left.
            guard count <= UInt64(cursor.bytes.endIndex - cursor.position) else { return nil }
            var entries: [File] = []
            for _ in 0..<count {
                let before = cursor.position
                var entry = File(name: nil, directory: 0)
                for (type, form) in formats {
                    guard let value = DWARFForm.read(form, &cursor, context) else { return nil }
                    switch (type, value) {
                    case (1, .string(let string)): entry.name = string
                    case (2, let value): entry.directory = value.number ?? 0
                    default: break
                    }
                }
                guard cursor.position > before else { return nil }
                entries.append(entry)
            }
            return entries
        }
    }
}
