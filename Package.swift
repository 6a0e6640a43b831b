// swift-tools-version:6.1
import PackageDescription

// Wasmex runs on Linux on x86-64 only: the runtime reads thread stacks with
// pthread_getattr_np, turns guard-page faults into traps through the x86-64
// signal context, and loads compiled code as ELF objects. Other platforms get a
// clear #error from Sources/Wasmex/Platform.swift instead of a broken build.
//
// No unsafe flags anywhere, so the package works as a versioned dependency:
// LLVM is reached through the CLLVM target (see its header), and SwiftPM
// already compiles C with frame pointers kept, which the runtime's trap
// backtraces rely on.
let package = Package(
    name: "Wasmex",
    products: [
        .library(name: "Wasmex", targets: ["Wasmex"]),
        .executable(name: "wasmex", targets: ["WasmexCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swiftwasm/WasmKit", from: "0.4.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // `swift package generate-documentation` for the DocC catalogs.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // LLVM 19's C API (llvm-c/*.h from Debian's llvm-19-dev, libLLVM-19.so).
        .target(name: "CLLVM", linkerSettings: [.linkedLibrary("LLVM-19")]),
        // The C runtime the generated code calls: traps, libcalls, the vmctx layout.
        // Links the C++ runtime for `__cxa_demangle` (C++ names in trap backtraces).
        .target(name: "CWasmexRuntime", path: "Runtime", publicHeadersPath: "include",
                linkerSettings: [.linkedLibrary("stdc++")]),
        // Decode, validate and describe modules.
        .target(name: "WasmFrontend",
                dependencies: [.product(name: "WAT", package: "WasmKit")]),
        // WASI preview 1 host functions, engine-neutral (memory access + a function table).
        .target(name: "WasmexWASI",
                dependencies: ["WasmFrontend"]),
        // Lower validated functions to LLVM IR, optimise, emit object code, JIT it.
        .target(name: "WasmCompiler",
                dependencies: ["WasmFrontend", "CLLVM", "CWasmexRuntime"]),
        // The public Swift API.
        .target(name: "Wasmex",
                dependencies: ["WasmFrontend", "WasmCompiler", "CWasmexRuntime", "WasmexWASI"]),
        // The WebAssembly spec-script runner (used by `wasmex spec` and the tests).
        .target(name: "WasmexSpec",
                dependencies: ["Wasmex", "WasmFrontend"]),
        // The benchmark harness behind `wasmex bench` (jit, interp = WasmKit, wasmtime via Python).
        .target(name: "WasmexBench",
                dependencies: ["Wasmex", "WasmexWASI", "WasmFrontend", .product(name: "WasmKit", package: "WasmKit"),
                               .product(name: "WasmKitWASI", package: "WasmKit")],
                exclude: ["wasmtime_runner.py"]),
        .executableTarget(name: "WasmexCLI",
                dependencies: ["Wasmex", "WasmexSpec", "WasmFrontend", "WasmCompiler", "WasmexBench",
                               .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "WasmFrontendTests", dependencies: ["WasmFrontend"]),
        .testTarget(name: "WasmCompilerTests",
                dependencies: ["WasmCompiler", "WasmFrontend", "CLLVM", "CWasmexRuntime"]),
        .testTarget(name: "WasmexTests",
                dependencies: ["Wasmex", "WasmexSpec", "WasmFrontend", "WasmexBench"]),
    ],
    swiftLanguageModes: [.v6]
)
