/// The modules a soak run cycles through (``SoakRun``), as WAT.
///
/// Together they return normally, trap in several ways (unreachable,
/// division by zero, out-of-bounds memory, indirect-call type mismatch,
/// call stack exhausted), grow memory, call a host function and run a WASI
/// command that writes to stdout and exits with a status.
enum SoakModules {
    /// Arithmetic, a loop and a table call; `run` returns 55.
    static let compute = """
    (module
      (type $t (func (param i32) (result i32)))
      (table 2 funcref)
      (elem (i32.const 0) $id $sum)
      (func $id (type $t) (local.get 0))
      (func $sum (type $t) (local $acc i32)
        (block $done (loop $next
          (br_if $done (i32.eqz (local.get 0)))
          (local.set $acc (i32.add (local.get $acc) (local.get 0)))
          (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
          (br $next)))
        (local.get $acc))
      (func (export "run") (result i32) (call_indirect (type $t) (i32.const 10) (i32.const 1))))
    """

    /// One export per trap kind.
    static let traps = """
    (module
      (type $t (func (param i32) (result i32)))
      (memory 1 1)
      (table 1 funcref)
      (elem (i32.const 0) $f)
      (func $f (result i32) (i32.const 1))
      (func (export "unreachable") (unreachable))
      (func (export "divide") (result i32) (i32.div_s (i32.const 1) (i32.const 0)))
      (func (export "out-of-bounds") (result i32) (i32.load (i32.const 65536)))
      (func (export "mismatch") (result i32) (call_indirect (type $t) (i32.const 0) (i32.const 0)))
      (func $deep (export "recurse") (param i32) (result i32)
        (i32.add (call $deep (i32.add (local.get 0) (i32.const 1))) (i32.const 1))))
    """

    /// Grows its memory from 1 to 17 pages (1 MiB) and touches every page; `run` returns 17.
    static let grow = """
    (module
      (memory 1 64)
      (func (export "run") (result i32) (local $page i32)
        (drop (memory.grow (i32.const 16)))
        (block $done (loop $next
          (br_if $done (i32.ge_u (local.get $page) (memory.size)))
          (i32.store (i32.mul (local.get $page) (i32.const 65536)) (local.get $page))
          (local.set $page (i32.add (local.get $page) (i32.const 1)))
          (br $next)))
        (memory.size)))
    """

    /// Calls the host's `env.inc` 100 times; `run` returns 100.
    static let host = """
    (module
      (import "env" "inc" (func $inc (param i32) (result i32)))
      (func (export "run") (result i32) (local $n i32) (local $acc i32)
        (local.set $n (i32.const 100))
        (block $done (loop $next
          (br_if $done (i32.eqz (local.get $n)))
          (local.set $acc (call $inc (local.get $acc)))
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (br $next)))
        (local.get $acc)))
    """

    /// A WASI command: writes "soak\\n" to stdout and exits with status 3.
    static let wasi = """
    (module
      (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
      (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
      (memory (export "memory") 1)
      (data (i32.const 16) "soak\\n")
      (func (export "_start")
        (i32.store (i32.const 0) (i32.const 16))
        (i32.store (i32.const 4) (i32.const 5))
        (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
        (call $exit (i32.const 3))))
    """
}
