/// `args_*` and `environ_*`.
extension WASIEnvironment {
    func environmentFunctions() -> [WASIHostFunction] {
        let args = argumentBytes
        let environ = environmentBytes
        return [
            define("args_sizes_get", [.i32, .i32]) { memory, a throws(WASIErrno) in
                try Self.writeSizes(args, memory, countAt: a.u32(0), sizeAt: a.u32(1))
            },
            define("args_get", [.i32, .i32]) { memory, a throws(WASIErrno) in
                try Self.writeStrings(args, memory, pointersAt: a.u32(0), bufferAt: a.u32(1))
            },
            define("environ_sizes_get", [.i32, .i32]) { memory, a throws(WASIErrno) in
                try Self.writeSizes(environ, memory, countAt: a.u32(0), sizeAt: a.u32(1))
            },
            define("environ_get", [.i32, .i32]) { memory, a throws(WASIErrno) in
                try Self.writeStrings(environ, memory, pointersAt: a.u32(0), bufferAt: a.u32(1))
            },
        ]
    }

    private static func writeSizes(_ strings: [[UInt8]], _ memory: WASIGuestMemory,
                                   countAt: UInt32, sizeAt: UInt32) throws(WASIErrno) {
        let total = strings.reduce(0) { $0 + $1.count }
        guard total <= Int(UInt32.max) else { throw .overflow }
        try memory.storeU32(UInt32(strings.count), at: countAt)
        try memory.storeU32(UInt32(total), at: sizeAt)
    }

    private static func writeStrings(_ strings: [[UInt8]], _ memory: WASIGuestMemory,
                                     pointersAt: UInt32, bufferAt: UInt32) throws(WASIErrno) {
        var pointer = UInt64(pointersAt)
        var cursor = UInt64(bufferAt)
        for string in strings {
            guard pointer + 4 <= UInt64(UInt32.max), cursor + UInt64(string.count) <= UInt64(UInt32.max) else {
                throw .fault
            }
            try memory.storeU32(UInt32(cursor), at: UInt32(pointer))
            try memory.copy(string, to: UInt32(cursor))
            pointer += 4
            cursor += UInt64(string.count)
        }
    }
}
