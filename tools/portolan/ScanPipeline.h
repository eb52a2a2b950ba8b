//===- ScanPipeline.h - one scan of a tree into the results store ---------===//
//
// What `portolan scan` does between reading its options and writing its
// report, shared with `portolan plan`, which scans each system of an
// inventory the same way.
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_TOOLS_SCANPIPELINE_H
#define PORTOLAN_TOOLS_SCANPIPELINE_H

#include "portolan/Discovery.h"
#include "portolan/Finding.h"
#include "portolan/KnowledgeBase.h"
#include "portolan/PluginHost.h"
#include "portolan/ResultsStore.h"
#include "portolan/ScanDriver.h"

#include <optional>
#include <string>
#include <vector>

namespace portolan::cli {

struct ScanRequest {
  std::string Root;
  std::string BuildDir; ///< Holding compile_commands.json, or empty.
  unsigned Jobs = 0;
  std::vector<std::string> Excludes, Defines;
  std::optional<Platform> ForcedPlatform;
  std::optional<TargetCheckOptions> Target;
  bool Prefilter = true, Reuse = true;
  bool Progress = false; ///< A progress line on stderr.
  std::string WarningPrefix; ///< Put before each warning ("system ledger: ").
};

/// Discovers, plans, prefilters, parses and enriches Request.Root into a
/// new run of Store, warning (one line each) about the problems met on the
/// way. Returns the run, or the error that stopped the scan; the tree as
/// discovered goes to TreeOut when given.
llvm::Expected<int64_t> scanIntoStore(const ScanRequest &Request, const PluginHost &Host,
                                      const KnowledgeBase *KB, ResultsStore &Store,
                                      const char *Argv0, SourceTree *TreeOut = nullptr);

/// The knowledge base's entry for a finding's symbol: its own; for a
/// Windows API without one, its header's rule; for a construct (inline asm,
/// an x86 guard, __declspec(dllexport)), the entry of its rule.
std::optional<KbSymbol> kbEntryFor(const KnowledgeBase &KB, const Finding &F);

/// The results file: --db, else .portolan/results.db under the working
/// directory.
std::string resultsPath(const std::string &DbOption);

} // namespace portolan::cli

#endif
