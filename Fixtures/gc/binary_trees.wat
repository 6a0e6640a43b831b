;; binary-trees (after the Computer Language Benchmarks Game program) on
;; WebAssembly GC: every node is a struct allocated on the store's GC heap.
;; `run(n)` builds a stretch tree of depth n+1, keeps a long-lived tree of
;; depth n, then, for each depth d = 4, 6, ..., n, builds and checks
;; 2^(n - d + 4) trees of depth d. It returns the sum of all node counts, so
;; every engine must give the same answer.
(module
  (type $node (struct (field $left (ref null $node)) (field $right (ref null $node))))

  (func $make (param $depth i32) (result (ref $node))
    (if (result (ref $node)) (i32.eqz (local.get $depth))
      (then (struct.new $node (ref.null $node) (ref.null $node)))
      (else
        (struct.new $node
          (call $make (i32.sub (local.get $depth) (i32.const 1)))
          (call $make (i32.sub (local.get $depth) (i32.const 1)))))))

  (func $check (param $tree (ref null $node)) (result i32)
    (local $left (ref null $node))
    (local.set $left (struct.get $node $left (local.get $tree)))
    (if (result i32) (ref.is_null (local.get $left))
      (then (i32.const 1))
      (else
        (i32.add (i32.const 1)
          (i32.add (call $check (local.get $left))
                   (call $check (struct.get $node $right (local.get $tree))))))))

  (func (export "run") (param $n i32) (result i32)
    (local $sum i32) (local $long (ref null $node)) (local $depth i32)
    (local $iterations i32) (local $i i32)
    (local.set $sum (call $check (call $make (i32.add (local.get $n) (i32.const 1)))))
    (local.set $long (call $make (local.get $n)))
    (local.set $depth (i32.const 4))
    (block $done
      (loop $depths
        (br_if $done (i32.gt_s (local.get $depth) (local.get $n)))
        (local.set $iterations
          (i32.shl (i32.const 1) (i32.add (i32.sub (local.get $n) (local.get $depth)) (i32.const 4))))
        (local.set $i (i32.const 0))
        (block $trees_done
          (loop $trees
            (br_if $trees_done (i32.ge_s (local.get $i) (local.get $iterations)))
            (local.set $sum (i32.add (local.get $sum) (call $check (call $make (local.get $depth)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $trees)))
        (local.set $depth (i32.add (local.get $depth) (i32.const 2)))
        (br $depths)))
    (i32.add (local.get $sum) (call $check (local.get $long))))
)
