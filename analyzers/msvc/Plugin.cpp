//===- Plugin.cpp - the msvc plugin's entry ---------------------------------===//
#include "MsvcAnalyzers.h"

namespace {
using MsvcAnalyzer = portolan::sdk::AnalyzerSet<portolan::analyzers::MsvcSyntaxAnalyzer,
                                                portolan::analyzers::MsvcPreprocessorAnalyzer>;
const char *const Rules[] = {
    "msvc.seh",         "msvc.declspec",   "msvc.int-types",     "msvc.intrinsic",
    "msvc.assume",      "msvc.debugbreak", "msvc.noop",          "msvc.alloca",
    "msvc.secure-crt",  "msvc.pragma-comment-lib", "msvc.msc-ver-guard",
    "msvc.forceinline", "msvc.callconv"};
// The host's prefilter already looks for every name this plugin reports
// (the knowledge base's names, platform macros, MSVC keywords, asm, ...).
const char *const PrefilterWords[] = {""};
} // namespace

PORTOLAN_PLUGIN_WITH_WORDS("msvc", "0.1.0", MsvcAnalyzer, Rules, nullptr,
                           PrefilterWords);
