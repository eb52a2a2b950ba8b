//===- ResultsStore.cpp ---------------------------------------------------===//
#include "portolan/store/ResultsStore.h"

#include <llvm/ADT/SmallString.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>

#include "portolan/base/Sqlite.h"

#include "FindingConflict.h"

#include <cerrno>
#include <csignal>
#include <ctime>
#include <set>

#include <unistd.h>

namespace portolan {
namespace {

const char *const Schema = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs(
  id INTEGER PRIMARY KEY, root TEXT NOT NULL,
  started_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  finished_at TEXT, status TEXT NOT NULL DEFAULT 'running', kb_version TEXT,
  included_sources INTEGER NOT NULL DEFAULT 0,
  prefilter_no_candidates INTEGER NOT NULL DEFAULT 0,
  prefilter_covered INTEGER NOT NULL DEFAULT 0,
  results_from INTEGER NOT NULL DEFAULT 0, owner TEXT NOT NULL DEFAULT '',
  settings_key TEXT NOT NULL DEFAULT '', build_key TEXT NOT NULL DEFAULT '',
  shard_index INTEGER NOT NULL DEFAULT 0, shard_count INTEGER NOT NULL DEFAULT 0,
  work_key TEXT NOT NULL DEFAULT '', source_lines INTEGER NOT NULL DEFAULT -1);
CREATE TABLE IF NOT EXISTS plugins(
  run_id INTEGER NOT NULL REFERENCES runs(id), name TEXT NOT NULL,
  version TEXT NOT NULL, path TEXT NOT NULL, loaded INTEGER NOT NULL,
  reason TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS problems(
  run_id INTEGER NOT NULL REFERENCES runs(id), message TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS units(
  id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES runs(id),
  file TEXT NOT NULL, platform TEXT NOT NULL, command_source TEXT NOT NULL,
  parsed INTEGER NOT NULL, parse_seconds REAL NOT NULL,
  foreign_arch TEXT NOT NULL DEFAULT '', target_seconds REAL NOT NULL DEFAULT 0,
  cache_key TEXT NOT NULL DEFAULT '', reused_from INTEGER NOT NULL DEFAULT 0,
  file_count INTEGER NOT NULL DEFAULT -1, error_count INTEGER NOT NULL DEFAULT -1,
  finding_count INTEGER NOT NULL DEFAULT -1, phase INTEGER NOT NULL DEFAULT 0,
  UNIQUE(run_id, file));
CREATE TABLE IF NOT EXISTS unit_files(
  unit_id INTEGER NOT NULL REFERENCES units(id), file TEXT NOT NULL,
  hash TEXT NOT NULL DEFAULT '',
  PRIMARY KEY(unit_id, file));
CREATE TABLE IF NOT EXISTS unit_errors(
  unit_id INTEGER NOT NULL REFERENCES units(id),
  kind TEXT NOT NULL CHECK (kind IN ('parse', 'analyzer')),
  source TEXT NOT NULL, line INTEGER NOT NULL, col INTEGER NOT NULL,
  message TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS findings(
  id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES runs(id),
  rule TEXT NOT NULL, symbol TEXT NOT NULL, file TEXT NOT NULL,
  line INTEGER NOT NULL, col INTEGER NOT NULL, analyzer TEXT NOT NULL,
  note TEXT NOT NULL, snippet TEXT NOT NULL,
  guard TEXT NOT NULL DEFAULT 'none', inactive INTEGER NOT NULL DEFAULT 0,
  advisory INTEGER NOT NULL DEFAULT 0, target_check TEXT NOT NULL DEFAULT '',
  UNIQUE(run_id, rule, symbol, file, line, col));
CREATE TABLE IF NOT EXISTS finding_units(
  finding_id INTEGER NOT NULL REFERENCES findings(id),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  inactive INTEGER NOT NULL DEFAULT -1, guard TEXT NOT NULL DEFAULT '',
  target_check TEXT NOT NULL DEFAULT '',
  PRIMARY KEY(finding_id, unit_id));
CREATE TABLE IF NOT EXISTS symbol_kb(
  run_id INTEGER NOT NULL REFERENCES runs(id), symbol TEXT NOT NULL,
  known INTEGER NOT NULL, kind TEXT NOT NULL, isa TEXT NOT NULL,
  effort TEXT NOT NULL, replacement TEXT NOT NULL,
  PRIMARY KEY(run_id, symbol));
CREATE TABLE IF NOT EXISTS symbol_equivalents(
  run_id INTEGER NOT NULL REFERENCES runs(id), symbol TEXT NOT NULL,
  target TEXT NOT NULL, route TEXT NOT NULL, replacement TEXT NOT NULL,
  cost TEXT NOT NULL, note TEXT NOT NULL, source TEXT NOT NULL,
  verified INTEGER NOT NULL, by_isa TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS findings_by_run ON findings(run_id, file, line, col);
CREATE TABLE IF NOT EXISTS file_stats(
  root TEXT NOT NULL, file TEXT NOT NULL, device INTEGER NOT NULL, inode INTEGER NOT NULL,
  size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL,
  hashed_at_ns INTEGER NOT NULL, hash TEXT NOT NULL, PRIMARY KEY(root, file));
CREATE TABLE IF NOT EXISTS memos(
  root TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
  PRIMARY KEY(root, kind));
CREATE INDEX IF NOT EXISTS units_by_key ON units(file, cache_key);
CREATE INDEX IF NOT EXISTS finding_units_by_unit ON finding_units(unit_id);
CREATE INDEX IF NOT EXISTS unit_errors_by_unit ON unit_errors(unit_id);
CREATE TABLE IF NOT EXISTS candidate_findings(
  unit_id INTEGER NOT NULL REFERENCES units(id),
  rule TEXT NOT NULL, symbol TEXT NOT NULL, file TEXT NOT NULL,
  line INTEGER NOT NULL, col INTEGER NOT NULL, analyzer TEXT NOT NULL,
  note TEXT NOT NULL, snippet TEXT NOT NULL, guard TEXT NOT NULL,
  inactive INTEGER NOT NULL, advisory INTEGER NOT NULL, target_check TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS candidate_findings_by_unit ON candidate_findings(unit_id);
CREATE INDEX IF NOT EXISTS runs_by_root ON runs(root, status);
)sql";

struct Added {
const char *Table, *Name, *Type;
};
/// Columns that later versions added to tables of earlier ones.
const Added AddedColumns[] = {
    {"findings", "guard", "TEXT NOT NULL DEFAULT 'none'"},
    {"findings", "inactive", "INTEGER NOT NULL DEFAULT 0"},
    {"findings", "advisory", "INTEGER NOT NULL DEFAULT 0"},
    {"findings", "target_check", "TEXT NOT NULL DEFAULT ''"},
    {"units", "foreign_arch", "TEXT NOT NULL DEFAULT ''"},
    {"units", "target_seconds", "REAL NOT NULL DEFAULT 0"},
    {"units", "cache_key", "TEXT NOT NULL DEFAULT ''"},
    {"units", "reused_from", "INTEGER NOT NULL DEFAULT 0"},
    {"unit_files", "hash", "TEXT NOT NULL DEFAULT ''"},
    {"runs", "prefilter_no_candidates", "INTEGER NOT NULL DEFAULT 0"},
    {"runs", "prefilter_covered", "INTEGER NOT NULL DEFAULT 0"},
    {"runs", "results_from", "INTEGER NOT NULL DEFAULT 0"},
    {"runs", "owner", "TEXT NOT NULL DEFAULT ''"},
    {"units", "file_count", "INTEGER NOT NULL DEFAULT -1"},
    {"units", "error_count", "INTEGER NOT NULL DEFAULT -1"},
    {"units", "finding_count", "INTEGER NOT NULL DEFAULT -1"},
    {"units", "phase", "INTEGER NOT NULL DEFAULT 0"},
    {"finding_units", "inactive", "INTEGER NOT NULL DEFAULT -1"},
    {"finding_units", "guard", "TEXT NOT NULL DEFAULT ''"},
    {"finding_units", "target_check", "TEXT NOT NULL DEFAULT ''"},
    {"runs", "settings_key", "TEXT NOT NULL DEFAULT ''"},
    {"runs", "build_key", "TEXT NOT NULL DEFAULT ''"},
    {"runs", "shard_index", "INTEGER NOT NULL DEFAULT 0"},
    {"runs", "shard_count", "INTEGER NOT NULL DEFAULT 0"},
    {"runs", "work_key", "TEXT NOT NULL DEFAULT ''"},
    {"runs", "source_lines", "INTEGER NOT NULL DEFAULT -1"}};

/// Tables every results file of this schema version has: one that lacks
/// any was damaged (a schema rebuilt around it would read as
/// a run without findings).
const char *const CoreTables[] = {"runs", "units", "findings", "finding_units"};

} // namespace

llvm::Expected<std::string> resultsPath(llvm::StringRef DbOption) {
  if (!DbOption.empty())
    return DbOption.str();
  llvm::SmallString<256> Cwd, RealCwd;
  llvm::sys::fs::current_path(Cwd);
  if (llvm::sys::fs::real_path(Cwd, RealCwd))
    RealCwd = Cwd;
  llvm::SmallString<256> Folder(Cwd);
  llvm::sys::path::append(Folder, ".portolan");
  std::string File = (Folder + "/results.db").str();
  for (const std::string &P :
       {std::string(Folder), File, File + "-wal", File + "-shm", File + "-journal"}) {
    if (!llvm::sys::fs::is_symlink_file(P))
      continue;
    llvm::SmallString<256> Target;
    if (llvm::sys::fs::real_path(P, Target))
      return llvm::createStringError(std::errc::operation_not_permitted,
                                     "%s: a link to nothing; not followed for the default "
                                     "results file (give --db to choose one)",
                                     P.c_str());
    llvm::StringRef T = Target;
    if (!(T.starts_with(RealCwd) && (T.size() == RealCwd.size() || T[RealCwd.size()] == '/')))
      return llvm::createStringError(std::errc::operation_not_permitted,
                                     "%s: a link out of the working folder (to %s); not "
                                     "followed for the default results file (give --db to "
                                     "choose one)",
                                     P.c_str(), Target.c_str());
  }
  return File;
}

llvm::Expected<std::unique_ptr<ResultsStore>> ResultsStore::open(llvm::StringRef Path) {
  std::string Damage;
  llvm::Expected<std::unique_ptr<ResultsStore>> Store = openFile(Path, Damage);
  if (Damage.empty())
    return Store;
  // A damaged results file is kept for whoever wants to look at it, and
  // never read again: a new one takes its place.
  if (Store)
    Store->reset();
  else
    llvm::consumeError(Store.takeError());
  std::time_t Now = std::time(nullptr);
  std::tm Utc{};
  gmtime_r(&Now, &Utc);
  char Stamp[32];
  std::strftime(Stamp, sizeof Stamp, "%Y%m%dT%H%M%SZ", &Utc);
  std::string Aside = Path.str() + ".damaged-" + Stamp;
  for (const char *Suffix : {"", "-wal", "-shm"}) {
    std::string From = Path.str() + Suffix;
    if (!llvm::sys::fs::exists(From))
      continue;
    if (std::error_code EC = llvm::sys::fs::rename(From, Aside + Suffix))
      return llvm::createStringError(EC, "%s: %s, and it cannot be moved aside: %s",
                                     Path.str().c_str(), Damage.c_str(), EC.message().c_str());
  }
  std::string Again;
  llvm::Expected<std::unique_ptr<ResultsStore>> Fresh = openFile(Path, Again);
  if (!Fresh)
    return Fresh.takeError();
  (*Fresh)->Recovered = Path.str() + ": " + Damage + "; moved aside to " + Aside +
                        ", and a new results file started (nothing of it is reused)";
  return Fresh;
}

llvm::Expected<std::unique_ptr<ResultsStore>> ResultsStore::openReadOnly(llvm::StringRef Path) {
  if (!llvm::sys::fs::is_regular_file(Path))
    return llvm::createStringError(std::errc::no_such_file_or_directory,
                                   "%s: no such results file", Path.str().c_str());
  std::string Damage;
  auto Store = openFile(Path, Damage, /*ReadOnly=*/true);
  if (Store && !Damage.empty())
    return llvm::createStringError(std::errc::invalid_argument, "%s: %s", Path.str().c_str(),
                                   Damage.c_str());
  return Store;
}

llvm::Expected<std::unique_ptr<ResultsStore>> ResultsStore::openFile(llvm::StringRef Path,
                                                                     std::string &Damage,
                                                                     bool ReadOnly) {
  llvm::StringRef Dir = llvm::sys::path::parent_path(Path);
  if (!Dir.empty() && !ReadOnly)
    if (std::error_code EC = llvm::sys::fs::create_directories(Dir))
      return llvm::createStringError(EC, "%s: cannot create folder: %s", Dir.str().c_str(),
                                     EC.message().c_str());
  sqlite3 *DB = nullptr;
  int RC = sqlite3_open_v2(Path.str().c_str(), &DB,
                           (ReadOnly ? SQLITE_OPEN_READONLY
                                     : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                               SQLITE_OPEN_FULLMUTEX,
                           nullptr);
  std::unique_ptr<ResultsStore> Store(new ResultsStore(DB, Path.str()));
  if (RC != SQLITE_OK)
    return Store->fail("cannot open");
  sqlite3_busy_timeout(DB, 5000);
  // SQLite tells a file whose pages do not hold together; a file that is
  // no database at all (SQLITE_NOTADB) is not taken for a damaged one.
  auto Corrupt = [&] {
    if (sqlite3_errcode(DB) == SQLITE_CORRUPT)
      Damage = std::string("damaged (") + sqlite3_errmsg(DB) + ")";
    return !Damage.empty();
  };
  // WAL with synchronous=NORMAL: a commit is not flushed to the disk one
  // by one (each unit is its own transaction), and the file stays
  // consistent; a power cut may lose the last units, a crash of the
  // process loses nothing committed.
  if (llvm::Error E = Store->exec(
          ReadOnly ? "PRAGMA query_only=ON;"
                   : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;")) {
    Corrupt();
    return E;
  }

  // A file that has a meta table must carry our schema version.
  {
    Statement HasMeta(DB, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'");
    if (!HasMeta || HasMeta.step() != SQLITE_ROW) {
      Corrupt();
      return Store->fail("not a Portolan results file");
    }
    if (ReadOnly) {
      // Other files of ours have a meta table too (a knowledge base).
      Statement HasRuns(DB, "SELECT count(*) FROM sqlite_master WHERE type='table' AND "
                            "name IN ('meta', 'runs')");
      if (!HasRuns || HasRuns.step() != SQLITE_ROW || HasRuns.integer(0) != 2)
        return llvm::createStringError(std::errc::invalid_argument,
                                       "%s: not a Portolan results file", Path.str().c_str());
    }
    if (HasMeta.integer(0)) {
      Statement Version(DB, "SELECT value FROM meta WHERE key='schema_version'");
      if (!Version || Version.step() != SQLITE_ROW) {
        Corrupt();
        return Store->fail("results file has no schema version");
      }
      std::string Found = Version.text(0);
      Version.reset();
      if (Found != "1" && Found != "2" && Found != "3" &&
          Found != std::to_string(ResultsSchemaVersion))
        return llvm::createStringError(std::errc::invalid_argument,
                                       "%s: results schema version %s, this build reads version %d",
                                       Path.str().c_str(), Found.c_str(), ResultsSchemaVersion);
      // Checked before it is trusted: every page (quick_check: about 60 ms
      // for Notepad++'s 8 MB), and the tables a schema rebuilt around a
      // lost one would leave empty.
      {
        Statement Check(DB, "PRAGMA quick_check(1)");
        if (!Check || Check.step() != SQLITE_ROW) {
          if (!Corrupt())
            return Store->fail("cannot check");
          return Store->fail(Damage);
        }
        if (Check.text(0) != "ok") {
          // "*** in database main ***\nOn tree page 23 cell 0: ...": the
          // last line says what.
          std::string Text = Check.text(0);
          Damage = "damaged (" + Text.substr(Text.rfind('\n') + 1) + ")";
          return Store->fail(Damage);
        }
      }
      for (const char *Table : CoreTables) {
        if (Found != std::to_string(ResultsSchemaVersion))
          break; // Older files were written with fewer tables.
        Statement Has(DB, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name=?1");
        if (!Has || Has.bind(1, llvm::StringRef(Table)).step() != SQLITE_ROW ||
            Has.integer(0) == 0) {
          Damage = std::string("damaged (its table ") + Table + " is missing)";
          return Store->fail(Damage);
        }
      }
      // Versions 1 and 2, and version 3 files written before some of its
      // columns, get the columns added since; their rows read back with
      // the defaults (unguarded, active, not advisory, not checked on a
      // target, counts unknown).
      bool Upgrade =
          Found != std::to_string(ResultsSchemaVersion) || !Store->missingColumns().empty();
      if (Upgrade && ReadOnly)
        return llvm::createStringError(std::errc::invalid_argument,
                                       "%s: written by an earlier version (results schema %s); "
                                       "read it once with portolan scan --db, or scan again",
                                       Path.str().c_str(), Found.c_str());
      if (Upgrade)
        if (llvm::Error E = Store->upgradeFindings())
          return E;
    }
  }
  if (ReadOnly)
    return Store;
  if (llvm::Error E = Store->exec(Schema))
    return E;
  Statement SetVersion(DB, "INSERT OR IGNORE INTO meta(key, value) VALUES('schema_version', ?1)");
  SetVersion.bind(1, std::to_string(ResultsSchemaVersion));
  if (SetVersion.step() != SQLITE_DONE)
    return Store->fail("cannot write schema version");
  return Store;
}

ResultsStore::ResultsStore(sqlite3 *DB, std::string Path) : DB(DB), Path(std::move(Path)) {}

ResultsStore::~ResultsStore() {
  Statements.clear(); // Finalized before the close.
  sqlite3_close(DB);
}

BorrowedStatement ResultsStore::cached(const char *SQL) {
  std::unique_ptr<Statement> &S = Statements[SQL];
  if (!S)
    S = std::make_unique<Statement>(DB, SQL);
  return BorrowedStatement(*S);
}

std::vector<std::string> ResultsStore::missingColumns() {
  std::vector<std::string> Missing;
  for (const Added &A : AddedColumns) {
    std::set<std::string> Have;
    Statement Info(DB, (std::string("PRAGMA table_info(") + A.Table + ")").c_str());
    while (Info.step() == SQLITE_ROW)
      Have.insert(Info.text(1));
    // A table the old file lacks is created whole by the schema afterwards.
    if (!Have.empty() && !Have.count(A.Name))
      Missing.push_back(std::string("ALTER TABLE ") + A.Table + " ADD COLUMN " + A.Name + " " +
                        A.Type + ";");
  }
  return Missing;
}

llvm::Error ResultsStore::upgradeFindings() {
  std::string SQL = "BEGIN IMMEDIATE;";
  for (const std::string &Alter : missingColumns())
    SQL += Alter;
  SQL += "UPDATE meta SET value='" + std::to_string(ResultsSchemaVersion) +
         "' WHERE key='schema_version'; COMMIT;";
  return exec(SQL.c_str());
}

llvm::Error ResultsStore::fail(llvm::StringRef What) {
  return llvm::createStringError(std::errc::io_error, "%s: %s: %s", Path.c_str(),
                                 What.str().c_str(), DB ? sqlite3_errmsg(DB) : "out of memory");
}

llvm::Error ResultsStore::exec(const char *SQL) {
  char *Message = nullptr;
  if (sqlite3_exec(DB, SQL, nullptr, nullptr, &Message) != SQLITE_OK) {
    std::string Text = Message ? Message : "unknown error";
    sqlite3_free(Message);
    return llvm::createStringError(std::errc::io_error, "%s: %s", Path.c_str(), Text.c_str());
  }
  return llvm::Error::success();
}

llvm::Error ResultsStore::transaction(llvm::function_ref<llvm::Error()> Body) {
  if (llvm::Error E = exec("BEGIN IMMEDIATE"))
    return E;
  if (llvm::Error E = Body()) {
    llvm::consumeError(exec("ROLLBACK"));
    return E;
  }
  return exec("COMMIT");
}

namespace {


} // namespace

std::string ResultsStore::owner() {
  char Host[256] = {};
  ::gethostname(Host, sizeof Host - 1);
  return std::string(Host) + " " + std::to_string(::getpid());
}

namespace {

/// Whether Owner is a process of this host that no longer runs; an owner
/// of another host, or none (a run of an older build), cannot be told.
bool ownerIsGone(llvm::StringRef Owner, llvm::StringRef Me) {
  auto [Host, Pid] = Owner.rsplit(' ');
  int Id = 0;
  if (Host != Me.rsplit(' ').first || Pid.getAsInteger(10, Id) || Id <= 0)
    return false;
  return ::kill(Id, 0) != 0 && errno == ESRCH;
}

} // namespace

llvm::Error ResultsStore::markInterrupted() {
  std::string Me = owner();
  std::vector<int64_t> Gone;
  {
    Statement Running(DB, "SELECT id, owner FROM runs WHERE status = 'running'");
    while (Running.step() == SQLITE_ROW)
      if (ownerIsGone(Running.text(1), Me))
        Gone.push_back(Running.integer(0));
  }
  for (int64_t Run : Gone)
    if (llvm::Error E = finishRun(Run, "interrupted"))
      return E;
  return llvm::Error::success();
}

llvm::Expected<int64_t> ResultsStore::beginRun(llvm::StringRef Root) {
  // A run whose process ended before finishing it says so; its units
  // are whole (each was written in one transaction) and are reused.
  if (llvm::Error E = markInterrupted())
    return E;
  Statement S(DB, "INSERT INTO runs(root, owner) VALUES(?1, ?2)");
  if (!S || S.bind(1, Root).bind(2, owner()).step() != SQLITE_DONE)
    return fail("cannot start a run");
  return sqlite3_last_insert_rowid(DB);
}

llvm::Error ResultsStore::recordPlugins(int64_t Run, const std::vector<PluginRecord> &Plugins) {
  Statement S(DB, "INSERT INTO plugins(run_id, name, version, path, loaded, reason) "
                  "VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
  for (const PluginRecord &P : Plugins) {
    S.bind(1, Run).bind(2, P.Name).bind(3, P.Version).bind(4, P.Path);
    S.bind(5, int64_t(P.Loaded)).bind(6, P.Reason);
    if (S.step() != SQLITE_DONE)
      return fail("cannot record plugins");
    S.reset();
  }
  return llvm::Error::success();
}

llvm::Error ResultsStore::recordPrefilter(int64_t Run, size_t NoCandidates, size_t Covered) {
  Statement S(DB, "UPDATE runs SET prefilter_no_candidates = ?2, prefilter_covered = ?3 "
                  "WHERE id = ?1");
  if (!S || S.bind(1, Run).bind(2, int64_t(NoCandidates)).bind(3, int64_t(Covered)).step() !=
                SQLITE_DONE)
    return fail("cannot record the prefilter's counts");
  return llvm::Error::success();
}

llvm::Error ResultsStore::recordIncludedSources(int64_t Run, size_t Count) {
  Statement S(DB, "UPDATE runs SET included_sources = ?2 WHERE id = ?1");
  if (!S || S.bind(1, Run).bind(2, int64_t(Count)).step() != SQLITE_DONE)
    return fail("cannot record the plan");
  return llvm::Error::success();
}

llvm::Error ResultsStore::recordProblems(int64_t Run, const std::vector<std::string> &Problems) {
  Statement S(DB, "INSERT INTO problems(run_id, message) VALUES(?1, ?2)");
  for (const std::string &P : Problems) {
    if (S.bind(1, Run).bind(2, P).step() != SQLITE_DONE)
      return fail("cannot record problems");
    S.reset();
  }
  return llvm::Error::success();
}

llvm::Error ResultsStore::recordUnit(int64_t Run, const TUResult &U) {
  return transaction([&] { return insertUnit(Run, U); });
}

llvm::Error ResultsStore::recordUnits(int64_t Run, const std::vector<TUResult> &Units) {
  if (Units.empty())
    return llvm::Error::success();
  return transaction([&]() -> llvm::Error {
    for (const TUResult &U : Units)
      if (llvm::Error E = insertUnit(Run, U))
        return E;
    return llvm::Error::success();
  });
}

llvm::Error ResultsStore::insertUnit(int64_t Run, const TUResult &U) {
  if (U.ReusedUnit)
    return copyUnit(Run, U);
  BorrowedStatement Unit =
      cached("INSERT INTO units(run_id, file, platform, command_source, parsed, "
             "parse_seconds, foreign_arch, target_seconds, cache_key, reused_from, phase) "
             "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)");
  Unit->bind(1, Run).bind(2, U.File).bind(3, llvm::StringRef(platformName(U.Plat)));
  Unit->bind(4, U.CommandSource).bind(5, int64_t(U.Parsed)).bind(6, U.ParseSeconds);
  Unit->bind(7, U.ForeignArch).bind(8, U.TargetSeconds).bind(9, U.CacheKey);
  Unit->bind(10, U.ReusedFrom).bind(11, int64_t(U.Phase));
  if (Unit->step() != SQLITE_DONE)
    return fail("cannot record unit " + U.File);
  int64_t UnitId = sqlite3_last_insert_rowid(DB);

  // The project files the parse read: what a rescan must check.
  BorrowedStatement Read =
      cached("INSERT OR IGNORE INTO unit_files(unit_id, file, hash) VALUES(?1, ?2, ?3)");
  // How many rows of each kind the unit has, kept with it: a rescan that
  // reads back fewer does not reuse it (reusableUnit).
  int64_t Files = 0, Errors = 0, Found = 0;
  for (size_t I = 0; I < U.FilesRead.size(); ++I) {
    llvm::StringRef Hash = I < U.FileHashes.size() ? llvm::StringRef(U.FileHashes[I]) : "";
    if (Read->bind(1, UnitId).bind(2, U.FilesRead[I]).bind(3, Hash).step() != SQLITE_DONE)
      return fail("cannot record the files of " + U.File);
    Files += sqlite3_changes(DB);
    Read->reset();
  }

  BorrowedStatement Err =
      cached("INSERT INTO unit_errors(unit_id, kind, source, line, col, message) "
             "VALUES(?1,?2,?3,?4,?5,?6)");
  for (const ParseError &E : U.Errors) {
    Err->bind(1, UnitId).bind(2, llvm::StringRef("parse")).bind(3, E.File);
    Err->bind(4, int64_t(E.Line)).bind(5, int64_t(E.Column)).bind(6, E.Message);
    if (Err->step() != SQLITE_DONE)
      return fail("cannot record errors of " + U.File);
    ++Errors;
    Err->reset();
  }
  for (const AnalyzerError &E : U.AnalyzerErrors) {
    Err->bind(1, UnitId).bind(2, llvm::StringRef("analyzer")).bind(3, E.Analyzer);
    Err->bind(4, int64_t(0)).bind(5, int64_t(0)).bind(6, E.Message);
    if (Err->step() != SQLITE_DONE)
      return fail("cannot record errors of " + U.File);
    ++Errors;
    Err->reset();
  }

  // A shard's candidate (ScanDriver.h) keeps its own sightings, apart from
  // the run's findings: a merge that leaves it out must not find them
  // folded into the others' rows.
  if (isCandidate(U.Phase)) {
    BorrowedStatement Own =
        cached("INSERT INTO candidate_findings(unit_id, rule, symbol, file, line, col, "
               "analyzer, note, snippet, guard, inactive, advisory, target_check) "
               "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)");
    for (const Finding &F : U.Findings) {
      Own->bind(1, UnitId).bind(2, F.Rule).bind(3, F.Symbol).bind(4, F.File);
      Own->bind(5, int64_t(F.Line)).bind(6, int64_t(F.Column)).bind(7, F.Analyzer);
      Own->bind(8, F.Note).bind(9, F.Snippet).bind(10, F.Guard);
      Own->bind(11, int64_t(F.Inactive)).bind(12, int64_t(F.Advisory)).bind(13, F.TargetCheck);
      if (Own->step() != SQLITE_DONE)
        return fail("cannot record findings of " + U.File);
      Own->reset();
    }
    Found = -1; // Not read back by reusableUnit: never reused.
  }
  // The same place seen by two units keeps the least sighting
  // (FindingConflict.h).
  BorrowedStatement Insert =
      cached("INSERT INTO findings(run_id, rule, symbol, file, line, col, "
             "analyzer, note, snippet, guard, inactive, advisory, target_check) "
             "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)" PORTOLAN_FINDING_CONFLICT);
  BorrowedStatement Find = cached("SELECT id FROM findings WHERE run_id=?1 AND rule=?2 AND "
                                  "symbol=?3 AND file=?4 AND line=?5 AND col=?6");
  // Each link keeps the unit's own sighting (what differs between units
  // that see one place), for a rescan that reuses the unit alone.
  BorrowedStatement Link =
      cached("INSERT OR IGNORE INTO finding_units(finding_id, unit_id, inactive, guard, "
             "target_check) VALUES(?1,?2,?3,?4,?5)");
  for (const Finding &F : isCandidate(U.Phase) ? std::vector<Finding>() : U.Findings) {
    Insert->bind(1, Run).bind(2, F.Rule).bind(3, F.Symbol).bind(4, F.File);
    Insert->bind(5, int64_t(F.Line)).bind(6, int64_t(F.Column)).bind(7, F.Analyzer);
    Insert->bind(8, F.Note).bind(9, F.Snippet).bind(10, F.Guard);
    Insert->bind(11, int64_t(F.Inactive)).bind(12, int64_t(F.Advisory));
    Insert->bind(13, F.TargetCheck);
    if (Insert->step() != SQLITE_DONE)
      return fail("cannot record findings of " + U.File);
    Insert->reset();
    Find->bind(1, Run).bind(2, F.Rule).bind(3, F.Symbol).bind(4, F.File);
    Find->bind(5, int64_t(F.Line)).bind(6, int64_t(F.Column));
    if (Find->step() != SQLITE_ROW)
      return fail("cannot find a stored finding of " + U.File);
    int64_t FindingId = Find->integer(0);
    Find->reset();
    Link->bind(1, FindingId).bind(2, UnitId).bind(3, int64_t(F.Inactive)).bind(4, F.Guard);
    if (Link->bind(5, F.TargetCheck).step() != SQLITE_DONE)
      return fail("cannot link findings of " + U.File);
    Found += sqlite3_changes(DB);
    Link->reset();
  }
  BorrowedStatement Counts = cached("UPDATE units SET file_count = ?2, error_count = ?3, "
                                    "finding_count = ?4 WHERE id = ?1");
  if (Counts->bind(1, UnitId).bind(2, Files).bind(3, Errors).bind(4, Found).step() !=
      SQLITE_DONE)
    return fail("cannot record unit " + U.File);
  return llvm::Error::success();
}

llvm::Error ResultsStore::recordEnrichments(int64_t Run, llvm::StringRef KbVersion,
                                            const std::vector<Enrichment> &Enrichments) {
  return transaction([&]() -> llvm::Error {
    Statement Version(DB, "UPDATE runs SET kb_version = ?2 WHERE id = ?1");
    if (Version.bind(1, Run).bind(2, KbVersion).step() != SQLITE_DONE)
      return fail("cannot record the knowledge base version");
    Statement Sym(DB, "INSERT OR REPLACE INTO symbol_kb(run_id, symbol, known, kind, isa, "
                      "effort, replacement) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    Statement Eq(DB, "INSERT INTO symbol_equivalents(run_id, symbol, target, route, "
                     "replacement, cost, note, source, verified, by_isa) "
                     "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    for (const Enrichment &E : Enrichments) {
      Sym.bind(1, Run).bind(2, E.Symbol).bind(3, int64_t(E.Known)).bind(4, E.Kind).bind(5, E.Isa);
      Sym.bind(6, E.Effort).bind(7, E.Replacement);
      if (Sym.step() != SQLITE_DONE)
        return fail("cannot record knowledge of " + E.Symbol);
      Sym.reset();
      for (const KbEquivalent &Q : E.Equivalents) {
        Eq.bind(1, Run).bind(2, E.Symbol).bind(3, Q.Target).bind(4, Q.Route);
        Eq.bind(5, Q.Replacement).bind(6, Q.Cost).bind(7, Q.Note).bind(8, Q.Source);
        Eq.bind(9, int64_t(Q.Verified)).bind(10, Q.ByIsa);
        if (Eq.step() != SQLITE_DONE)
          return fail("cannot record equivalents of " + E.Symbol);
        Eq.reset();
      }
    }
    return llvm::Error::success();
  });
}

llvm::Error ResultsStore::finishRun(int64_t Run, llvm::StringRef Status) {
  Statement S(DB, "UPDATE runs SET status=?2, "
                  "finished_at=strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id=?1");
  if (!S || S.bind(1, Run).bind(2, Status).step() != SQLITE_DONE)
    return fail("cannot finish the run");
  return llvm::Error::success();
}

llvm::Expected<RunReport> ResultsStore::loadRun(int64_t Run) {
  RunReport R;
  R.RunId = Run;
  Statement S(DB, "SELECT root, started_at, coalesce(finished_at, ''), status, "
                  "coalesce(kb_version, ''), included_sources, prefilter_no_candidates, "
                  "prefilter_covered, results_from FROM runs WHERE id=?1");
  if (!S || S.bind(1, Run).step() != SQLITE_ROW)
    return fail("no run " + std::to_string(Run));
  R.Root = S.text(0);
  R.StartedAt = S.text(1);
  R.FinishedAt = S.text(2);
  R.Status = S.text(3);
  R.KbVersion = S.text(4);
  R.IncludedSources = size_t(S.integer(5));
  R.PrefilterNoCandidates = size_t(S.integer(6));
  R.PrefilterCovered = size_t(S.integer(7));
  // A run with the same results as an earlier one reads them from there.
  const int64_t ResultsFrom = S.integer(8);
  const int64_t Data = ResultsFrom ? ResultsFrom : Run;

  Statement K(DB, "SELECT symbol, known, kind, isa, effort, replacement FROM symbol_kb "
                  "WHERE run_id=?1");
  K.bind(1, Data);
  while (K.step() == SQLITE_ROW)
    R.Enrichments[K.text(0)] = {K.text(0), K.integer(1) != 0, K.text(2), K.text(3),
                                K.text(4),  K.text(5),              {}, {}};
  Statement Q(DB, "SELECT symbol, target, route, replacement, cost, note, source, verified, "
                  "by_isa FROM symbol_equivalents WHERE run_id=?1 ORDER BY rowid");
  Q.bind(1, Data);
  while (Q.step() == SQLITE_ROW)
    R.Enrichments[Q.text(0)].Equivalents.push_back({Q.text(1), Q.text(2), Q.text(3), Q.text(4),
                                                    Q.text(5), Q.text(6), Q.integer(7) != 0,
                                                    Q.text(8)});

  Statement P(DB, "SELECT name, version, path, loaded, reason FROM plugins "
                  "WHERE run_id=?1 ORDER BY rowid");
  P.bind(1, Run);
  while (P.step() == SQLITE_ROW)
    R.Plugins.push_back({P.text(0), P.text(1), P.text(2), P.integer(3) != 0, P.text(4)});

  Statement Pr(DB, "SELECT message FROM problems WHERE run_id=?1 ORDER BY rowid");
  Pr.bind(1, Run);
  while (Pr.step() == SQLITE_ROW)
    R.Problems.push_back(Pr.text(0));

  Statement U(DB, "SELECT id, file, platform, command_source, parsed, parse_seconds, "
                  "foreign_arch, target_seconds, reused_from FROM units WHERE run_id=?1 "
                  "ORDER BY file");
  Statement E(DB, "SELECT kind, source, line, col, message FROM unit_errors "
                  "WHERE unit_id=?1 ORDER BY rowid");
  U.bind(1, Data);
  while (U.step() == SQLITE_ROW) {
    StoredUnit SU;
    SU.File = U.text(1);
    SU.Platform = U.text(2);
    SU.CommandSource = U.text(3);
    SU.Parsed = U.integer(4) != 0;
    SU.ParseSeconds = U.real(5);
    SU.ForeignArch = U.text(6);
    SU.TargetSeconds = U.real(7);
    SU.ReusedFrom = ResultsFrom ? ResultsFrom : U.integer(8);
    E.bind(1, U.integer(0));
    while (E.step() == SQLITE_ROW) {
      if (E.text(0) == "parse")
        SU.Errors.push_back({E.text(1), unsigned(E.integer(2)), unsigned(E.integer(3)), E.text(4)});
      else
        SU.AnalyzerErrors.push_back({E.text(1), E.text(4)});
    }
    E.reset();
    R.Units.push_back(std::move(SU));
  }

  Statement F(DB, "SELECT rule, symbol, file, line, col, analyzer, note, snippet, "
                  "(SELECT count(*) FROM finding_units WHERE finding_id=findings.id), "
                  "guard, inactive, advisory, target_check "
                  "FROM findings WHERE run_id=?1 ORDER BY file, line, col, rule, symbol");
  F.bind(1, Data);
  while (F.step() == SQLITE_ROW) {
    StoredFinding SF;
    SF.F.Rule = F.text(0);
    SF.F.Symbol = F.text(1);
    SF.F.File = F.text(2);
    SF.F.Line = unsigned(F.integer(3));
    SF.F.Column = unsigned(F.integer(4));
    SF.F.Analyzer = F.text(5);
    SF.F.Note = F.text(6);
    SF.F.Snippet = F.text(7);
    SF.UnitCount = unsigned(F.integer(8));
    SF.F.Guard = F.text(9);
    SF.F.Inactive = F.integer(10) != 0;
    SF.F.Advisory = F.integer(11) != 0;
    SF.F.TargetCheck = F.text(12);
    R.Findings.push_back(std::move(SF));
  }
  return R;
}

} // namespace portolan
