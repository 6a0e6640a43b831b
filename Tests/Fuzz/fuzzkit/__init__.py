"""The differential fuzzer's parts: module generation, the two executors'
child processes, comparison, reduction and regression scripts.

The entry points are ../fuzz.py (the driver) and ../oracle.py (the Wasmtime
child process); README.md in the parent folder describes the design."""
