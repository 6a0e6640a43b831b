;; Two memories in one module: `fill(n)` writes the bytes 1..n into memory
;; $input, copies them to memory $output with `memory.copy`, then sums them
;; back out of $output and returns the sum (n (n + 1) / 2 for n <= 255).
;; `sizes()` reports each memory's size in pages, `grow_output(d)` grows only
;; $output, and `past_end()` reads one byte beyond $input's end, which traps.
(module
  (memory $input (export "input") 1)
  (memory $output (export "output") 2 4)
  (func (export "fill") (param $n i32) (result i32)
    (local $i i32) (local $sum i32)
    (block $done
      (loop $write
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store8 $input (local.get $i) (i32.add (local.get $i) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $write)))
    (memory.copy $output $input (i32.const 100) (i32.const 0) (local.get $n))
    (local.set $i (i32.const 0))
    (block $summed
      (loop $read
        (br_if $summed (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $sum (i32.add (local.get $sum)
          (i32.load8_u $output offset=100 (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $read)))
    (local.get $sum))
  (func (export "sizes") (result i32 i32)
    (memory.size $input) (memory.size $output))
  (func (export "grow_output") (param i32) (result i32)
    (memory.grow $output (local.get 0)))
  (func (export "past_end") (result i32)
    (i32.load8_u $input (i32.const 65536)))
)
