#include "FixturePlugins.h"
namespace {
const char *const Rules[] = {"fixture.main-file"};
}
PORTOLAN_PLUGIN("fixture-good", "1.0", fixture::MainFileAnalyzer, Rules, nullptr);
