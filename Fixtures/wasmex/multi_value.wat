;; Multi-value fixture: functions and blocks with several results.
(module
  (func (export "swap") (param i32 i32) (result i32 i32)
    local.get 1
    local.get 0)
  (func (export "divmod") (param i32 i32) (result i32 i32)
    (i32.div_u (local.get 0) (local.get 1))
    (i32.rem_u (local.get 0) (local.get 1)))
  (func (export "mixed") (param i64 f64) (result f64 i64 i32)
    (block (result f64 i64)
      local.get 1
      local.get 0)
    i32.const 7))
