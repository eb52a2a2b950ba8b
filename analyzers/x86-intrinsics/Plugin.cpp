//===- Plugin.cpp - the x86-intrinsics plugin's entry -----------------------===//
#include "X86IntrinsicsAnalyzer.h"

namespace {
const char *const Rules[] = {"x86.intrinsic", "x86.intrinsic-constant",
                             "x86.vector-type", "x86.builtin"};
// The host's prefilter already looks for every name this plugin reports
// (the knowledge base's names, platform macros, MSVC keywords, asm, ...).
const char *const PrefilterWords[] = {""};
}

PORTOLAN_PLUGIN_WITH_WORDS("x86-intrinsics", "0.1.0",
                portolan::analyzers::X86IntrinsicsAnalyzer, Rules, nullptr,
                           PrefilterWords);
