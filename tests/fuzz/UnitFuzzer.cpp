// One unit's analysis: the bytes as a C source parsed by Clang with the
// built-in plugins and the knowledge base's names, so the conditional
// tracker, the skipped-code lexer and every analyzer see them.
#include "FuzzInput.h"

#include "portolan/kb/KnowledgeBase.h"
#include "portolan/scan/Discovery.h"
#include "portolan/scan/PluginHost.h"
#include "portolan/scan/UnitAnalysis.h"

#include <cstdlib>

namespace {
struct Setup {
  portolan::PluginHost Host;
  portolan::LexicalNames Names;
  portolan::CompileJob Job;
  std::string Root;
  Setup() {
    Host.loadDirectory(PORTOLAN_BUILTIN_PLUGIN_DIR);
    auto KB = portolan::KnowledgeBase::open(PORTOLAN_KB_FILE);
    if (!KB)
      std::abort();
    Names = (*KB)->lexicalNames();
    portolan_fuzz::writeInput("unit/a.c", "int a;\n");
    Root = portolan_fuzz::folder() + "/unit";
    auto Tree = portolan::discoverSources(Root, {});
    if (!Tree)
      std::abort();
    portolan::CompilePlan Plan = portolan::planCompilation(*Tree, {});
    if (Plan.Jobs.empty())
      std::abort();
    Job = Plan.Jobs[0];
  }
};
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  static Setup *S = new Setup;
  portolan_fuzz::writeInput("unit/a.c", portolan_fuzz::bytes(Data, Size));
  (void)portolan::analyzeUnit(S->Job, S->Root, S->Host, &S->Names);
  return 0;
}
