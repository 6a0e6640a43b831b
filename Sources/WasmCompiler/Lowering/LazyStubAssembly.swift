/// The stubs of functions compiled on first call, as machine code written
/// out in assembly (x86-64 System V, ELF), for targets where they can be.
///
/// Each stub is five instructions: load the function's tier-table slot; if it
/// holds code, jump there; otherwise jump to the runtime's
/// `wasmex_tier_lazy_entry` with the defined index in `%eax` and the table in
/// `%r11`, which saves the argument registers, gets the code compiled and
/// jumps to it (`Runtime/tier_entry.c`). That is what the IR stub
/// (``FunctionEmitter/emitLazyStub(definedIndex:table:)``) does, but LLVM's
/// fast instruction selector cannot lower a `musttail` call, so every IR stub
/// went through SelectionDAG: 0.16 ms a stub, 3.2 s for a module of 20,000
/// functions and most of `Module(...)` for the sightglass programs. The
/// assembler takes microseconds per stub.
enum LazyStubAssembly {
    /// Whether `target` gets assembly stubs (otherwise IR stubs).
    static func supports(_ target: HostTarget) -> Bool {
        target.triple.hasPrefix("x86_64") && target.triple.contains("linux")
    }

    /// Module-level assembly defining `wasm_f<i>` for each of `functions`
    /// (defined index and absolute index), reading slots of `tierTable`.
    static func x86_64(_ functions: [(definedIndex: Int, index: Int)], tierTable: String) -> String {
        var text = "\t.text\n"
        text.reserveCapacity(functions.count * 320)
        for (definedIndex, index) in functions {
            let name = SymbolNames.function(index)
            let slow = ".Lwasmex_lazy_\(index)"
            text += """
                \t.globl\t\(name)
                \t.p2align\t4, 0x90
                \t.type\t\(name),@function
                \(name):
                \tmovq\t\(tierTable)+\(definedIndex * 8)(%rip), %rax
                \ttestq\t%rax, %rax
                \tje\t\(slow)
                \tjmpq\t*%rax
                \(slow):
                \tmovl\t$\(definedIndex), %eax
                \tleaq\t\(tierTable)(%rip), %r11
                \tmovabsq\t$wasmex_tier_lazy_entry, %r10
                \tjmpq\t*%r10
                \t.size\t\(name), .-\(name)

                """
        }
        return text
    }
}
