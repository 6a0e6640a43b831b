// swift-tools-version:6.1
import PackageDescription

// LLVM 19 from Debian's llvm-19-dev, reached through its C API only.
let llvmInclude = "/usr/lib/llvm-19/include"
let llvmLib = "/usr/lib/llvm-19/lib"
let llvmSwift: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-I\(llvmInclude)"])]
let llvmLink: [LinkerSetting] = [.unsafeFlags(["-L\(llvmLib)", "-Xlinker", "-rpath", "-Xlinker", llvmLib])]

let package = Package(
    name: "Wasmex",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Wasmex", targets: ["Wasmex"]),
        .library(name: "WasmFrontend", targets: ["WasmFrontend"]),
        .executable(name: "wasmex", targets: ["WasmexCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swiftwasm/WasmKit", from: "0.4.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // System library over LLVM's C API (llvm-c/*.h).
        .systemLibrary(name: "CLLVM", path: "Sources/CLLVM"),
        // The C runtime the generated code calls: traps, libcalls, the vmctx layout.
        .target(name: "CWasmexRuntime", path: "Runtime", publicHeadersPath: "include",
                cSettings: [.unsafeFlags(["-O2", "-fno-omit-frame-pointer"])]),
        // Decode, validate and describe modules.
        .target(name: "WasmFrontend",
                dependencies: [.product(name: "WAT", package: "WasmKit")]),
        // WASI preview 1 host functions, engine-neutral (memory access + a function table).
        .target(name: "WasmexWASI",
                dependencies: ["WasmFrontend"]),
        // Lower validated functions to LLVM IR, optimise, emit object code, JIT it.
        .target(name: "WasmCompiler",
                dependencies: ["WasmFrontend", "CLLVM", "CWasmexRuntime"],
                swiftSettings: llvmSwift, linkerSettings: llvmLink),
        // The public Swift API.
        .target(name: "Wasmex",
                dependencies: ["WasmFrontend", "WasmCompiler", "CWasmexRuntime", "WasmexWASI"],
                swiftSettings: llvmSwift, linkerSettings: llvmLink),
        // The WebAssembly spec-script runner (used by `wasmex spec` and the tests).
        .target(name: "WasmexSpec",
                dependencies: ["Wasmex", "WasmFrontend"],
                swiftSettings: llvmSwift, linkerSettings: llvmLink),
        // The benchmark harness behind `wasmex bench` (jit, interp = WasmKit, wasmtime via Python).
        .target(name: "WasmexBench",
                dependencies: ["Wasmex", "WasmexWASI", "WasmFrontend", .product(name: "WasmKit", package: "WasmKit"),
                               .product(name: "WasmKitWASI", package: "WasmKit")],
                exclude: ["wasmtime_runner.py"],
                swiftSettings: llvmSwift, linkerSettings: llvmLink),
        .executableTarget(name: "WasmexCLI",
                dependencies: ["Wasmex", "WasmexSpec", "WasmFrontend", "WasmCompiler", "WasmexBench",
                               .product(name: "ArgumentParser", package: "swift-argument-parser")],
                swiftSettings: llvmSwift, linkerSettings: llvmLink),
        .testTarget(name: "WasmFrontendTests", dependencies: ["WasmFrontend"]),
        .testTarget(name: "WasmCompilerTests",
                dependencies: ["WasmCompiler", "WasmFrontend", "CLLVM", "CWasmexRuntime"],
                swiftSettings: llvmSwift, linkerSettings: llvmLink),
        .testTarget(name: "WasmexTests",
                dependencies: ["Wasmex", "WasmexSpec", "WasmFrontend", "WasmexBench"],
                swiftSettings: llvmSwift, linkerSettings: llvmLink),
    ],
    swiftLanguageModes: [.v6]
)
