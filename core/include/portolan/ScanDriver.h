//===- portolan/ScanDriver.h - parses each unit once, runs every analyzer -===//
#ifndef PORTOLAN_SCANDRIVER_H
#define PORTOLAN_SCANDRIVER_H

#include "portolan/CompilePlan.h"
#include "portolan/FileStat.h"
#include "portolan/Finding.h"
#include "portolan/LexicalNames.h"
#include "portolan/PluginHost.h"

#include <llvm/ADT/StringMap.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace portolan {

/// Clang's resource directory (holding include/immintrin.h ...): the
/// PORTOLAN_CLANG_RESOURCE_DIR environment variable, else the one of the
/// Clang Portolan was built with.
std::string clangResourceDir();

/// Files' stats and contents shared by the parses of one scan: a header
/// that every unit includes is looked up and read once, not once per unit.
/// Thread-safe; the files must not change while it lives.
struct ParseCache;
std::shared_ptr<ParseCache> makeParseCache();

/// Parses Job once with Clang and runs every loaded plugin over it. Never
/// throws: a unit that cannot be parsed comes back with Parsed == false and
/// its errors; a plugin that throws is recorded in AnalyzerErrors. With
/// Names, the ranges the parse skipped are scanned lexically too, and
/// every finding gets its guard context. With Cache, files are read
/// through it.
TUResult analyzeUnit(const CompileJob &Job, llvm::StringRef Root,
                     const PluginHost &Plugins, const LexicalNames *Names = nullptr,
                     ParseCache *Cache = nullptr);

/// A second parse of units for the port's target (--verify-target).
struct TargetCheckOptions {
  std::string Name;    ///< "aarch64", as findings and reports name it.
  std::string Triple;  ///< "aarch64-linux-gnu".
  std::string Sysroot; ///< Empty for the compiler's default search.
};

/// Called once per finished unit, on one thread at a time.
using UnitCallback = std::function<void(const TUResult &, size_t Done, size_t Total)>;

/// Runs analyzeUnit over every job of Plan on Workers workers (0 = one per
/// core), largest files first, and hands each result to OnUnit. Then runs
/// the deferred jobs whose file no unit read. Returns how many deferred
/// sources were analyzed through the units that read them.
/// A stored result for a unit (or a file of runFileScan), by its path
/// relative to the root, whose key and files are unchanged; or none.
using ReuseLookup = std::function<std::optional<TUResult>(
    const std::string &RelFile, const std::string &Key,
    const std::function<std::string(const std::string &Rel)> &HashOf)>;

/// A file's device, inode, size and times (no hash), or none if it cannot
/// be stat'ed.
std::optional<FileStat> statFile(const std::string &Path);

/// Content hashes of a tree's files (contentHash), each computed once per
/// scan and shared by every worker. With the stats of an earlier scan, a
/// file whose stat is unchanged is not read at all.
class FileHashes {
public:
  explicit FileHashes(std::string Root, llvm::StringMap<FileStat> Known = {});
  ~FileHashes();
  /// The hash of a file relative to the root; empty if unreadable.
  std::string operator()(const std::string &Rel);
  /// Hashes Files on Workers threads (0 = one per core), ahead of need.
  void prime(const std::vector<std::string> &Files, unsigned Workers);
  /// The stats of the files hashed (read) in this scan, to keep for the next.
  std::vector<std::pair<std::string, FileStat>> newStats() const;

private:
  struct Impl;
  std::unique_ptr<Impl> P;
};

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
};

/// With Settings.Target, each unit that needsTargetCheck is parsed again
/// for it; with Settings.Reuse, unchanged units are not parsed at all.
size_t runScan(const CompilePlan &Plan, llvm::StringRef Root, const PluginHost &Plugins,
               const ScanSettings &Settings, const UnitCallback &OnUnit);

/// xxh3 of Bytes as 16 lowercase hex digits: every hash and key the
/// results store keeps for rescans.
std::string hashText(llvm::StringRef Bytes);

/// The content hash of a file (hashText of its bytes), as stored for
/// rescans; empty if unreadable.
std::string contentHash(const std::string &Path);

/// Job as a parse for the target: its triple, its sysroot, and no flag
/// only an x86 target accepts (-mavx2, -march=haswell, -m32).
CompileJob jobForTarget(const CompileJob &Job, const TargetCheckOptions &Options);

/// Whether U has an active x86 finding, so that a target parse tells
/// something: Linux units only (a Windows unit fails on Linux anyway).
bool needsTargetCheck(const TUResult &U);

/// Gives U's active findings the outcome of the target parse: the first
/// error on their line, or none; errors on lines without a finding become
/// target.parse-error findings. An error inside a system header counts at
/// the project line that includes it; lines that failed in U's own parse
/// are left out.
void attachTargetErrors(TUResult &U, const std::vector<ParseError> &Errors,
                        llvm::StringRef Target);

/// Parses Job for the target and attaches the outcome to U.
void checkOnTarget(TUResult &U, const CompileJob &Job, llvm::StringRef Root,
                   const TargetCheckOptions &Options);

/// Every interested file analyzer over the file Rel (relative to Root), or
/// nothing when no plugin's file analyzer wants it.
std::optional<TUResult> analyzeFile(llvm::StringRef Rel, llvm::StringRef Root,
                                    const PluginHost &Plugins,
                                    const std::vector<std::string> &TreeFiles);

/// analyzeFile over Files on a pool of Workers; the results of wanted files
/// are handed to OnFile one at a time.
/// With Settings.CacheSalt, each result gets a key (the salt and the list of
/// TreeFiles, which file analyzers see) and its file's hash; with
/// Settings.Reuse too, an unchanged file is not analyzed again. Settings'
/// Names and Target are not used.
void runFileScan(const std::vector<std::string> &Files, llvm::StringRef Root,
                 const PluginHost &Plugins, const std::vector<std::string> &TreeFiles,
                 const ScanSettings &Settings, const UnitCallback &OnFile);

} // namespace portolan

#endif
