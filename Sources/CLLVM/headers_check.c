// A C target needs one translation unit. This one compiles LLVM's C headers on
// their own, so a missing or wrong LLVM shows up as one clear C error (see
// CLLVM.h) before any Swift file is compiled against them.
#include "CLLVM.h"
