import CWasmexRuntime
import WasmCompiler
import WasmFrontend

/// The runtime types (`wasmex_rtt`) of an engine's struct and array types, one
/// per canonical type id, made on first use and kept for the engine's life:
/// objects of a type may outlive the module that declared it, and equal types
/// of different modules share one runtime type. The display (canonical ids of
/// the supertype chain, root first) makes a cast to a concrete type one
/// bounds check and one load (see `GCCasts.swift`).
final class RuntimeTypeRegistry: @unchecked Sendable {
    private let lock = Lock()
    private var types: [UInt32: UnsafeMutablePointer<wasmex_rtt>] = [:]
    /// What the fields (or the array element) of each type hold, for host reads.
    private var fieldKinds: [UInt32: [FieldSlot]] = [:]

    deinit {
        for rtt in types.values {
            rtt.pointee.display.map { UnsafeMutablePointer(mutating: $0).deallocate() }
            rtt.pointee.ref_offsets.map { UnsafeMutablePointer(mutating: $0).deallocate() }
            rtt.deallocate()
        }
    }

    /// The fields of struct type `id`, or the one element of array type `id`.
    func fields(of id: UInt32) -> [FieldSlot] { lock.withLock { fieldKinds[id] ?? [] } }

    /// Whether canonical type `id` is a struct or array type with a runtime type.
    func isAggregate(_ id: UInt32) -> Bool { lock.withLock { types[id] != nil } }

    /// The runtime type of each of `module`'s types (nil for function types);
    /// `ids` are the module's engine-wide canonical type ids.
    func runtimeTypes(of module: WasmModule, ids: [UInt32]) -> [UnsafePointer<wasmex_rtt>?] {
        guard (0..<module.types.count).contains(where: { module.typeDeclaration(at: $0).composite.isAggregate }) else {
            return Array(repeating: nil, count: module.types.count)
        }
        let info = GCTypeInfo(module: module)
        return lock.withLock {
            var displays: [[UInt32]] = []
            var result: [UnsafePointer<wasmex_rtt>?] = []
            for index in 0..<module.types.count {
                let declaration = module.typeDeclaration(at: index)
                let parent = declaration.supertype.map(Int.init).flatMap { $0 < displays.count ? displays[$0] : nil } ?? []
                displays.append(parent + [ids[index]])
                switch declaration.composite {
                case .function:
                    result.append(nil)
                case .struct(let fields):
                    let layout = info.layouts[index]!
                    fieldKinds[ids[index]] = zip(fields, layout.offsets).map {
                        FieldSlot(kind: FieldSlot.Kind($0.storage, info.subtyping), offset: Int($1))
                    }
                    result.append(UnsafePointer(make(id: ids[index], kind: WASMEX_GC_KIND_STRUCT, display: displays[index],
                                                     size: layout.size, references: layout.referenceOffsets)))
                case .array(let element):
                    fieldKinds[ids[index]] = [FieldSlot(kind: FieldSlot.Kind(element.storage, info.subtyping), offset: 0)]
                    let isReference = element.storage.unpacked.isReference
                    result.append(UnsafePointer(make(id: ids[index], kind: WASMEX_GC_KIND_ARRAY, display: displays[index],
                                                     size: UInt32(element.storage.byteSize),
                                                     references: isReference ? [0] : [])))
                }
            }
            return result
        }
    }

    private func make(id: UInt32, kind: UInt32, display: [UInt32], size: UInt32,
                      references: [UInt32]) -> UnsafeMutablePointer<wasmex_rtt> {
        if let existing = types[id] { return existing }
        let displayBuffer = UnsafeMutablePointer<UInt32>.allocate(capacity: display.count)
        displayBuffer.initialize(from: display, count: display.count)
        let offsets = UnsafeMutablePointer<UInt32>.allocate(capacity: max(references.count, 1))
        offsets.initialize(repeating: 0, count: max(references.count, 1))
        for (i, offset) in references.enumerated() { offsets[i] = offset }
        let rtt = UnsafeMutablePointer<wasmex_rtt>.allocate(capacity: 1)
        rtt.initialize(to: wasmex_rtt(kind: kind, type_id: id, depth: UInt32(display.count - 1), size: size,
                                      display: displayBuffer, ref_count: UInt32(references.count), reserved: 0,
                                      ref_offsets: offsets))
        types[id] = rtt
        return rtt
    }
}

/// Where a field sits in an object (payload offset; for arrays, element 0) and what it holds.
struct FieldSlot: Sendable {
    enum Kind: Sendable {
        case i8, i16, i32, i64, f32, f64, v128
        /// A reference of the function, exception, or any/extern hierarchy.
        case function, exception, any, extern

        init(_ storage: StorageType, _ subtyping: Subtyping) {
            switch storage {
            case .i8: self = .i8
            case .i16: self = .i16
            case .value(.i32): self = .i32
            case .value(.i64): self = .i64
            case .value(.f32): self = .f32
            case .value(.f64): self = .f64
            case .value(.v128): self = .v128
            case .value(.ref(let r)):
                switch subtyping.top(of: r.heapType) {
                case .func: self = .function
                case .exn: self = .exception
                case .extern: self = .extern
                default: self = .any
                }
            }
        }

        var byteSize: Int {
            switch self {
            case .i8: 1
            case .i16: 2
            case .i32, .f32: 4
            case .v128: 16
            default: 8
            }
        }
    }

    var kind: Kind
    var offset: Int
}
