// The compile-database reader: the bytes as build/compile_commands.json of
// a tree with one source.
#include "FuzzInput.h"

#include "portolan/scan/CompilePlan.h"
#include "portolan/scan/Discovery.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  static const std::string Root = [] {
    std::string Source = portolan_fuzz::writeInput("tree/a.c", "int a;\n");
    return portolan_fuzz::folder() + "/tree";
  }();
  std::string Db =
      portolan_fuzz::writeInput("build/compile_commands.json", portolan_fuzz::bytes(Data, Size));
  llvm::Expected<portolan::SourceTree> Tree = portolan::discoverSources(Root, {});
  if (!Tree) {
    llvm::consumeError(Tree.takeError());
    return 0;
  }
  portolan::PlanOptions Options;
  Options.BuildDir = portolan_fuzz::folder() + "/build";
  (void)portolan::planCompilation(*Tree, Options);
  return 0;
}
