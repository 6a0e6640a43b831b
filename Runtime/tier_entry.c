// The shared second half of the machine-code stubs of functions compiled on
// first call (see LazyCompiler in the compiler): x86-64 System V only; other
// targets get stubs written in LLVM IR instead.
//
// A stub whose tier-table slot is empty jumps here with the defined function's
// index in %eax and the tier table in %r11, every argument register and the
// stack exactly as its caller left them. This saves the argument registers
// (the integer ones and %xmm0-7: Wasm functions use the C convention's
// registers), asks `wasmex_tier_lazy` for the code (which compiles it, or
// traps), restores them and jumps to the code, which returns to the stub's
// caller. The frame it pushes links %rbp, so a trap backtrace walks through it.
#include "wasmex_tier.h"

#if defined(__x86_64__) && defined(__ELF__)
__asm__(
    ".text\n"
    ".globl wasmex_tier_lazy_entry\n"
    ".type wasmex_tier_lazy_entry,@function\n"
    ".p2align 4\n"
    "wasmex_tier_lazy_entry:\n"
    "    pushq %rbp\n"
    "    movq %rsp, %rbp\n"
    "    pushq %rdi\n"
    "    pushq %rsi\n"
    "    pushq %rdx\n"
    "    pushq %rcx\n"
    "    pushq %r8\n"
    "    pushq %r9\n"
    "    subq $128, %rsp\n"
    "    movdqu %xmm0, 0(%rsp)\n"
    "    movdqu %xmm1, 16(%rsp)\n"
    "    movdqu %xmm2, 32(%rsp)\n"
    "    movdqu %xmm3, 48(%rsp)\n"
    "    movdqu %xmm4, 64(%rsp)\n"
    "    movdqu %xmm5, 80(%rsp)\n"
    "    movdqu %xmm6, 96(%rsp)\n"
    "    movdqu %xmm7, 112(%rsp)\n"
    // wasmex_tier_lazy(vmctx = %rdi, tiers = %r11, index = %eax); the stack
    // is 16-byte aligned here (8 for the return address + 8 + 48 + 128).
    "    movq %r11, %rsi\n"
    "    movl %eax, %edx\n"
    "    call wasmex_tier_lazy@PLT\n"
    "    movdqu 0(%rsp), %xmm0\n"
    "    movdqu 16(%rsp), %xmm1\n"
    "    movdqu 32(%rsp), %xmm2\n"
    "    movdqu 48(%rsp), %xmm3\n"
    "    movdqu 64(%rsp), %xmm4\n"
    "    movdqu 80(%rsp), %xmm5\n"
    "    movdqu 96(%rsp), %xmm6\n"
    "    movdqu 112(%rsp), %xmm7\n"
    "    addq $128, %rsp\n"
    "    popq %r9\n"
    "    popq %r8\n"
    "    popq %rcx\n"
    "    popq %rdx\n"
    "    popq %rsi\n"
    "    popq %rdi\n"
    "    popq %rbp\n"
    "    jmpq *%rax\n"
    ".size wasmex_tier_lazy_entry, .-wasmex_tier_lazy_entry\n");
#endif
