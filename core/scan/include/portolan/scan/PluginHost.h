//===- portolan/scan/PluginHost.h - loads analyzer plugins through Boost.DLL ---===//
#ifndef PORTOLAN_SCAN_PLUGINHOST_H
#define PORTOLAN_SCAN_PLUGINHOST_H

#include "portolan/sdk/Analyzer.h"

#include <llvm/ADT/StringRef.h>

#include <memory>
#include <string>
#include <vector>

namespace boost::dll {
class shared_library;
}

namespace portolan {

/// A plugin library that passed every check.
struct LoadedPlugin {
  std::string Path;
  const sdk::PluginDescriptor *Descriptor = nullptr;
  std::vector<std::string> RuleIds;
};

/// A library that was refused, with the one-line reason.
struct RefusedPlugin {
  std::string Path;
  std::string Reason;
};

/// Loads plugins and keeps every library loaded until the host is destroyed,
/// so nothing a plugin made can outlive its code.
class PluginHost {
public:
  PluginHost();
  ~PluginHost();
  PluginHost(const PluginHost &) = delete;
  PluginHost &operator=(const PluginHost &) = delete;

  /// Loads every shared library directly inside Dir (not recursively).
  /// A missing folder is refused like a bad library.
  void loadDirectory(llvm::StringRef Dir);
  /// Loads one library; returns true when it was accepted.
  bool loadFile(llvm::StringRef Path);

  const std::vector<LoadedPlugin> &loaded() const { return Loaded; }
  const std::vector<RefusedPlugin> &refused() const { return Refused; }

  /// The plugin folder of a build or installation, next to the executable:
  /// <exe dir>/../lib/portolan/plugins.
  static std::string defaultPluginDir(const char *Argv0, void *MainAddr);
  /// The folders named by PORTOLAN_PLUGIN_PATH (':'-separated).
  static std::vector<std::string> pluginPathFromEnvironment();

private:
  bool refuse(llvm::StringRef Path, std::string Reason);

  std::vector<std::unique_ptr<boost::dll::shared_library>> Libraries;
  std::vector<LoadedPlugin> Loaded;
  std::vector<RefusedPlugin> Refused;
};

} // namespace portolan

#endif
