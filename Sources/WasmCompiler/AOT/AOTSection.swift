import CLLVM
import WasmFrontend

/// Puts AOT metadata into an object as the `.wasmex.meta` section (a constant
/// global with a section attribute, added to the IR before emission) and finds
/// it again in object bytes.
enum AOTSection {
    /// The section name.
    static let name = ".wasmex.meta"
    /// The symbol of the global holding the section.
    static let symbol = "wasmex_aot_meta"

    /// Adds `contents` to `ir` as the metadata section, and gives each function
    /// of `escaping` that has a name-section name a second, readable symbol
    /// (`wasm_f3_fact`, an alias) so `nm`/`objdump` show Wasm names.
    static func embed(_ contents: [UInt8], in ir: IRModule, naming escaping: [Int], of wasm: WasmModule) {
        for index in escaping {
            guard let name = wasm.names.functionNames[UInt32(index)],
                  let function = LLVMGetNamedFunction(ir.module, SymbolNames.function(index)) else { continue }
            let alias = SymbolNames.internalFunction(index, debugName: name)
            guard alias != SymbolNames.function(index), LLVMGetNamedGlobalAlias(ir.module, alias, alias.utf8.count) == nil,
                  LLVMGetNamedFunction(ir.module, alias) == nil else { continue }
            _ = LLVMAddAlias2(ir.module, LLVMGlobalGetValueType(function), 0, function, alias)
        }
        let byte = LLVMInt8TypeInContext(ir.context)
        let type = LLVMArrayType2(byte, UInt64(contents.count))
        let global = LLVMAddGlobal(ir.module, type, symbol)
        let initializer = contents.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                LLVMConstStringInContext2(ir.context, $0.baseAddress, $0.count, 1)
            }
        }
        LLVMSetInitializer(global, initializer)
        LLVMSetGlobalConstant(global, 1)
        LLVMSetSection(global, name)
        LLVMSetAlignment(global, 1)
        LLVMSetLinkage(global, LLVMExternalLinkage)
    }

    /// The contents of the metadata section of `object`, an ELF64
    /// little-endian relocatable file. Every header read is bounds-checked,
    /// and every section must lie inside the file (so a truncated object is
    /// refused here rather than handed to the linker).
    static func find(in object: UnsafeRawBufferPointer) throws(AOTError) -> UnsafeRawBufferPointer {
        let elf = ELFView(object)
        guard object.count >= 64, elf.u32(0) == 0x464C_457F else { throw AOTError.notAnObject("no ELF header") }
        guard elf.u8(4) == 2, elf.u8(5) == 1 else { throw AOTError.notAnObject("not a 64-bit little-endian ELF file") }
        guard elf.u16(16) == 1 else { throw AOTError.notAnObject("not a relocatable object") }
        let tableOffset = elf.u64(0x28)
        let entrySize = Int(elf.u16(0x3A))
        let count = Int(elf.u16(0x3C))
        let namesIndex = Int(elf.u16(0x3E))
        guard entrySize == 64, count > 0, namesIndex < count,
              tableOffset <= UInt64(object.count), UInt64(count * 64) <= UInt64(object.count) - tableOffset
        else { throw AOTError.notAnObject("section header table is truncated or malformed") }
        let table = Int(tableOffset)
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(count)
        for index in 0..<count {
            let header = table + index * 64
            let type = elf.u32(header + 4)
            let offset = elf.u64(header + 0x18), size = elf.u64(header + 0x20)
            if type == 8 /* SHT_NOBITS */ || type == 0 { ranges.append(0..<0); continue }
            guard offset <= UInt64(object.count), size <= UInt64(object.count) - offset else {
                throw AOTError.notAnObject("section \(index) lies outside the file (truncated?)")
            }
            ranges.append(Int(offset)..<Int(offset + size))
        }
        let names = ranges[namesIndex]
        let wanted = Array(name.utf8)
        for index in 0..<count {
            let nameOffset = Int(elf.u32(table + index * 64))
            guard nameOffset < names.count else { continue }
            let start = names.lowerBound + nameOffset
            guard start + wanted.count < names.upperBound, object[start + wanted.count] == 0 else { continue }
            if object[start..<(start + wanted.count)].elementsEqual(wanted) {
                return UnsafeRawBufferPointer(rebasing: object[ranges[index]])
            }
        }
        throw AOTError.missingMetadata
    }
}

/// Little-endian field reads at offsets already checked by the caller.
private struct ELFView {
    let bytes: UnsafeRawBufferPointer
    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    func u8(_ offset: Int) -> UInt8 { offset < bytes.count ? bytes[offset] : 0 }
    func u16(_ offset: Int) -> UInt16 { UInt16(u8(offset)) | UInt16(u8(offset + 1)) << 8 }
    func u32(_ offset: Int) -> UInt32 { UInt32(u16(offset)) | UInt32(u16(offset + 2)) << 16 }
    func u64(_ offset: Int) -> UInt64 { UInt64(u32(offset)) | UInt64(u32(offset + 4)) << 32 }
}
