import WasmFrontend

/// A host module the spec scripts import from, described so an engine adapter can build it.
package struct SpecHostModule: Hashable, Sendable {
    /// What one export of the host module is.
    package enum Entity: Hashable, Sendable {
        /// A host function that accepts its arguments, returns no results and may print them.
        case function(FunctionType)
        /// An immutable global with its value.
        case global(GlobalType, SpecValue)
        /// A table whose elements all start as null.
        case table(TableType)
        /// A zero-filled memory.
        case memory(MemoryType)
    }

    /// One named export.
    package struct Export: Hashable, Sendable {
        package var name: String
        package var entity: Entity

        package init(name: String, entity: Entity) {
            self.name = name
            self.entity = entity
        }
    }

    /// The import module name.
    package var name: String
    /// The exports, in a stable order.
    package var exports: [Export]

    package init(name: String, exports: [Export]) {
        self.name = name
        self.exports = exports
    }

    /// Looks up an export by name.
    package func export(named name: String) -> Export? {
        exports.first { $0.name == name }
    }

    /// The `spectest` module every spec script may import from (as in the reference
    /// interpreter): print functions, four globals holding 666 / 666.6, funcref tables with
    /// limits 10..20 (`table` 32-bit, `table64` 64-bit) and a memory with limits 1..2 pages.
    package static let spectest: SpecHostModule = {
        func printer(_ name: String, _ params: [ValueType]) -> Export {
            Export(name: name, entity: .function(FunctionType(parameters: params, results: [])))
        }
        func global(_ name: String, _ type: ValueType, _ value: SpecValue) -> Export {
            Export(name: name, entity: .global(GlobalType(valueType: type, isMutable: false), value))
        }
        return SpecHostModule(name: "spectest", exports: [
            printer("print", []),
            printer("print_i32", [.i32]),
            printer("print_i64", [.i64]),
            printer("print_f32", [.f32]),
            printer("print_f64", [.f64]),
            printer("print_i32_f32", [.i32, .f32]),
            printer("print_f64_f64", [.f64, .f64]),
            global("global_i32", .i32, .i32(666)),
            global("global_i64", .i64, .i64(666)),
            global("global_f32", .f32, .f32(Float(666.6).bitPattern)),
            global("global_f64", .f64, .f64(Double(666.6).bitPattern)),
            Export(name: "table", entity: .table(TableType(elementType: .funcRef, limits: Limits(min: 10, max: 20)))),
            Export(name: "table64", entity: .table(TableType(elementType: .funcRef, limits: Limits(min: 10, max: 20),
                                                             addressType: .i64))),
            Export(name: "memory", entity: .memory(MemoryType(limits: Limits(min: 1, max: 2)))),
        ])
    }()
}
