//===- Plugin.cpp - the x86-code plugin's entry -----------------------------===//
#include "X86CodeAnalyzers.h"

namespace {
using X86CodeAnalyzer =
    portolan::sdk::AnalyzerSet<portolan::analyzers::InlineAsmAnalyzer,
                               portolan::analyzers::ArchGuardAnalyzer,
                               portolan::analyzers::DispatchAnalyzer>;
const char *const Rules[] = {"x86.inline-asm",       "x86.compiler-barrier", "x86.arch-guard",
                             "x86.error-guard",      "x86.target-attribute",
                             "x86.cpu-dispatch"};
// The host's prefilter already looks for every name this plugin reports
// (the knowledge base's names, platform macros, MSVC keywords, asm, ...).
const char *const PrefilterWords[] = {""};
} // namespace

PORTOLAN_PLUGIN_WITH_WORDS("x86-code", "0.1.0", X86CodeAnalyzer, Rules, nullptr,
                           PrefilterWords);
