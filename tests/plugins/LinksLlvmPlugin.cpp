// A plugin built the old way, with Debian's shared libLLVM linked in: a host
// that links its own LLVM must refuse it before loading it.
#include "FixturePlugins.h"
namespace {
const char *const Rules[] = {"fixture.main-file"};
}
PORTOLAN_PLUGIN("fixture-links-llvm", "1.0", fixture::MainFileAnalyzer, Rules, nullptr);
