// A C target needs one translation unit. This one compiles LLVM's C headers
// once, on their own, so a missing or wrong LLVM shows up as one clear C error
// before any Swift file is compiled against them.
#include "CLLVM.h"

/// The LLVM version the process is linked against, as "major.minor.patch".
/// Used only to check the headers and the library agree on the C ABI.
unsigned wasmex_llvm_major_version(void) {
    unsigned major = 0, minor = 0, patch = 0;
    LLVMGetVersion(&major, &minor, &patch);
    return major;
}
