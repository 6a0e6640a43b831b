import CLLVM

/// Calls to LLVM intrinsics (`llvm.ctlz`, `llvm.fshl`, `llvm.minimum`, …) by name.
///
/// An intrinsic is looked up by its base name (without the overload suffix such as
/// `.i32`); the overload types pick the concrete declaration, which LLVM inserts into
/// the module once and reuses afterwards. Shared by numeric lowering and the compiler
/// core (memory intrinsics, `llvm.trap`, …).
enum LLVMIntrinsic {
    /// The intrinsic ID for `name` (e.g. `"llvm.ctpop"`), or `nil` when LLVM does not know it.
    static func id(named name: String) -> UInt32? {
        let id = name.withCString { LLVMLookupIntrinsicID($0, name.utf8.count) }
        return id == 0 ? nil : id
    }

    /// The declaration of intrinsic `name` overloaded on `types`, plus its function type.
    ///
    /// An unknown name is a bug in the compiler, not in the input, so it stops the program
    /// with the offending name.
    static func declaration(
        _ name: String, types: [LLVMTypeRef], module: LLVMModuleRef, context: LLVMContextRef
    ) -> (function: LLVMValueRef, type: LLVMTypeRef) {
        guard let id = id(named: name) else {
            preconditionFailure("LLVM 19 has no intrinsic named \(name)")
        }
        var overloads: [LLVMTypeRef?] = types
        return overloads.withUnsafeMutableBufferPointer { buffer in
            let function = LLVMGetIntrinsicDeclaration(module, id, buffer.baseAddress, buffer.count)
            let type = LLVMIntrinsicGetType(context, id, buffer.baseAddress, buffer.count)
            guard let function, let type else {
                preconditionFailure("wrong overload types for intrinsic \(name)")
            }
            return (function, type)
        }
    }
}

/// Emits a call to intrinsic `name` overloaded on `types` with `args`, at `builder`'s position.
///
/// - Parameters:
///   - name: the intrinsic's base name, e.g. `"llvm.fshl"` (no `.i32` suffix).
///   - types: the overload types in LLVM's order (for most numeric intrinsics, the operand type).
///   - args: the call's arguments.
/// - Returns: the call instruction (its value is the intrinsic's result).
@discardableResult
func callIntrinsic(
    _ name: String, types: [LLVMTypeRef], args: [LLVMValueRef],
    builder: LLVMBuilderRef, module: LLVMModuleRef, context: LLVMContextRef
) -> LLVMValueRef {
    let declaration = LLVMIntrinsic.declaration(name, types: types, module: module, context: context)
    var arguments: [LLVMValueRef?] = args
    let call = arguments.withUnsafeMutableBufferPointer { buffer in
        LLVMBuildCall2(builder, declaration.type, declaration.function,
                       buffer.baseAddress, UInt32(buffer.count), "")
    }
    guard let call else { preconditionFailure("LLVMBuildCall2 returned null for \(name)") }
    return call
}
