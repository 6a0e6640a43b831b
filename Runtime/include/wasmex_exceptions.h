#ifndef WASMEX_EXCEPTIONS_H
#define WASMEX_EXCEPTIONS_H
// WebAssembly exception handling (`throw`, `throw_ref`, `try_table`).
//
// Design (zero cost on paths without `try_table`):
// - Entering a `try_table` pushes a handler record that lives in the Wasm
//   function's frame onto a chain whose head is `wasmex_store_state.eh_handlers`
//   and calls `_setjmp` on the record's buffer (a `returns_twice` call).
//   Every way out of the try body (fall-through, branches to outer labels,
//   `return`, tail calls) stores the record's `previous` back into the head;
//   traps need nothing, as `wasmex_invoke` saves the head, clears it at entry
//   (so a handler never catches across a host boundary) and restores it.
// - `throw` allocates an exception (tag identity + 16-byte payload slots) and
//   delivers it: it pops the head handler and `longjmp`s to it with the
//   exception in `eh_exception`; with no handler the call ends through the
//   trap landing with WASMEX_TRAP_UNCAUGHT_EXCEPTION (a trap is never an
//   exception, so `catch_all` never sees traps).
// - The handler compares the tag with its clauses' tags (tag identity is the
//   `wasmex_tag` address, shared by importers) and branches, or rethrows.
// - Ownership: an exception is owned by the store. One that never became an
//   `exnref` is freed as soon as a `catch`/`catch_all` consumed it (or the
//   host read it); one that did (`catch_ref`, `catch_all_ref`) is linked into
//   `eh_escaped` and freed with the store, as `exnref` values may be kept
//   anywhere (locals, globals, tables).
// - Legacy exception handling (`try`/`catch`/`catch_all`/`delegate`/`rethrow`)
//   uses the same chain. A legacy `try` pushes a handler record like
//   `try_table`. A legacy `catch`/`catch_all` block *holds* its exception for
//   as long as it runs (`rethrow` may throw it again): entering the block
//   counts a hold (`held`) and pushes a hold record (a record whose `held`
//   field names the exception, and no jmp_buf) onto the same chain; every
//   normal way out of the block pops the record and drops the hold
//   (wasmex_eh_unhold). An exception leaving the block pops the record in
//   `deliver`, and a trap in `wasmex_invoke`: both drop the hold too. An
//   exception is freed when nothing holds it, it is not an `exnref` and it is
//   not the one being delivered; the same exception may be held by several
//   blocks at once (`rethrow` inside a nested `try` that catches it again).
#include <stdint.h>
#include "wasmex_vmctx.h"

#ifdef __cplusplus
extern "C" {
#endif

/// An exception tag. Its address is its identity; `type_id` is the canonical
/// id of its function type (for import checks).
typedef struct wasmex_tag {
    uint32_t type_id;
    uint32_t param_count;
} wasmex_tag;

/// A thrown exception: `count` payload values in 16-byte slots.
typedef struct wasmex_exception {
    const wasmex_tag *tag;
    struct wasmex_exception *next_escaped;
    uint32_t count;
    uint32_t escaped;
    /// Legacy `catch`/`catch_all` blocks currently running with this exception.
    uint32_t held;
    uint32_t reserved;
    uint64_t payload[];
} wasmex_exception;

/// Bytes generated code reserves (16-byte aligned) for one handler record:
/// `previous` at offset 0, the held exception at WASMEX_HANDLER_HELD_OFFSET
/// (NULL in a handler record, which has its `jmp_buf` at
/// WASMEX_HANDLER_BUF_OFFSET; non-NULL in a legacy catch block's hold record).
#define WASMEX_HANDLER_BYTES 368
#define WASMEX_HANDLER_HELD_OFFSET 8
#define WASMEX_HANDLER_BUF_OFFSET 16
/// Where the payload starts in a wasmex_exception (generated code reads it).
#define WASMEX_EXCEPTION_PAYLOAD_OFFSET 32

/// Throws a new exception of `tag` whose payload is `count` slots at `slots`.
_Noreturn void wasmex_eh_throw(void *vmctx, const wasmex_tag *tag, const uint64_t *slots, uint32_t count);

/// `throw_ref`: throws `exception` again (traps "null reference" on NULL).
_Noreturn void wasmex_eh_throw_ref(void *vmctx, wasmex_exception *exception);

/// Throws the store's `eh_exception` (set by a host function that threw).
_Noreturn void wasmex_eh_throw_pending(void *vmctx);

/// After a `catch`/`catch_all`: frees `exception` unless it is an `exnref`.
void wasmex_eh_consumed(void *vmctx, wasmex_exception *exception);

/// After a `catch_ref`/`catch_all_ref`: `exception` becomes an `exnref`
/// value, owned by the store until it is freed.
void wasmex_eh_escape(void *vmctx, wasmex_exception *exception);

/// Entering a legacy `catch`/`catch_all` block: holds `exception` and pushes
/// `record` (a handler-record slot of the frame) as its hold record.
void wasmex_eh_hold(void *vmctx, void *record, wasmex_exception *exception);

/// Leaving a legacy catch block normally (generated code has popped its hold
/// record): drops the hold, freeing the exception when nothing holds it and it
/// is not an `exnref`.
void wasmex_eh_unhold(void *vmctx, wasmex_exception *exception);

/// Creates an exception (the host throwing into Wasm); the store frees it
/// like any other (see wasmex_eh_consumed / wasmex_eh_free_all).
wasmex_exception *wasmex_eh_new(wasmex_store_state *store, const wasmex_tag *tag, const uint64_t *slots, uint32_t count);

/// Frees `exception` unless it is an `exnref` (host side, after reading it).
void wasmex_eh_release(wasmex_store_state *store, wasmex_exception *exception);

/// Marks `exception` as an `exnref` of `store` (host side).
void wasmex_eh_escape_store(wasmex_store_state *store, wasmex_exception *exception);

/// Frees every exception the store still owns (at store teardown).
void wasmex_eh_free_all(wasmex_store_state *store);

/// Exceptions the store currently owns (tests: a throw loop stays flat).
int64_t wasmex_eh_live_count(const wasmex_store_state *store);

#ifdef __cplusplus
}
#endif
#endif
