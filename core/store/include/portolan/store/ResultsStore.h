//===- portolan/store/ResultsStore.h - scan results in SQLite ---------------===//
#ifndef PORTOLAN_STORE_RESULTSSTORE_H
#define PORTOLAN_STORE_RESULTSSTORE_H

#include "portolan/base/FileStat.h"
#include "portolan/base/Enrichment.h"
#include "portolan/base/Finding.h"

#include <llvm/ADT/STLFunctionalExtras.h>
#include <llvm/ADT/StringMap.h>
#include <llvm/ADT/StringRef.h>
#include <llvm/Support/Error.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <memory>
#include <string>
#include <vector>

struct sqlite3;

namespace portolan {

class BorrowedStatement;
class Statement;
struct MergeSource;

/// The version of the results schema this build reads and writes.
inline constexpr int ResultsSchemaVersion = 4;

/// A plugin as a run saw it: loaded, or refused with a reason.
struct PluginRecord {
  std::string Name; ///< Empty for a refused library.
  std::string Version;
  std::string Path;
  bool Loaded = false;
  std::string Reason;
};

/// A finding of a run with the number of units it was seen through.
struct StoredFinding {
  Finding F;
  unsigned UnitCount = 0;
  /// Set by reports (report/Baseline.h, assignFingerprints); not stored.
  std::string Fingerprint;
};

/// A unit of a run as stored, with its errors.
struct StoredUnit {
  std::string File;
  std::string Platform;
  std::string CommandSource;
  bool Parsed = false;
  double ParseSeconds = 0;
  std::string ForeignArch; ///< See TUResult::ForeignArch.
  double TargetSeconds = 0;
  int64_t ReusedFrom = 0; ///< The run whose result was reused, or 0.
  std::vector<ParseError> Errors;
  std::vector<AnalyzerError> AnalyzerErrors;
};

/// A finding a project's configuration or an in-code comment suppressed
/// (report/ProjectConfig.h); not stored.
struct SuppressedFinding {
  StoredFinding Finding;
  std::string Kind;   ///< "external" (portolan.toml) or "inSource" (a comment).
  std::string Reason;
  std::string Origin; ///< Where it was suppressed: "portolan.toml:12:1", "a.c:40".
};

/// Everything stored of one run: what reports are written from.
struct RunReport {
  int64_t RunId = 0;
  std::string Root;
  std::string StartedAt;
  std::string FinishedAt;
  std::string Status;
  std::vector<PluginRecord> Plugins;
  std::vector<std::string> Problems;
  std::vector<StoredUnit> Units;
  std::vector<StoredFinding> Findings; ///< Ordered by file, line, column.
  std::string KbVersion;                 ///< Empty when no KB was loaded.
  size_t IncludedSources = 0; ///< Sources analyzed through their includers.
  size_t PrefilterNoCandidates = 0; ///< Units not parsed: nothing to find.
  size_t PrefilterCovered = 0;      ///< Units not parsed: others cover them.
  std::map<std::string, Enrichment> Enrichments; ///< By symbol.
  /// Set when a project configuration is applied to the run, not stored:
  /// the findings it took out of Findings, its file, and the severity it
  /// gives rules (rule glob -> "note", "warning" or "error").
  std::vector<SuppressedFinding> Suppressed;
  std::string ConfigPath;
  std::vector<std::pair<std::string, std::string>> RuleSeverity;
};

/// What a run was made with, beyond its root: `plan --from` finds a
/// system's run by its settings, and `merge` puts shards together by the
/// rest.
struct RunOrigin {
  std::string Settings; ///< The scan options that change results, hashed (Scan.h).
  /// The builds of the host and plugins, the knowledge base and the
  /// options (the scan's cache salt), hashed.
  std::string Build;
  unsigned ShardIndex = 0, ShardCount = 0; ///< Of `scan --shard I/N`; 0 of 0 for a whole run.
  /// What the shards split: the plan and every file's hash, hashed; set
  /// for shards only.
  std::string Work;
  int64_t SourceLines = -1; ///< Source and header lines of the tree; -1 unknown.
};

/// One run that ResultsStore::mergeFrom wrote, from how many shards.
struct MergedRun {
  std::string Root;
  int64_t Run = 0;
  unsigned Shards = 0; ///< 0: a whole run, copied.
  size_t Units = 0, Findings = 0;
  size_t CandidatesKept = 0, CandidatesDropped = 0;
};

/// The results file: DbOption when given, else .portolan/results.db under
/// the working directory; the default is refused when .portolan, the file
/// or SQLite's files beside it (-wal, -shm, -journal) are links that lead
/// out of the working directory or to nothing (the file would be made
/// there).
llvm::Expected<std::string> resultsPath(llvm::StringRef DbOption);

/// The results file: runs, their units, findings and problems. Each unit is
/// written in one transaction, so an interrupted scan keeps every unit that
/// finished. Findings of one run are unique by (rule, symbol, file, line,
/// column), with the units that saw them kept beside.
class ResultsStore {
public:
  /// Opens or creates the results file (and its folder). Refuses a file
  /// written with another schema version, or that is no SQLite database.
  /// A results file that is damaged (SQLite's quick_check, or a table of
  /// it missing) is moved aside (PATH.damaged-<UTC time>, with its -wal
  /// and -shm) and a new one is started; recovered() then says so.
  static llvm::Expected<std::unique_ptr<ResultsStore>> open(llvm::StringRef Path);
  /// Opens an existing results file for reading only (a baseline): nothing
  /// is created, upgraded, moved or written. A file of another schema
  /// version, a damaged one or one that is no results file is an error.
  static llvm::Expected<std::unique_ptr<ResultsStore>> openReadOnly(llvm::StringRef Path);
  /// One line for the user when open() moved a damaged file aside; else
  /// empty.
  const std::string &recovered() const { return Recovered; }
  ~ResultsStore();

  /// Starts a run of Root owned by this process. First marks "interrupted"
  /// each run still "running" whose process (of this host) has ended.
  llvm::Expected<int64_t> beginRun(llvm::StringRef Root);
  llvm::Error recordPlugins(int64_t Run, const std::vector<PluginRecord> &Plugins);
  llvm::Error recordProblems(int64_t Run, const std::vector<std::string> &Problems);
  /// How many sources the plan folded into the units that include them.
  llvm::Error recordIncludedSources(int64_t Run, size_t Count);
  /// How many units the prefilter left unparsed, and why.
  llvm::Error recordPrefilter(int64_t Run, size_t NoCandidates, size_t Covered);
  llvm::Error recordUnit(int64_t Run, const TUResult &Unit);
  /// Records Units in one transaction: for results taken from the store,
  /// whose loss in a crash costs nothing to redo (one transaction per unit
  /// took most of a rescan's writing).
  llvm::Error recordUnits(int64_t Run, const std::vector<TUResult> &Units);
  /// A value kept for Root under Kind by storeMemo, if it was stored with
  /// Key; one value per root and kind.
  std::optional<std::string> memo(llvm::StringRef Root, llvm::StringRef Kind,
                                  llvm::StringRef Key);
  llvm::Error storeMemo(llvm::StringRef Root, llvm::StringRef Kind, llvm::StringRef Key,
                        llvm::StringRef Value);
  /// The stats and hashes of Root's files kept by storeFileStats, by path
  /// relative to the root.
  llvm::StringMap<FileStat> fileStats(llvm::StringRef Root);
  /// Keeps (replaces) these files' stats and hashes, in one transaction.
  llvm::Error storeFileStats(llvm::StringRef Root,
                             const std::vector<std::pair<std::string, FileStat>> &Stats);
  /// Stores what the knowledge base (of version KbVersion) says of the
  /// run's symbols, in one transaction.
  llvm::Error recordEnrichments(int64_t Run, llvm::StringRef KbVersion,
                                const std::vector<Enrichment> &Enrichments);
  llvm::Error finishRun(int64_t Run, llvm::StringRef Status);
  /// The latest stored result of File, from a complete or interrupted run
  /// of Root, with
  /// cache key Key, if every file that parse read still has its stored
  /// hash (HashOf gives the current one); else nothing. The result names
  /// its run in ReusedFrom.
  std::optional<TUResult> reusableUnit(llvm::StringRef Root, llvm::StringRef File,
                                       llvm::StringRef Key,
                                       const std::function<std::string(const std::string &)> &HashOf);
  /// One line when reusableUnit met stored units that had lost rows (the
  /// file was damaged after their run), which were then parsed again;
  /// empty otherwise. Resets the count.
  std::string takeIncomplete();
  /// How many units (and other files) a run recorded itself; 0 for a run
  /// that did not complete.
  llvm::Expected<size_t> unitCount(int64_t Run);
  /// The id of the latest whole run (no shard) of Root (a real path) that completed, else
  /// of the latest complete run when every complete run is of one other
  /// root (a baseline scanned in another folder); 0 when none did. Runs of
  /// several other roots are an error: which one is meant cannot be told.
  llvm::Expected<int64_t> latestCompleteRun(llvm::StringRef Root);
  /// Records that Run's units, findings and knowledge are those of run
  /// From (each of its results was reused from From, and nothing else), so
  /// that they are not written again; loadRun reads them from From.
  llvm::Error recordSameResultsAs(int64_t Run, int64_t From);
  llvm::Expected<RunReport> loadRun(int64_t Run);
  llvm::Error recordOrigin(int64_t Run, const RunOrigin &Origin);
  llvm::Expected<RunOrigin> origin(int64_t Run);
  /// The latest complete run of Root (a real path) made with these
  /// settings (RunOrigin::Settings), that is no shard; 0 when none.
  llvm::Expected<int64_t> latestRunWith(llvm::StringRef Root, llvm::StringRef Settings);
  /// The rule, symbol and note of each finding Run stores (of the run it
  /// has its results from), ordered by symbol, rule and note: what the
  /// knowledge base is asked about.
  llvm::Expected<std::vector<Finding>> findingSymbols(int64_t Run);

  /// Adds to this file, as new complete runs, the latest complete run of
  /// each tree (root and settings) in each of Inputs; of a file that holds
  /// shards, its shards only (the latest of each tree). The shards of one
  /// tree (scan --shard I/N) become one run, equal to the run one process
  /// would have written (ids, dates and timings aside); a whole run is
  /// copied. Refused, with nothing written: a file given twice or that is
  /// this one, a tree found whole in two inputs or the same shard twice,
  /// shards missing, shards of different work (tree, plan or options),
  /// and runs made with different knowledge bases or builds, or (when
  /// KbVersion is given) with another knowledge base than that. The
  /// knowledge base's answers are not copied: BeforeComplete records them
  /// for each merged run (findingSymbols). The runs become complete
  /// together, once all are written; if any step fails, none does (they
  /// are left "failed"). An input with no complete run (a plan's shard
  /// that had no system) adds nothing and is named in Empty; when no input
  /// has one, that is the error.
  llvm::Expected<std::vector<MergedRun>>
  mergeFrom(const std::vector<std::string> &Inputs, llvm::StringRef KbVersion = "",
            const std::function<llvm::Error(int64_t Run)> &BeforeComplete = nullptr,
            std::vector<std::string> *Empty = nullptr);

  const std::string &path() const { return Path; }

private:
  ResultsStore(sqlite3 *DB, std::string Path);
  /// A statement prepared once per store, lent until the borrower's scope
  /// ends.
  BorrowedStatement cached(const char *SQL);
  llvm::Error exec(const char *SQL);
  /// Runs Body in one transaction, rolled back when Body fails.
  llvm::Error transaction(llvm::function_ref<llvm::Error()> Body);
  llvm::Error fail(llvm::StringRef What);
  /// open() without the recovery: Damage tells a damaged results file.
  static llvm::Expected<std::unique_ptr<ResultsStore>> openFile(llvm::StringRef Path,
                                                                std::string &Damage,
                                                                bool ReadOnly = false);
  /// The ALTER TABLE statements that add the columns this file lacks.
  std::vector<std::string> missingColumns();
  /// Marks "interrupted" the runs whose process has ended (beginRun).
  llvm::Error markInterrupted();
  /// Adds the columns that earlier versions lacked.
  llvm::Error upgradeFindings();
  /// Writes one unit; the caller holds the transaction.
  llvm::Error insertUnit(int64_t Run, const TUResult &Unit);
  /// insertUnit for a result reusableUnit returned: its stored rows are
  /// copied within SQLite.
  llvm::Error copyUnit(int64_t Run, const TUResult &Unit);

  /// One tree's runs (its shards, or one whole run) merged into a new
  /// run, M (mergeFrom).
  llvm::Error mergeTree(const std::vector<std::string> &Inputs,
                        const std::vector<MergeSource> &Runs, MergedRun &M);
  /// This process, as runs.owner names it: "host pid".
  static std::string owner();

  sqlite3 *DB;
  std::string Path;
  std::string Recovered;
  size_t IncompleteUnits = 0;
  std::string FirstIncomplete;
  std::map<const char *, std::unique_ptr<Statement>> Statements;
};

} // namespace portolan

#endif
