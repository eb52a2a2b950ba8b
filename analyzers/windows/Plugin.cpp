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
                             "win32.path-separator"};
} // namespace

PORTOLAN_PLUGIN("windows", "0.2.0", WindowsAnalyzer, Rules, nullptr);
