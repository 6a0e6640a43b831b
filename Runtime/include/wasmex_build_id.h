#ifndef WASMEX_BUILD_ID_H
#define WASMEX_BUILD_ID_H
#include <stddef.h>
#include <stdint.h>

/// Copies the GNU build ID of the executable or shared object that contains
/// the Wasmex runtime (and so the compiler linked with it) into `out`, up to
/// `capacity` bytes. Returns the ID's full length, or 0 when the object has
/// none. The compile cache keys entries with it, so a rebuilt compiler never
/// loads code an older build stored.
size_t wasmex_build_id(uint8_t *out, size_t capacity);

#endif
