//===- portolan/scan/Scan.h - one scan of a tree into the results store ---===//
//
// The scan's one entry point: what `portolan scan` runs between reading its
// options and writing its report, and what `portolan plan` runs once per
// system of an inventory. Its stages are discover, plan, prefilter, parse
// and store (docs/ARCHITECTURE.md).
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_SCAN_SCAN_H
#define PORTOLAN_SCAN_SCAN_H

#include "portolan/base/Finding.h"
#include "portolan/kb/KnowledgeBase.h"
#include "portolan/scan/Discovery.h"
#include "portolan/scan/PluginHost.h"
#include "portolan/scan/ScanDriver.h"
#include "portolan/scan/TargetCheck.h"
#include "portolan/store/ResultsStore.h"

#include <llvm/Support/Error.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace portolan {

/// What to scan and how.
struct ScanRequest {
  std::string Root;
  std::string BuildDir; ///< Holding compile_commands.json, a .sln or .vcxproj, or empty.
  std::string MsBuildConfig; ///< "Release|x64"; empty: the default (PlanOptions).
  unsigned Jobs = 0;    ///< Workers; 0 = one per core.
  std::vector<std::string> Excludes, Defines;
  std::optional<Platform> ForcedPlatform;
  std::optional<TargetCheckOptions> Target;
  bool Prefilter = true, Reuse = true;
  /// Parse an inferred Linux unit again as Windows when its own file holds
  /// code under a Windows test that the first parse skipped, and add what
  /// that parse finds there (inactive). Off by default: each such parse
  /// reads the Windows SDK's headers (about 1 s a unit).
  bool WindowsBranches = false;
  /// Parse the system headers that several units read first, with the
  /// same command, once (a precompiled header); the findings are the same.
  /// Off by default: on Notepad++ it saved 9-14% of the time and cost
  /// 21-37% more peak memory (bench/README.md).
  bool SharedPrefix = false;
  /// Worker processes and the limits on each unit (ScanDriver.h); the
  /// command line isolates by default.
  UnitLimits Limits;
  /// Only this part of the units and files (`scan --shard I/N`; runScan
  /// says how); its run is recorded as that shard, for `portolan merge`.
  Shard Part;
};

/// The options of Request that change what a scan finds (build folder,
/// configuration, excludes, defines, platform, prefilter, Windows branches,
/// target check), hashed: RunOrigin::Settings, by which `plan --from`
/// finds a system's run.
std::string scanSettingsKey(const ScanRequest &Request);

/// What a scan runs with, and where it reports as it goes.
struct ScanContext {
  const PluginHost &Host;
  /// Null when no knowledge base could be opened: findings are then stored
  /// without what the knowledge base says of them.
  const KnowledgeBase *KB = nullptr;
  ResultsStore &Store;
  /// The running executable, whose build is part of every stored result's
  /// key (getMainExecutable).
  std::string HostBinary;
  /// One line for each problem met on the way (a skipped file, a broken
  /// compilation database); the scan goes on.
  std::function<void(const std::string &)> Warn;
  /// Called as each unit or file finishes (Done of Total), on one thread at
  /// a time; may be empty.
  std::function<void(size_t Done, size_t Total, const std::string &File)> Progress;
};

/// Discovers, plans, prefilters, parses and stores Request.Root as a new
/// run of Context.Store. Returns the run, or the error that stopped the
/// scan; the tree as discovered goes to TreeOut when given.
llvm::Expected<int64_t> scanTree(const ScanRequest &Request, const ScanContext &Context,
                                 SourceTree *TreeOut = nullptr);

/// Records what KB says of the symbols Run's findings name (the first
/// sighting of each, by rule and note, tells which entry answers): at the
/// end of a scan, and for a run merged from shards.
llvm::Error recordKnowledge(ResultsStore &Store, int64_t Run, const KnowledgeBase &KB);

/// What the results file records of each plugin the host loaded or refused.
std::vector<PluginRecord> pluginRecords(const PluginHost &Host);

/// Merges the knowledge-base fragments of Host's plugins into KB. A fragment
/// that conflicts is left out whole; each conflict is one line of the
/// result, naming the plugin.
std::vector<std::string> mergePluginFragments(KnowledgeBase &KB, const PluginHost &Host);

} // namespace portolan

#endif
