//===- Plugin.cpp - the x86-intrinsics plugin's entry -----------------------===//
#include "X86IntrinsicsAnalyzer.h"

namespace {
const char *const Rules[] = {"x86.intrinsic", "x86.intrinsic-constant",
                             "x86.vector-type", "x86.builtin"};
}

PORTOLAN_PLUGIN("x86-intrinsics", "0.1.0",
                portolan::analyzers::X86IntrinsicsAnalyzer, Rules, nullptr);
