//===- Plugins.cpp - loading plugins and the knowledge base for commands --===//
#include "Plugins.h"

#include "Cli.h"

#include "portolan/scan/Scan.h"

#include <llvm/Support/FileSystem.h>

namespace portolan::cli {

void loadPlugins(PluginHost &Host, const char *Argv0) {
  static int Anchor;
  Host.loadDirectory(PluginHost::defaultPluginDir(Argv0, &Anchor));
  for (const std::string &Dir : pluginDirs())
    Host.loadDirectory(Dir);
  for (const std::string &Dir : PluginHost::pluginPathFromEnvironment())
    Host.loadDirectory(Dir);
}

bool loadAnalyzers(PluginHost &Host, const char *Argv0) {
  loadPlugins(Host, Argv0);
  for (const RefusedPlugin &P : Host.refused())
    warn("plugin " + P.Path + " refused: " + P.Reason);
  if (Host.loaded().empty()) {
    fail("no analyzer plugin could be loaded; see 'portolan plugins'", ExitNoAnalyzer);
    return false;
  }
  return true;
}

llvm::Expected<std::unique_ptr<KnowledgeBase>> openKnowledgeBase(const char *Argv0,
                                                                 const PluginHost &Host) {
  auto KB = KnowledgeBase::open(kbPath(Argv0));
  if (!KB)
    return KB.takeError();
  for (const std::string &Problem : mergePluginFragments(**KB, Host))
    fail(Problem, 0);
  return KB;
}

std::string mainExecutable(const char *Argv0) {
  static int Anchor;
  return llvm::sys::fs::getMainExecutable(Argv0, &Anchor);
}

} // namespace portolan::cli
