// The built-in plugins' file analyzers (assembly sources, CMake and make
// files, MSBuild projects, binaries): the bytes as each kind of file.
#include "FuzzInput.h"

#include "portolan/scan/FileAnalysis.h"
#include "portolan/scan/PluginHost.h"

namespace {
const portolan::PluginHost &host() {
  static const portolan::PluginHost *Host = [] {
    auto *H = new portolan::PluginHost;
    H->loadDirectory(PORTOLAN_BUILTIN_PLUGIN_DIR);
    return H;
  }();
  return *Host;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  const std::vector<std::string> Files = {"src/x.S", "src/y.asm", "CMakeLists.txt",
                                          "Makefile", "app.vcxproj", "lib/z.so"};
  for (const std::string &F : Files)
    portolan_fuzz::writeInput("tree/" + F, portolan_fuzz::bytes(Data, Size));
  std::string Root = portolan_fuzz::folder() + "/tree";
  for (const std::string &F : Files)
    (void)portolan::analyzeFile(F, Root, host(), Files);
  return 0;
}
