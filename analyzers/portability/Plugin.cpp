//===- Plugin.cpp - the portability plugin's entry --------------------------===//
#include "PortabilityAnalyzer.h"

namespace {
const char *const Rules[] = {"portability.char-sign", "portability.long-double",
                             "portability.unaligned-cast"};
}

PORTOLAN_PLUGIN("portability", "0.1.0", portolan::analyzers::PortabilityAnalyzer, Rules,
                nullptr);
