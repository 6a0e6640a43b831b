// Wasmex supports Linux on x86-64 only (see Package.swift for why). Saying so
// here turns a build elsewhere into one clear message instead of a cascade of
// missing-symbol errors from the runtime.
#if !(os(Linux) && arch(x86_64))
#error("Wasmex supports Linux on x86-64 only: its runtime uses Linux thread and signal APIs and loads ELF code")
#endif
