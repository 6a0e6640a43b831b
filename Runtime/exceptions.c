// Exception objects and their delivery to try_table handlers. See wasmex_exceptions.h.
#define _GNU_SOURCE
#include "wasmex_exceptions.h"
#include "wasmex_invoke.h"
#include "wasmex_trap.h"
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

/// The record generated code keeps in a function's frame for each active
/// try_table or legacy try (`held` NULL), or legacy catch block (a hold record:
/// `held` is its exception, `buf` unused).
typedef struct wasmex_handler {
    struct wasmex_handler *previous;
    wasmex_exception *held;
    jmp_buf buf;
} wasmex_handler;

_Static_assert(offsetof(wasmex_handler, held) == WASMEX_HANDLER_HELD_OFFSET, "handler held offset is ABI");
_Static_assert(offsetof(wasmex_handler, buf) == WASMEX_HANDLER_BUF_OFFSET, "handler buffer offset is ABI");
_Static_assert(sizeof(wasmex_handler) <= WASMEX_HANDLER_BYTES, "handler record fits the reserved bytes");
_Static_assert(offsetof(wasmex_exception, payload) == WASMEX_EXCEPTION_PAYLOAD_OFFSET, "exception payload offset is ABI");

static wasmex_store_state *store_of(void *vmctx) { return ((wasmex_vmctx *)vmctx)->store; }

wasmex_exception *wasmex_eh_new(wasmex_store_state *store, const wasmex_tag *tag, const uint64_t *slots, uint32_t count) {
    size_t bytes = sizeof(wasmex_exception) + (size_t)count * WASMEX_SLOT_BYTES;
    wasmex_exception *exception = malloc(bytes);
    if (exception == NULL) return NULL;
    exception->tag = tag;
    exception->next_escaped = NULL;
    exception->count = count;
    exception->escaped = 0;
    exception->held = 0;
    exception->reserved = 0;
    if (count > 0) memcpy(exception->payload, slots, (size_t)count * WASMEX_SLOT_BYTES);
    store->eh_live += 1;
    return exception;
}

/// Frees `exception` unless something still has it: a legacy catch block, an
/// `exnref`, or the delivery in progress (`keep`).
static void free_if_unowned(wasmex_store_state *store, wasmex_exception *exception, const wasmex_exception *keep) {
    if (exception == NULL || exception->held > 0 || exception->escaped || exception == keep) return;
    if (store->eh_exception == exception) store->eh_exception = NULL;
    store->eh_live -= 1;
    free(exception);
}

/// Hands `exception` to the innermost handler (popping it), or ends the call
/// as uncaught when this `wasmex_invoke` has none. Hold records on the way
/// belong to legacy catch blocks the exception leaves: their holds are dropped.
static _Noreturn void deliver(void *vmctx, wasmex_exception *exception) {
    wasmex_store_state *store = store_of(vmctx);
    store->eh_exception = exception;
    for (;;) {
        wasmex_handler *handler = store->eh_handlers;
        if (handler == NULL) wasmex_trap(vmctx, WASMEX_TRAP_UNCAUGHT_EXCEPTION);
        store->eh_handlers = handler->previous;
        if (handler->held == NULL) longjmp(handler->buf, 1);
        handler->held->held -= 1;
        free_if_unowned(store, handler->held, exception);
    }
}

_Noreturn void wasmex_eh_throw(void *vmctx, const wasmex_tag *tag, const uint64_t *slots, uint32_t count) {
    wasmex_exception *exception = wasmex_eh_new(store_of(vmctx), tag, slots, count);
    // Out of memory while throwing: nothing sensible is left to deliver.
    if (exception == NULL) wasmex_trap(vmctx, WASMEX_TRAP_UNREACHABLE);
    deliver(vmctx, exception);
}

_Noreturn void wasmex_eh_throw_ref(void *vmctx, wasmex_exception *exception) {
    if (exception == NULL) wasmex_trap(vmctx, WASMEX_TRAP_NULL_REFERENCE);
    deliver(vmctx, exception);
}

_Noreturn void wasmex_eh_throw_pending(void *vmctx) {
    wasmex_exception *exception = store_of(vmctx)->eh_exception;
    if (exception == NULL) wasmex_trap(vmctx, WASMEX_TRAP_HOST_ERROR);
    deliver(vmctx, exception);
}

void wasmex_eh_release(wasmex_store_state *store, wasmex_exception *exception) {
    if (store->eh_exception == exception) store->eh_exception = NULL;
    free_if_unowned(store, exception, NULL);
}

void wasmex_eh_hold(void *vmctx, void *record, wasmex_exception *exception) {
    wasmex_store_state *store = store_of(vmctx);
    if (store->eh_exception == exception) store->eh_exception = NULL;
    exception->held += 1;
    wasmex_handler *hold = record;
    hold->previous = store->eh_handlers;
    hold->held = exception;
    store->eh_handlers = hold;
}

void wasmex_eh_unhold(void *vmctx, wasmex_exception *exception) {
    exception->held -= 1;
    free_if_unowned(store_of(vmctx), exception, NULL);
}

void wasmex_eh_consumed(void *vmctx, wasmex_exception *exception) {
    wasmex_eh_release(store_of(vmctx), exception);
}

void wasmex_eh_escape_store(wasmex_store_state *store, wasmex_exception *exception) {
    if (store->eh_exception == exception) store->eh_exception = NULL;
    if (exception == NULL || exception->escaped) return;
    exception->escaped = 1;
    exception->next_escaped = store->eh_escaped;
    store->eh_escaped = exception;
}

void wasmex_eh_escape(void *vmctx, wasmex_exception *exception) {
    wasmex_eh_escape_store(store_of(vmctx), exception);
}

void wasmex_eh_free_all(wasmex_store_state *store) {
    wasmex_exception *pending = store->eh_exception;
    store->eh_exception = NULL;
    if (pending != NULL && !pending->escaped) {
        store->eh_live -= 1;
        free(pending);
    }
    wasmex_exception *exception = store->eh_escaped;
    store->eh_escaped = NULL;
    while (exception != NULL) {
        wasmex_exception *next = exception->next_escaped;
        store->eh_live -= 1;
        free(exception);
        exception = next;
    }
}

int64_t wasmex_eh_live_count(const wasmex_store_state *store) { return store->eh_live; }
