//===- Plugin.cpp - the x86-files plugin's entry ----------------------------===//
#include "X86FilesAnalyzer.h"

namespace {
const char *const Rules[] = {"x86.asm-source",       "x86.build-flag",
                             "x86.build-arch-check", "win32.build-platform",
                             "win32.build-library",  "x86.binary"};
}

PORTOLAN_FILE_PLUGIN("x86-files", "0.1.0", portolan::analyzers::X86FilesAnalyzer, Rules,
                     nullptr);
