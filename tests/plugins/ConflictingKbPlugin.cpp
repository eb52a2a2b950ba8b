// A plugin whose knowledge-base fragment redefines an intrinsic of the core.
#include "FixturePlugins.h"
namespace {
const char *const Rules[] = {"fixture.main-file"};
}
PORTOLAN_PLUGIN("fixture-conflicting-kb", "1.0", fixture::MainFileAnalyzer, Rules,
                "conflicting-kb.toml");
