// A plugin built against a future SDK: same layout, another ABI number.
#include "FixturePlugins.h"
namespace {
const char *const Rules[] = {"fixture.main-file"};
portolan::sdk::Analyzer *create() { return new fixture::MainFileAnalyzer(); }
void destroy(portolan::sdk::Analyzer *A) { delete A; }
} // namespace
extern "C" BOOST_SYMBOL_EXPORT const portolan::sdk::PluginDescriptor
    portolan_plugin_descriptor = {portolan::sdk::PluginAbiVersion + 41,
                                  LLVM_VERSION_MAJOR, "fixture-wrong-abi", "1.0",
                                  Rules, 1, nullptr, &create, &destroy};
