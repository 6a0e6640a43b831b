import CWasmexRuntime
import WasmCompiler
import WasmFrontend

/// GC operators in constant expressions (global initialisers, element items,
/// table initialisers): objects are made by the host side of the collector,
/// which never collects, and filled at the offsets the code generator uses.
extension InstanceData {
    func evaluate(_ op: GCInstruction, _ operands: [Value], store: Store) throws(WasmexError) -> Value {
        let wasm = module.wasm
        switch op {
        case .refI31:
            guard case .i32(let value) = operands.first else { throw badOperands(op) }
            return .anyRef(.i31(value))
        case .anyConvertExtern:
            switch operands.first {
            case .externRef(nil)?: return .anyRef(nil)
            case .externRef(let reference?)?: return .anyRef(reference.anyRef ?? AnyRef(host: reference))
            default: throw badOperands(op)
            }
        case .externConvertAny:
            switch operands.first {
            case .anyRef(let reference)?: return .externRef(reference.map { ExternRef($0) })
            case .funcRef(nil)?: return .externRef(nil)
            default: throw badOperands(op)
            }
        case .structNew(let x), .structNewDefault(let x):
            let object = try allocate(x, count: 0, store: store)
            guard case .struct(let fields) = wasm.typeDeclaration(at: Int(x)).composite else { throw badOperands(op) }
            let layout = GCStructLayout(fields)
            for (i, value) in operands.enumerated() where i < fields.count {
                try write(value, as: fields[i].storage, to: object + 16 + Int(layout.offsets[i]), store: store)
            }
            return .anyRef(AnyRef(bits: UInt64(UInt(bitPattern: object)), store: store))
        case .arrayNew(let x), .arrayNewDefault(let x), .arrayNewFixed(let x, _):
            guard case .array(let element) = wasm.typeDeclaration(at: Int(x)).composite else { throw badOperands(op) }
            // `array.new v n`: n copies of v; `array.new_default n`: n zeros (the
            // allocation's own); `array.new_fixed`: the operands.
            let count: UInt32
            let elementAt: (Int) -> Value?
            switch op {
            case .arrayNew:
                guard operands.count == 2, case .i32(let n) = operands[1] else { throw badOperands(op) }
                count = UInt32(bitPattern: n)
                elementAt = { _ in nil }  // filled below
            case .arrayNewDefault:
                guard case .i32(let n) = operands.first else { throw badOperands(op) }
                count = UInt32(bitPattern: n)
                elementAt = { _ in nil }
            default:
                count = UInt32(operands.count)
                elementAt = { operands[$0] }
            }
            // Allocate first: an absurd length fails here, before any element is made.
            let object = try allocate(x, count: count, store: store)
            let size = element.storage.byteSize
            if case .arrayNew = op, count > 0 {
                // One element written, then copied onto the rest in doubling runs.
                try write(operands[0], as: element.storage, to: object + 16, store: store)
                let total = Int(count) * size
                var filled = size
                while filled < total {
                    let run = min(filled, total - filled)
                    (object + 16 + filled).copyMemory(from: object + 16, byteCount: run)
                    filled += run
                }
            } else {
                for i in 0..<Int(count) {
                    guard let value = elementAt(i) else { break }
                    try write(value, as: element.storage, to: object + 16 + i * size, store: store)
                }
            }
            return .anyRef(AnyRef(bits: UInt64(UInt(bitPattern: object)), store: store))
        default:
            throw WasmexError.invalidOperation("\(op) is not a constant operator")
        }
    }

    private func allocate(_ type: UInt32, count: UInt32, store: Store) throws(WasmexError) -> UnsafeMutableRawPointer {
        guard Int(type) < module.runtimeTypes.count, let rtt = UnsafePointer<wasmex_rtt>(bitPattern: module.runtimeTypes[Int(type)]) else {
            throw WasmexError.invalidOperation("type \(type) is not a struct or array type")
        }
        guard let object = wasmex_gc_alloc_host(store.state, rtt, count) else {
            throw WasmexError.trap(Trap(.allocationFailure))
        }
        return object
    }

    /// Stores `value` into a field or element of `storage` type at `address`.
    private func write(_ value: Value, as storage: StorageType, to address: UnsafeMutableRawPointer,
                       store: Store) throws(WasmexError) {
        let word = try ValueSlots.word(of: value, store: store)
        switch storage {
        case .i8: address.storeBytes(of: UInt8(truncatingIfNeeded: word), as: UInt8.self)
        case .i16: address.storeBytes(of: UInt16(truncatingIfNeeded: word), as: UInt16.self)
        case .value(let type):
            switch type {
            case .i32, .f32: address.storeBytes(of: UInt32(truncatingIfNeeded: word), as: UInt32.self)
            case .v128:
                guard case .v128(let vector) = value else { throw WasmexError.invalidOperation("v128 field without a vector") }
                address.storeBytes(of: vector.lo, as: UInt64.self)
                (address + 8).storeBytes(of: vector.hi, as: UInt64.self)
            default: address.storeBytes(of: word, as: UInt64.self)
            }
        }
    }

    private func badOperands(_ op: GCInstruction) -> WasmexError {
        .invalidOperation("\(op) in a constant expression has operands of the wrong type")
    }
}
