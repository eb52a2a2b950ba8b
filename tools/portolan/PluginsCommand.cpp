//===- PluginsCommand.cpp - portolan plugins ------------------------------===//
#include "Cli.h"
#include "Plugins.h"

#include <llvm/Support/FormatVariadic.h>
#include <llvm/Support/JSON.h>

namespace portolan::cli {

int runPlugins(const char *Argv0) {
  PluginHost Host;
  loadPlugins(Host, Argv0);
  return emit([&](llvm::raw_ostream &OS) {
    if (format() == Format::Json) {
      llvm::json::Array A;
      for (const LoadedPlugin &P : Host.loaded())
        A.push_back(llvm::json::Object{{"path", P.Path},
                                       {"loaded", true},
                                       {"name", P.Descriptor->Name},
                                       {"version", P.Descriptor->Version},
                                       {"rules", llvm::json::Array(P.RuleIds)},
                                       {"kb_fragment", P.Descriptor->KbFragment
                                                           ? P.Descriptor->KbFragment
                                                           : ""}});
      for (const RefusedPlugin &P : Host.refused())
        A.push_back(
            llvm::json::Object{{"path", P.Path}, {"loaded", false}, {"reason", P.Reason}});
      OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(A))) << "\n";
      return;
    }
    for (const LoadedPlugin &P : Host.loaded()) {
      OS << "loaded   " << P.Descriptor->Name << " " << P.Descriptor->Version << "  " << P.Path
         << "\n         rules:";
      for (const std::string &R : P.RuleIds)
        OS << " " << R;
      if (P.Descriptor->KbFragment && *P.Descriptor->KbFragment)
        OS << "\n         knowledge-base fragment: " << P.Descriptor->KbFragment;
      OS << "\n";
    }
    for (const RefusedPlugin &P : Host.refused())
      OS << "refused  " << P.Path << ": " << P.Reason << "\n";
  });
}

} // namespace portolan::cli
