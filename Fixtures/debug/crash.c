// A WASI program that traps three calls deep, for source-level backtraces.
// Built with -g (DWARF in custom sections); the line numbers below are
// checked by Tests/WasmexTests/DebugBacktraceTests.swift: keep them stable.
#include <stdio.h>
#include <stdlib.h>

static int table[4] = {1, 2, 3, 4};

__attribute__((noinline)) int divide(int numerator, int denominator) {
    return numerator / denominator;
}

__attribute__((noinline)) int average(int count) {
    int sum = 0;
    for (int i = 0; i < 4; i++) sum += table[i];
    return divide(sum, count);
}

__attribute__((noinline)) void check(int value) {
    if (value > 100) __builtin_trap();
}

int main(int argc, char **argv) {
    int count = argc > 1 ? atoi(argv[1]) : 0;
    if (argc > 2) check(atoi(argv[2]));
    int result = average(count);
    printf("average: %d\n", result);
    return 0;
}
