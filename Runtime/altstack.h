#ifndef WASMEX_ALTSTACK_H
#define WASMEX_ALTSTACK_H
// Per-thread alternate signal stacks (private to the runtime).

/// Makes sure the calling thread has an alternate signal stack, so the fault
/// handler (installed with SA_ONSTACK) can run when Wasm has exhausted the
/// thread's own stack. Keeps a stack the thread already has (its owner's);
/// otherwise maps one, released when the thread exits. Cheap after the first
/// call on a thread. Returns 0 when the thread has an alternate stack.
int wasmex_ensure_alt_stack(void);

#endif
