//===- Plugin.cpp - the windows plugin's entry -----------------------------===//
#include "WindowsApiAnalyzer.h"

namespace {
const char *const Rules[] = {"win32.api"};
}

PORTOLAN_PLUGIN("windows", "0.1.0", portolan::analyzers::WindowsApiAnalyzer, Rules, nullptr);
