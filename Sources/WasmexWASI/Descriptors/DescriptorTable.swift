/// The guest's descriptor numbers and what they refer to.
///
/// New descriptors take the lowest free number, as POSIX does.
struct DescriptorTable {
    private var slots: [Descriptor?] = []
    /// Upper bound on open descriptors, so a guest cannot exhaust host memory.
    static let limit = 16_384

    func get(_ fd: UInt32) throws(WASIErrno) -> Descriptor {
        guard Int(fd) < slots.count, let descriptor = slots[Int(fd)] else { throw .badf }
        return descriptor
    }

    mutating func update(_ fd: UInt32, _ body: (inout Descriptor) throws(WASIErrno) -> Void) throws(WASIErrno) {
        guard Int(fd) < slots.count, var descriptor = slots[Int(fd)] else { throw .badf }
        try body(&descriptor)
        slots[Int(fd)] = descriptor
    }

    mutating func insert(_ descriptor: Descriptor) throws(WASIErrno) -> UInt32 {
        if let free = slots.firstIndex(where: { $0 == nil }) {
            slots[free] = descriptor
            return UInt32(free)
        }
        guard slots.count < Self.limit else { throw .nfile }
        slots.append(descriptor)
        return UInt32(slots.count - 1)
    }

    mutating func remove(_ fd: UInt32) throws(WASIErrno) -> Descriptor {
        let descriptor = try get(fd)
        slots[Int(fd)] = nil
        while let last = slots.last, last == nil { slots.removeLast() }
        return descriptor
    }

    /// Moves `from` onto `to` (closing what `to` held); both must be open.
    mutating func renumber(_ from: UInt32, to: UInt32) throws(WASIErrno) {
        let descriptor = try get(from)
        _ = try get(to)
        if from == to { return }
        slots[Int(to)] = descriptor
        slots[Int(from)] = nil
        while let last = slots.last, last == nil { slots.removeLast() }
    }

    /// Removes every descriptor (closing owned host descriptors).
    mutating func removeAll() {
        slots.removeAll()
    }
}
