//===- Plugin.cpp - the windows plugin's entry ------------------------------===//
#include "WindowsApiAnalyzer.h"
#include "WindowsCodeAnalyzers.h"

namespace {
using WindowsAnalyzer =
    portolan::sdk::AnalyzerSet<portolan::analyzers::WindowsApiAnalyzer,
                               portolan::analyzers::WindowsTypeAnalyzer,
                               portolan::analyzers::WindowsIncludeAnalyzer,
                               portolan::analyzers::WindowsLibraryAnalyzer,
                               portolan::analyzers::WindowsTextAnalyzer>;
const char *const Rules[] = {"win32.api",         "win32.type",           "win32.include",
                             "win32.include-path", "win32.library",        "win32.wide-string",
                             "win32.path-separator", "win32.crt"};
// The host's prefilter already looks for every name this plugin reports
// (the knowledge base's names, platform macros, MSVC keywords, asm, ...).
const char *const PrefilterWords[] = {""};
} // namespace

PORTOLAN_PLUGIN_WITH_WORDS("windows", "0.2.0", WindowsAnalyzer, Rules, nullptr,
                           PrefilterWords);
