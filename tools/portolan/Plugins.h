//===- Plugins.h - loading plugins and the knowledge base for commands ----===//
#ifndef PORTOLAN_TOOLS_PLUGINS_H
#define PORTOLAN_TOOLS_PLUGINS_H

#include "portolan/kb/KnowledgeBase.h"
#include "portolan/scan/PluginHost.h"

#include <memory>
#include <string>

namespace portolan::cli {

/// Loads the built-in folder, every --plugin-dir and PORTOLAN_PLUGIN_PATH.
void loadPlugins(PluginHost &Host, const char *Argv0);
/// loadPlugins for a command that analyzes: each refused plugin is a
/// warning; false (after the error line) when none could be loaded.
bool loadAnalyzers(PluginHost &Host, const char *Argv0);
/// Opens the knowledge base and merges the fragments of the loaded plugins;
/// a fragment that conflicts is reported (one line per conflict) and left out.
llvm::Expected<std::unique_ptr<KnowledgeBase>> openKnowledgeBase(const char *Argv0,
                                                                 const PluginHost &Host);
/// The running executable's path.
std::string mainExecutable(const char *Argv0);

} // namespace portolan::cli

#endif
