;; GC soak: a fixed live set on the store's GC heap, churned for as many
;; bytes as the caller asks (`wasmex bench gc-soak`, GCSoakTests).
;;
;; A ring of 32,768 slots in a global holds the live set. Replacement number
;; s (its serial, counted over all calls) goes into slot s mod 32,768: a
;; $node struct (16-byte header + serial + reference = 32 bytes) owning an
;; i8 array filled with the byte (s mod 251) + 1. The array is 1,008 bytes
;; long (1 KiB object, a small size class) except every 1,024th, which is
;; 1 MiB - 16 bytes long (a 1 MiB large object). 32,768 is a multiple of
;; 1,024, so once the ring is full it always holds 32 large and 32,736 small
;; arrays:
;;
;;   32 x (1,048,576 + 32) + 32,736 x (1,024 + 32) + ring (16 + 8 x 32,768)
;;   = 68,386,832 bytes (65.2 MiB) live
;;
;; and every full turn of the ring allocates about as much again. Before
;; replacing a slot, `run` checks the object it drops (serial, length and
;; three bytes of its array) and traps (unreachable) when the collector has
;; freed or overwritten anything still reachable.
(module
  (type $bytes (array (mut i8)))
  (type $node (struct (field $serial i64) (field $data (ref $bytes))))
  (type $ring (array (mut (ref null $node))))

  (global $ring (mut (ref null $ring)) (ref.null $ring))
  ;; The serial of the next replacement (= replacements made so far).
  (global $next (mut i64) (i64.const 0))

  ;; The array length of replacement $serial.
  (func $length (param $serial i64) (result i32)
    (if (result i32) (i64.eqz (i64.and (local.get $serial) (i64.const 1023)))
      (then (i32.const 1048560))
      (else (i32.const 1008))))

  ;; The byte its array is filled with (never 0: the whole array is written).
  (func $fill (param $serial i64) (result i32)
    (i32.add (i32.wrap_i64 (i64.rem_u (local.get $serial) (i64.const 251))) (i32.const 1)))

  ;; Bytes the heap charges for replacement $serial: node 32, array 16 + length.
  (func $cost (param $serial i64) (result i64)
    (i64.add (i64.const 48) (i64.extend_i32_u (call $length (local.get $serial)))))

  ;; Traps unless $node is intact: its array has the length and bytes its serial says.
  (func $verify (param $node (ref $node)) (result i64)
    (local $serial i64) (local $data (ref null $bytes)) (local $length i32) (local $fill i32)
    (local.set $serial (struct.get $node $serial (local.get $node)))
    (local.set $data (struct.get $node $data (local.get $node)))
    (local.set $length (call $length (local.get $serial)))
    (local.set $fill (call $fill (local.get $serial)))
    (if (i32.ne (array.len (local.get $data)) (local.get $length)) (then (unreachable)))
    (if (i32.ne (array.get_u $bytes (local.get $data) (i32.const 0)) (local.get $fill)) (then (unreachable)))
    (if (i32.ne (array.get_u $bytes (local.get $data) (i32.shr_u (local.get $length) (i32.const 1))) (local.get $fill))
      (then (unreachable)))
    (if (i32.ne (array.get_u $bytes (local.get $data) (i32.sub (local.get $length) (i32.const 1))) (local.get $fill))
      (then (unreachable)))
    (local.get $serial))

  (func $ring (result (ref $ring))
    (if (ref.is_null (global.get $ring))
      (then (global.set $ring (array.new_default $ring (i32.const 32768)))))
    (ref.as_non_null (global.get $ring)))

  ;; Replaces slots until at least $total bytes of nodes and arrays were
  ;; allocated (the ring, allocated on the first call, is not counted);
  ;; returns the number of objects allocated.
  (func (export "run") (param $total i64) (result i64)
    (local $ring (ref null $ring)) (local $serial i64) (local $first i64)
    (local $allocated i64) (local $slot i32) (local $old (ref null $node))
    (local.set $ring (call $ring))
    (local.set $first (global.get $next))
    (local.set $serial (local.get $first))
    (block $done
      (loop $next
        (br_if $done (i64.ge_u (local.get $allocated) (local.get $total)))
        (local.set $slot (i32.wrap_i64 (i64.and (local.get $serial) (i64.const 32767))))
        (local.set $old (array.get $ring (local.get $ring) (local.get $slot)))
        (if (i32.eqz (ref.is_null (local.get $old)))
          (then
            ;; The slot holds the node of one turn ago, intact.
            (if (i64.ne (call $verify (ref.as_non_null (local.get $old)))
                        (i64.sub (local.get $serial) (i64.const 32768)))
              (then (unreachable)))))
        (array.set $ring (local.get $ring) (local.get $slot)
          (struct.new $node
            (local.get $serial)
            (array.new $bytes (call $fill (local.get $serial)) (call $length (local.get $serial)))))
        (local.set $allocated (i64.add (local.get $allocated) (call $cost (local.get $serial))))
        (local.set $serial (i64.add (local.get $serial) (i64.const 1)))
        (br $next)))
    (global.set $next (local.get $serial))
    (i64.shl (i64.sub (local.get $serial) (local.get $first)) (i64.const 1)))

  ;; Checks every filled slot (traps when one is not intact) and returns the
  ;; bytes the live set should occupy: the ring plus every node and array in it.
  (func (export "live_bytes") (result i64)
    (local $ring (ref null $ring)) (local $slot i32) (local $node (ref null $node)) (local $bytes i64)
    (local.set $ring (call $ring))
    (local.set $bytes (i64.const 262160))  ;; the ring: 16 + 8 x 32,768
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $slot) (i32.const 32768)))
        (local.set $node (array.get $ring (local.get $ring) (local.get $slot)))
        (if (i32.eqz (ref.is_null (local.get $node)))
          (then
            (local.set $bytes
              (i64.add (local.get $bytes) (call $cost (call $verify (ref.as_non_null (local.get $node))))))))
        (local.set $slot (i32.add (local.get $slot) (i32.const 1)))
        (br $next)))
    (local.get $bytes))

  ;; Replacements made so far.
  (func (export "replacements") (result i64) (global.get $next))
)
