//===- portolan/scan/ScanDriver.h - every unit on a pool of workers -------===//
#ifndef PORTOLAN_SCAN_SCANDRIVER_H
#define PORTOLAN_SCAN_SCANDRIVER_H

#include "portolan/base/Finding.h"
#include "portolan/base/Shards.h"
#include "portolan/kb/LexicalNames.h"
#include "portolan/scan/CompilePlan.h"
#include "portolan/scan/FileHashes.h"
#include "portolan/scan/PluginHost.h"
#include "portolan/scan/TargetCheck.h"
#include "portolan/scan/UnitAnalysis.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace portolan {

/// Called once per finished unit, on one thread at a time.
using UnitCallback = std::function<void(const TUResult &, size_t Done, size_t Total)>;

/// A stored result for a unit (or a file of runFileScan), by its path
/// relative to the root, whose key and files are unchanged; or none.
using ReuseLookup = std::function<std::optional<TUResult>(
    const std::string &RelFile, const std::string &Key,
    const std::function<std::string(const std::string &Rel)> &HashOf)>;

/// Bounds on each unit's parse.
struct UnitLimits {
  /// Parse the units in worker processes (UnitWorkers.h), so that a crash,
  /// a hang or runaway memory costs only the unit it happened in; without,
  /// in threads of this process and with no limits.
  bool Isolate = false;
  /// Wall time for one unit's parses; 0 for none.
  unsigned Seconds = 0;
  /// A busy worker's resident memory, in MB, checked every 100 ms; 0 for
  /// none.
  unsigned MemoryMB = 0;
};

/// What `portolan scan` and `plan` bound a unit by unless told otherwise:
/// far above what any unit of the bench trees needs (bench/README.md).
inline constexpr unsigned DefaultUnitSeconds = 300;
inline constexpr unsigned DefaultUnitMemoryMB = 4096;

struct ScanSettings {
  unsigned Workers = 0; ///< 0 = one per core.
  const LexicalNames *Names = nullptr;
  /// Without Names: asked before each parse, from any worker, so that a
  /// rescan that parses nothing never builds them; must be thread-safe.
  std::function<const LexicalNames *()> NamesOnDemand;
  const TargetCheckOptions *Target = nullptr;
  /// What else a unit's result depends on (plugin builds, KB version,
  /// options); with it, each result gets its CacheKey and FileHashes.
  std::string CacheSalt;
  /// Asked before each parse when set (and CacheSalt is).
  ReuseLookup Reuse;
  /// The scan's file hashes; without, runScan keeps its own.
  FileHashes *Hashes = nullptr;
  /// Set by runScan for its parses.
  ParseCache *Cache = nullptr;
  /// Parse an inferred Linux unit again as Windows when its own file holds
  /// Windows code that the first parse skipped (ScanRequest::WindowsBranches).
  bool OtherConfigurations = false;
  /// Units that share their command and their first system headers are
  /// parsed over one precompiled header of those (SharedPrefix.h).
  bool SharedPrefix = false;
  /// Isolation and limits. With SharedPrefix, units are parsed in this
  /// process (its precompiled headers are built and shared by threads).
  UnitLimits Limits;
  /// Only this part of the work (runScan); whole by default.
  Shard Part;
};

/// What runScan did beyond the results.
struct ScanStats {
  unsigned SharedPrefixes = 0;        ///< Precompiled headers built.
  unsigned UnitsOverSharedPrefix = 0; ///< Units whose parse used one.
  /// The first shared prefix that did not precompile (its units were
  /// parsed in full).
  std::string SharedPrefixError;
  /// Visual Studio units parsed again with _MSC_VER (MsvcVersion) defined,
  /// whose second parse had fewer errors and was kept.
  unsigned UnitsWithMsvcVersion = 0;
  /// One line per unit whose worker died or was stopped: its file and why.
  std::vector<std::string> Stopped;
};

/// The _MSC_VER of Visual C++ 2022 (17.9), which a Visual Studio unit that
/// needs it is parsed with.
inline constexpr const char *MsvcVersion = "1939";

/// Runs analyzeUnit over every job of Plan on Workers workers (0 = one per
/// core), largest files first, and hands each result to OnUnit. Then runs
/// the deferred jobs whose file no unit read, and the header jobs whose
/// file no parse read. Returns how many deferred
/// sources were analyzed through the units that read them.
/// With Settings.Target, each unit that needsTargetCheck is parsed again
/// for it; with Settings.Reuse, unchanged units are not parsed at all.
///
/// With Settings.Part, only that part of each pass's jobs is run: units
/// balanced by the bytes of the project files their includes reach, a
/// deferred source or header with the first unit whose includes reach it
/// (the others balanced too). A shard
/// cannot know what the others' units read, so it runs its deferred
/// sources and headers that its own units did not read, as candidates
/// (UnitPhase): the merge keeps those that no unit of any shard read.
/// Every result names its pass (TUResult::Phase).
size_t runScan(const CompilePlan &Plan, llvm::StringRef Root, const PluginHost &Plugins,
               const ScanSettings &Settings, const UnitCallback &OnUnit,
               ScanStats *Stats = nullptr);

} // namespace portolan

#endif
