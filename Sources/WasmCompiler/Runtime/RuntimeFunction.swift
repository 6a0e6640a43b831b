import CLLVM

/// The C runtime entry points generated code calls (see
/// `Runtime/include/wasmex_libcalls.h` and `wasmex_invoke.h`). Their IR
/// signatures are declared here once; `ptr` stands for `wasmex_vmctx *` and
/// for reference values (`uintptr_t` in C, identical in the x86-64/AArch64 ABIs).
enum RuntimeFunction: String, CaseIterable {
    case trap = "wasmex_trap"
    case memoryGrow = "wasmex_lib_memory_grow"
    case memoryCopy = "wasmex_lib_memory_copy"
    case memoryFill = "wasmex_lib_memory_fill"
    case memoryInit = "wasmex_lib_memory_init"
    case dataDrop = "wasmex_lib_data_drop"
    case tableGrow = "wasmex_lib_table_grow"
    case tableFill = "wasmex_lib_table_fill"
    case tableCopy = "wasmex_lib_table_copy"
    case tableInit = "wasmex_lib_table_init"
    case elemDrop = "wasmex_lib_elem_drop"
    case funcSubtype = "wasmex_lib_func_subtype"
    case throwException = "wasmex_eh_throw"
    case throwRef = "wasmex_eh_throw_ref"
    case throwPending = "wasmex_eh_throw_pending"
    case exceptionConsumed = "wasmex_eh_consumed"
    case exceptionEscaped = "wasmex_eh_escape"
    /// Legacy exception handling: a `catch`/`catch_all` block holds its exception.
    case exceptionHeld = "wasmex_eh_hold"
    case exceptionUnheld = "wasmex_eh_unhold"
    case gcAlloc = "wasmex_gc_alloc"
    /// First-tier code: a function became hot (`wasmex_tier.h`).
    case tierHot = "wasmex_tier_hot"
    /// First-tier code: a loop asks for its function's on-stack-replacement entry (`wasmex_tier.h`).
    case tierResume = "wasmex_tier_resume"
    /// A lazy function's stub: the function's code, compiled on first call (`wasmex_tier.h`).
    case tierLazy = "wasmex_tier_lazy"
    case gcArrayNew = "wasmex_gc_array_new"
    case gcArrayNewData = "wasmex_gc_array_new_data"
    case gcArrayNewElem = "wasmex_gc_array_new_elem"
    case gcArrayFill = "wasmex_gc_array_fill"
    case gcArrayCopy = "wasmex_gc_array_copy"
    case gcArrayInitData = "wasmex_gc_array_init_data"
    case gcArrayInitElem = "wasmex_gc_array_init_elem"
    /// glibc's `_setjmp` (no signal mask), for `try_table` entry.
    case setjmp = "_setjmp"

    /// Return type and parameter types.
    func signature(_ t: IRTypes) -> (LLVMTypeRef, [LLVMTypeRef]) {
        switch self {
        case .trap: return (t.void, [t.ptr, t.i32])
        case .memoryGrow: return (t.i64, [t.ptr, t.i32, t.i64])
        case .memoryCopy: return (t.void, [t.ptr, t.i32, t.i32, t.i64, t.i64, t.i64])
        case .memoryFill: return (t.void, [t.ptr, t.i32, t.i64, t.i32, t.i64])
        case .memoryInit: return (t.void, [t.ptr, t.i32, t.i32, t.i64, t.i32, t.i32])
        case .dataDrop: return (t.void, [t.ptr, t.i32])
        case .tableGrow: return (t.i64, [t.ptr, t.i32, t.ptr, t.i64])
        case .tableFill: return (t.void, [t.ptr, t.i32, t.i64, t.ptr, t.i64])
        case .tableCopy: return (t.void, [t.ptr, t.i32, t.i32, t.i64, t.i64, t.i64])
        case .tableInit: return (t.void, [t.ptr, t.i32, t.i32, t.i64, t.i32, t.i32])
        case .elemDrop: return (t.void, [t.ptr, t.i32])
        case .funcSubtype: return (t.i32, [t.ptr, t.i32, t.i32])
        case .throwException: return (t.void, [t.ptr, t.ptr, t.ptr, t.i32])
        case .throwRef, .exceptionConsumed, .exceptionEscaped, .exceptionUnheld: return (t.void, [t.ptr, t.ptr])
        case .exceptionHeld: return (t.void, [t.ptr, t.ptr, t.ptr])
        case .throwPending: return (t.void, [t.ptr])
        case .setjmp: return (t.i32, [t.ptr])
        case .gcAlloc: return (t.ptr, [t.ptr, t.ptr, t.i32])
        case .tierHot: return (t.void, [t.ptr, t.i32])
        case .tierResume: return (t.void, [t.ptr, t.ptr, t.i32])
        case .tierLazy: return (t.ptr, [t.ptr, t.ptr, t.i32])
        case .gcArrayNew: return (t.ptr, [t.ptr, t.ptr, t.i32, t.i64, t.i64])
        case .gcArrayNewData, .gcArrayNewElem: return (t.ptr, [t.ptr, t.ptr, t.i32, t.i32, t.i32])
        case .gcArrayFill: return (t.void, [t.ptr, t.ptr, t.i32, t.i64, t.i64, t.i32])
        case .gcArrayCopy: return (t.void, [t.ptr, t.ptr, t.i32, t.ptr, t.i32, t.i32])
        case .gcArrayInitData, .gcArrayInitElem: return (t.void, [t.ptr, t.ptr, t.i32, t.i32, t.i32, t.i32])
        }
    }

    /// Function attributes beyond `nounwind`.
    var attributes: [String] {
        switch self {
        case .trap: return ["noreturn", "cold"]
        case .tierHot, .tierResume, .tierLazy: return ["cold"]
        case .throwException, .throwRef, .throwPending: return ["noreturn"]
        case .setjmp: return ["returns_twice"]
        default: return []
        }
    }
}
