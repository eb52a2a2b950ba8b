//===- Plugin.cpp - the portability plugin's entry --------------------------===//
#include "PortabilityAnalyzer.h"

namespace {
const char *const Rules[] = {"portability.char-sign", "portability.long-double",
                             "portability.unaligned-cast"};
// Advisory findings with no token to look for (any char comparison): units
// the prefilter leaves out lose them, by design (docs/rules.md).
const char *const PrefilterWords[] = {""};
}

PORTOLAN_PLUGIN_WITH_WORDS("portability", "0.1.0", portolan::analyzers::PortabilityAnalyzer,
                           Rules, nullptr, PrefilterWords);
