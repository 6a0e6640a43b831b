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
        // Addresses advance in 64 bits; each must still be a 32-bit guest
        // address, and the memory accessors check where each item ends.
        var cursor = UInt64(bufferAt)
        for (index, string) in strings.enumerated() {
            guard let text = UInt32(exactly: cursor), let slot = UInt32(exactly: index) else { throw .fault }
            try memory.element(slot, of: pointersAt, stride: 4).storeU32(text, at: 0)
            try memory.copy(string, to: text)
            cursor += UInt64(string.count)
        }
    }
}
