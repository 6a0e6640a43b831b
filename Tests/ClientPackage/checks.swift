
// --- what the README's comments promise ---
check(sum == [.i32(42)], "sum(50, -8) == [.i32(42)]")
check(fortyTwo == 42, "typedSum(50, -8) == 42")
check(h == [.i32(104)], "string_first_byte == [.i32(104)]")
check(range == [.i32(15)], "sum_range(1, 5) == [.i32(15)]")
check(answer == [.i32(42)], "the actor's sum == [.i32(42)]")
check(status == 0, "the echo program exits with 0")
print("README tour: every snippet compiled and every checked result holds")
