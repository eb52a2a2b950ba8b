//===- Plugins.cpp - loading plugins and the knowledge base for commands --===//
#include "Plugins.h"

#include "Cli.h"

#include <llvm/ADT/SmallString.h>
#include <llvm/Support/Path.h>

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

std::vector<PluginRecord> pluginRecords(const PluginHost &Host) {
  std::vector<PluginRecord> Records;
  for (const LoadedPlugin &P : Host.loaded())
    Records.push_back({P.Descriptor->Name, P.Descriptor->Version, P.Path, true, ""});
  for (const RefusedPlugin &P : Host.refused())
    Records.push_back({"", "", P.Path, false, P.Reason});
  return Records;
}

llvm::Expected<std::unique_ptr<KnowledgeBase>> openKnowledgeBase(const char *Argv0,
                                                                 const PluginHost &Host) {
  auto KB = KnowledgeBase::open(kbPath(Argv0));
  if (!KB)
    return KB.takeError();
  for (const LoadedPlugin &P : Host.loaded()) {
    if (!P.Descriptor->KbFragment || !*P.Descriptor->KbFragment)
      continue;
    llvm::SmallString<256> Fragment(llvm::sys::path::parent_path(P.Path));
    llvm::sys::path::append(Fragment, P.Descriptor->KbFragment);
    if (llvm::Error E = (*KB)->mergeFragment(Fragment)) {
      // Each conflict is a line of its own; the fragment is left out whole.
      std::string Lines = llvm::toString(std::move(E));
      llvm::SmallVector<llvm::StringRef, 4> Split;
      llvm::StringRef(Lines).split(Split, '\n');
      for (llvm::StringRef L : Split)
        fail("knowledge-base fragment of plugin " + std::string(P.Descriptor->Name) +
                 " refused: " + L,
             0);
    }
  }
  return KB;
}

} // namespace portolan::cli
