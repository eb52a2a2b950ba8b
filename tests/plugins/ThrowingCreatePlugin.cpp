// A plugin whose analyzer cannot even be created.
#include "FixturePlugins.h"
namespace {
class Unbuildable : public portolan::sdk::Analyzer {
public:
  Unbuildable() { throw std::runtime_error("license file missing"); }
};
const char *const Rules[] = {"fixture.never"};
} // namespace
PORTOLAN_PLUGIN("fixture-throws-on-create", "1.0", Unbuildable, Rules, nullptr);
