// LLVM 19's C API, as Debian's llvm-19-dev installs it (/usr/lib/llvm-19/include).
//
// `llvm-c` and `llvm/Config` next to this file are symbolic links into it (the C
// headers and the build configuration they read). SwiftPM puts this folder (the
// target's public headers) on the header search path of every target that
// imports CLLVM, so LLVM's own `#include "llvm-c/…"` lines find the headers with
// no unsafe compiler flag in Package.swift. The library itself, libLLVM-19.so,
// is on the default linker path on Debian.
#if !__has_include("llvm-c/Core.h")
#error "Wasmex needs LLVM 19's C API: install Debian's llvm-19-dev (apt-get install llvm-19-dev)"
#endif
#include "llvm-c/Core.h"
#include "llvm-c/Analysis.h"
#include "llvm-c/Error.h"
#include "llvm-c/Target.h"
#include "llvm-c/TargetMachine.h"
#include "llvm-c/Object.h"
#include "llvm-c/Orc.h"
#include "llvm-c/LLJIT.h"
#include "llvm-c/Support.h"
#include "llvm-c/DebugInfo.h"
#include "llvm-c/Transforms/PassBuilder.h"
