import WasmFrontend

/// The human-readable summary `wasmex inspect` prints for a module.
struct ModuleDescription {
    let module: WasmModule
    let fileName: String

    var lines: [String] {
        var out: [String] = []
        out.append("module: \(module.names.moduleName ?? "(unnamed)")  [\(fileName)]")
        out.append(contentsOf: importLines)
        out.append(contentsOf: exportLines)
        out.append(contentsOf: memoryLines)
        out.append(contentsOf: tableLines)
        out.append(contentsOf: globalLines)
        out.append(contentsOf: tagLines)
        out.append("functions: \(module.functionCount) (imported \(module.importedFunctionCount), defined \(module.functions.count))")
        out.append("types: \(module.types.count)")
        out.append(contentsOf: aggregateTypeLines)
        out.append("start: " + (module.start.map { functionName($0) } ?? "none"))
        out.append("data segments: \(module.data.count)")
        out.append("element segments: \(module.elements.count)")
        out.append(contentsOf: customSectionLines)
        return out
    }

    // MARK: - Sections

    private var importLines: [String] {
        var out = ["imports (\(module.imports.count)):"]
        for entry in module.imports {
            out.append("  \(entry.module).\(entry.name): \(describe(entry.descriptor))")
        }
        return out
    }

    private var exportLines: [String] {
        var out = ["exports (\(module.exports.count)):"]
        for export in module.exports {
            out.append("  \(export.name): \(describe(export))")
        }
        return out
    }

    private var memoryLines: [String] {
        var out = ["memories (\(module.memoryCount)):"]
        for (index, type) in (module.importedMemories + module.memories).enumerated() {
            out.append("  \(index): \(describe(type))\(index < module.importedMemoryCount ? " (imported)" : "")")
        }
        return out
    }

    private var tableLines: [String] {
        var out = ["tables (\(module.tableCount)):"]
        for (index, type) in (module.importedTables + module.tables).enumerated() {
            out.append("  \(index): \(describe(type))\(index < module.importedTableCount ? " (imported)" : "")")
        }
        return out
    }

    private var globalLines: [String] {
        let importedGlobals = module.importedGlobals
        var out = ["globals (\(module.globalCount)):"]
        for (index, type) in importedGlobals.enumerated() {
            out.append("  \(index): \(describe(type)) (imported)")
        }
        for (offset, global) in module.globals.enumerated() {
            out.append("  \(importedGlobals.count + offset): \(describe(global.type)) = \(describe(global.initializer))")
        }
        return out
    }

    private var tagLines: [String] {
        var out = ["tags (\(module.tagCount)):"]
        for index in 0..<module.tagCount {
            let imported = index < module.importedTagCount ? " (imported)" : ""
            out.append("  \(index): \(describeTag(UInt32(index)))\(imported)")
        }
        return out
    }

    private var customSectionLines: [String] {
        var out = ["custom sections (\(module.customSections.count)):"]
        for section in module.customSections {
            out.append("  \(section.name): \(section.payload.count) bytes")
        }
        return out
    }

    // MARK: - Formatting

    private func functionName(_ index: UInt32) -> String {
        if let name = module.names.functionNames[index] { return "func \(index) \"\(name)\"" }
        return "func \(index)"
    }

    /// The struct and array types (WebAssembly GC), one per line: `$1: array (mut i8)`.
    private var aggregateTypeLines: [String] {
        (0..<module.types.count).compactMap { index in
            switch module.typeDeclaration(at: index).composite {
            case .function: nil
            case .struct(let fields): "  $\(index): struct (\(fields.map(\.description).joined(separator: " ")))"
            case .array(let element): "  $\(index): array \(element)"
            }
        }
    }

    private func describe(_ descriptor: ImportDescriptor) -> String {
        switch descriptor {
        case .function(let typeIndex):
            let type = Int(typeIndex) < module.types.count ? module.types[Int(typeIndex)].description : "type \(typeIndex)?"
            return "func \(type)"
        case .table(let type): return "table \(describe(type))"
        case .memory(let type): return "memory \(describe(type))"
        case .global(let type): return "global \(describe(type))"
        case .tag(let typeIndex):
            let parameters = Int(typeIndex) < module.types.count ? module.types[Int(typeIndex)].parameters : nil
            return "tag " + (parameters.map(describe(tagParameters:)) ?? "type \(typeIndex)?")
        }
    }

    private func describe(_ export: Export) -> String {
        switch export.kind {
        case .function:
            let type = module.functionType(ofFunction: export.index).map(\.description) ?? "?"
            return "\(functionName(export.index)) \(type)"
        case .table:
            return "table \(export.index) \(module.tableType(at: export.index).map(describe) ?? "?")"
        case .memory:
            return "memory \(export.index) \(module.memoryType(at: export.index).map(describe) ?? "?")"
        case .global:
            return "global \(export.index) \(module.globalType(at: export.index).map(describe) ?? "?")"
        case .tag:
            return "tag \(export.index) \(describeTag(export.index))"
        }
    }

    /// A tag's payload types, e.g. `[i32 f64]`.
    private func describe(tagParameters parameters: [ValueType]) -> String {
        "[\(parameters.map(\.description).joined(separator: " "))]"
    }

    private func describeTag(_ index: UInt32) -> String {
        module.tagParameters(at: index).map(describe(tagParameters:)) ?? "?"
    }

    private func describe(_ limits: Limits) -> String {
        "\(limits.min)..\(limits.max.map(String.init) ?? "")"
    }

    /// 64-bit memories and tables say so first (`i64 1..2 pages`); 32-bit ones as before.
    private func describe(_ type: MemoryType) -> String {
        (type.addressType == .i64 ? "i64 " : "") + "\(describe(type.limits)) pages"
    }

    private func describe(_ type: TableType) -> String {
        (type.addressType == .i64 ? "i64 " : "") + "\(type.elementType) \(describe(type.limits))"
    }

    private func describe(_ type: GlobalType) -> String { (type.isMutable ? "mut " : "") + type.valueType.description }

    private func describe(_ expression: ConstExpression) -> String {
        switch expression {
        case .i32Const(let v): "i32.const \(v)"
        case .i64Const(let v): "i64.const \(v)"
        case .f32Const(let bits): "f32.const \(Float(bitPattern: bits))"
        case .f64Const(let bits): "f64.const \(Double(bitPattern: bits))"
        case .v128Const(let v): "v128.const 0x\(String(v.hi, radix: 16))_\(String(v.lo, radix: 16))"
        case .refNull(let type): "ref.null \(type)"
        case .refFunc(let index): "ref.func \(index)"
        case .globalGet(let index): "global.get \(index)"
        case .binary(let op, let lhs, let rhs): "\(describe(lhs)) \(describe(rhs)) \(op.name)"
        case .gc(let op, let operands): (operands.map(describe) + ["\(op)"]).joined(separator: " ")
        }
    }
}
