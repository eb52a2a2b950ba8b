//===- ResultsStoreReuse.cpp - what a rescan reads back and writes ------===//
//
// The parts of the results store that serve rescans: stored plans (memos),
// the files' stats and hashes, the lookup of a unit that can be reused, and
// recording reused results, copied within SQLite or referred to whole.
//
//===----------------------------------------------------------------------===//
#include "portolan/store/ResultsStore.h"

#include <llvm/Support/FileSystem.h>

#include "portolan/base/Sqlite.h"

#include "FindingConflict.h"

#include <algorithm>

namespace portolan {

std::optional<std::string> ResultsStore::memo(llvm::StringRef Root, llvm::StringRef Kind,
                                              llvm::StringRef Key) {
  Statement S(DB, "SELECT value FROM memos WHERE root = ?1 AND kind = ?2 AND key = ?3");
  if (!S || S.bind(1, Root).bind(2, Kind).bind(3, Key).step() != SQLITE_ROW)
    return std::nullopt;
  return S.text(0);
}

llvm::Error ResultsStore::storeMemo(llvm::StringRef Root, llvm::StringRef Kind,
                                    llvm::StringRef Key, llvm::StringRef Value) {
  Statement S(DB, "INSERT OR REPLACE INTO memos(root, kind, key, value) VALUES(?1,?2,?3,?4)");
  if (!S || S.bind(1, Root).bind(2, Kind).bind(3, Key).bind(4, Value).step() != SQLITE_DONE)
    return fail("cannot record the " + Kind.str());
  return llvm::Error::success();
}

llvm::StringMap<FileStat> ResultsStore::fileStats(llvm::StringRef Root) {
  llvm::StringMap<FileStat> Out;
  Statement S(DB, "SELECT file, device, inode, size, mtime_ns, ctime_ns, hashed_at_ns, hash "
                  "FROM file_stats WHERE root = ?1");
  if (!S)
    return Out;
  S.bind(1, Root);
  while (S.step() == SQLITE_ROW) {
    FileStat F;
    F.Device = S.integer(1);
    F.Inode = S.integer(2);
    F.Size = S.integer(3);
    F.MtimeNs = S.integer(4);
    F.CtimeNs = S.integer(5);
    F.HashedAtNs = S.integer(6);
    F.Hash = S.text(7);
    Out[S.text(0)] = std::move(F);
  }
  return Out;
}

llvm::Error ResultsStore::storeFileStats(
    llvm::StringRef Root, const std::vector<std::pair<std::string, FileStat>> &Stats) {
  if (Stats.empty())
    return llvm::Error::success();
  return transaction([&]() -> llvm::Error {
    Statement S(DB, "INSERT OR REPLACE INTO file_stats(root, file, device, inode, size, "
                    "mtime_ns, ctime_ns, hashed_at_ns, hash) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9)");
    for (const auto &[File, F] : Stats) {
      S.bind(1, Root).bind(2, File).bind(3, F.Device).bind(4, F.Inode).bind(5, F.Size);
      S.bind(6, F.MtimeNs).bind(7, F.CtimeNs).bind(8, F.HashedAtNs).bind(9, F.Hash);
      if (S.step() != SQLITE_DONE)
        return fail("cannot record the files' hashes");
      S.reset();
    }
    return llvm::Error::success();
  });
}

std::optional<TUResult> ResultsStore::reusableUnit(
    llvm::StringRef Root, llvm::StringRef File, llvm::StringRef Key,
    const std::function<std::string(const std::string &)> &HashOf) {
  BorrowedStatement U =
      cached("SELECT u.id, u.run_id, u.platform, u.command_source, u.parsed, "
             "u.parse_seconds, u.foreign_arch, u.target_seconds, u.file_count, "
             "u.error_count, u.finding_count FROM units u "
             "JOIN runs r ON r.id = u.run_id WHERE u.file = ?1 AND u.cache_key = ?2 "
             "AND u.phase < 3 "
             "AND r.root = ?3 AND r.status IN ('complete', 'interrupted') "
             "ORDER BY u.id DESC LIMIT 1");
  U->bind(1, File).bind(2, Key).bind(3, Root);
  if (Key.empty() || U->step() != SQLITE_ROW)
    return std::nullopt;
  int64_t UnitId = U->integer(0);
  TUResult R;
  R.File = File.str();
  R.ReusedFrom = U->integer(1);
  R.ReusedUnit = UnitId;
  R.Plat = platformFromName(U->text(2)).value_or(Platform::LinuxX86_64);
  R.CommandSource = U->text(3);
  R.Parsed = U->integer(4) != 0;
  R.ParseSeconds = U->real(5);
  R.ForeignArch = U->text(6);
  R.TargetSeconds = U->real(7);
  R.CacheKey = Key.str();
  int64_t Expected[] = {U->integer(8), U->integer(9), U->integer(10)};
  // Every file the stored parse read must be as it was.
  BorrowedStatement Files =
      cached("SELECT file, hash FROM unit_files WHERE unit_id = ?1 ORDER BY file");
  Files->bind(1, UnitId);
  while (Files->step() == SQLITE_ROW) {
    std::string F = Files->text(0), Stored = Files->text(1);
    if (Stored.empty() || HashOf(F) != Stored)
      return std::nullopt;
    R.FilesRead.push_back(F);
    R.FileHashes.push_back(Stored);
  }
  BorrowedStatement E = cached("SELECT kind, source, line, col, message FROM unit_errors "
                               "WHERE unit_id = ?1 ORDER BY rowid");
  E->bind(1, UnitId);
  while (E->step() == SQLITE_ROW) {
    if (E->text(0) == "parse")
      R.Errors.push_back(
          {E->text(1), unsigned(E->integer(2)), unsigned(E->integer(3)), E->text(4)});
    else
      R.AnalyzerErrors.push_back({E->text(1), E->text(4)});
  }
  BorrowedStatement F =
      cached("SELECT f.rule, f.symbol, f.file, f.line, f.col, f.analyzer, f.note, "
             "f.snippet, " UNIT_SIGHTING " FROM findings f "
             "JOIN finding_units fu ON fu.finding_id = f.id WHERE fu.unit_id = ?1");
  F->bind(1, UnitId);
  while (F->step() == SQLITE_ROW) {
    Finding G;
    G.Rule = F->text(0);
    G.Symbol = F->text(1);
    G.File = F->text(2);
    G.Line = unsigned(F->integer(3));
    G.Column = unsigned(F->integer(4));
    G.Analyzer = F->text(5);
    G.Note = F->text(6);
    G.Snippet = F->text(7);
    G.Guard = F->text(8);
    G.Inactive = F->integer(9) != 0;
    G.Advisory = F->integer(10) != 0;
    G.TargetCheck = F->text(11);
    R.Findings.push_back(std::move(G));
  }
  // Fewer rows than were written: the file lost some (-1: written by a
  // build that did not count).
  int64_t Read[] = {int64_t(R.FilesRead.size()),
                    int64_t(R.Errors.size() + R.AnalyzerErrors.size()), int64_t(R.Findings.size())};
  const char *Kinds[] = {"files", "errors", "findings"};
  for (int I = 0; I < 3; ++I)
    if (Expected[I] >= 0 && Read[I] != Expected[I]) {
      ++IncompleteUnits;
      if (FirstIncomplete.empty())
        FirstIncomplete = File.str() + " (" + std::to_string(Read[I]) + " of " +
                          std::to_string(Expected[I]) + " " + Kinds[I] + ")";
      return std::nullopt;
    }
  std::sort(R.Findings.begin(), R.Findings.end());
  return R;
}

std::string ResultsStore::takeIncomplete() {
  if (!IncompleteUnits)
    return "";
  std::string Line = Path + ": " + std::to_string(IncompleteUnits) +
                     (IncompleteUnits == 1 ? " stored unit had" : " stored units had") +
                     " lost rows and was parsed again (first: " + FirstIncomplete + ")";
  if (IncompleteUnits > 1)
    Line.replace(Line.find(" was parsed"), 4, " were");
  IncompleteUnits = 0;
  FirstIncomplete.clear();
  return Line;
}

llvm::Error ResultsStore::copyUnit(int64_t Run, const TUResult &U) {
  BorrowedStatement Unit =
      cached("INSERT INTO units(run_id, file, platform, command_source, parsed, "
             "parse_seconds, foreign_arch, target_seconds, cache_key, reused_from, "
             "file_count, error_count, finding_count, phase) "
             "SELECT ?1, file, platform, command_source, parsed, parse_seconds, "
             "foreign_arch, target_seconds, cache_key, ?3, file_count, error_count, "
             "finding_count, ?4 FROM units WHERE id = ?2");
  Unit->bind(1, Run).bind(2, U.ReusedUnit).bind(3, U.ReusedFrom).bind(4, int64_t(U.Phase));
  if (Unit->step() != SQLITE_DONE || sqlite3_changes(DB) != 1)
    return fail("cannot record unit " + U.File);
  int64_t UnitId = sqlite3_last_insert_rowid(DB);
  BorrowedStatement Files = cached("INSERT INTO unit_files(unit_id, file, hash) "
                                   "SELECT ?1, file, hash FROM unit_files WHERE unit_id = ?2");
  BorrowedStatement Errors =
      cached("INSERT INTO unit_errors(unit_id, kind, source, line, col, message) "
             "SELECT ?1, kind, source, line, col, message FROM unit_errors "
             "WHERE unit_id = ?2 ORDER BY rowid");
  // As insertUnit, with the unit's own sightings: the least stays
  // (FindingConflict.h). (The WHERE before ON CONFLICT is what SQLite's
  // grammar asks of an upsert from a SELECT.)
  BorrowedStatement Findings =
      cached("INSERT INTO findings(run_id, rule, symbol, file, line, col, analyzer, note, "
             "snippet, guard, inactive, advisory, target_check) "
             "SELECT ?1, f.rule, f.symbol, f.file, f.line, f.col, f.analyzer, f.note, "
             "f.snippet, " UNIT_SIGHTING " FROM findings f "
             "JOIN finding_units fu ON fu.finding_id = f.id WHERE fu.unit_id = ?2 "
             "ORDER BY f.rule, f.symbol, f.file, f.line, f.col" PORTOLAN_FINDING_CONFLICT);
  BorrowedStatement Links =
      cached("INSERT OR IGNORE INTO finding_units(finding_id, unit_id, inactive, guard, "
             "target_check) "
             "SELECT n.id, ?1, fu.inactive, fu.guard, fu.target_check FROM finding_units fu "
             "JOIN findings o ON o.id = fu.finding_id "
             "JOIN findings n ON n.run_id = ?3 AND n.rule = o.rule AND n.symbol = o.symbol "
             "AND n.file = o.file AND n.line = o.line AND n.col = o.col "
             "WHERE fu.unit_id = ?2");
  if (Files->bind(1, UnitId).bind(2, U.ReusedUnit).step() != SQLITE_DONE ||
      Errors->bind(1, UnitId).bind(2, U.ReusedUnit).step() != SQLITE_DONE)
    return fail("cannot record the files of " + U.File);
  if (Findings->bind(1, Run).bind(2, U.ReusedUnit).step() != SQLITE_DONE ||
      Links->bind(1, UnitId).bind(2, U.ReusedUnit).bind(3, Run).step() != SQLITE_DONE)
    return fail("cannot record findings of " + U.File);
  return llvm::Error::success();
}

llvm::Expected<size_t> ResultsStore::unitCount(int64_t Run) {
  Statement S(DB, "SELECT count(*) FROM units u JOIN runs r ON r.id = u.run_id "
                  "WHERE u.run_id = ?1 AND r.status = 'complete'");
  if (!S || S.bind(1, Run).step() != SQLITE_ROW)
    return fail("cannot count the units of run " + std::to_string(Run));
  return size_t(S.integer(0));
}

llvm::Expected<int64_t> ResultsStore::latestCompleteRun(llvm::StringRef Root) {
  Statement S(DB, "SELECT root, max(id) FROM runs WHERE status = 'complete' AND shard_count = 0 "
                  "GROUP BY root");
  if (!S)
    return fail("cannot read the runs");
  std::vector<std::pair<std::string, int64_t>> Latest;
  while (S.step() == SQLITE_ROW)
    Latest.emplace_back(S.text(0), S.integer(1));
  for (const auto &[RunRoot, Id] : Latest) {
    llvm::SmallString<256> Real;
    if (RunRoot == Root || (!llvm::sys::fs::real_path(RunRoot, Real) && Real == Root))
      return Id;
  }
  if (Latest.size() > 1)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "%s: holds complete runs of %zu folders, none of them %s; "
                                   "give a JSON or SARIF report of the run meant instead",
                                   Path.c_str(), Latest.size(), Root.str().c_str());
  return Latest.empty() ? 0 : Latest.front().second;
}

llvm::Error ResultsStore::recordSameResultsAs(int64_t Run, int64_t From) {
  Statement S(DB, "UPDATE runs SET results_from = ?2, kb_version = "
                  "(SELECT kb_version FROM runs WHERE id = ?2) WHERE id = ?1");
  if (!S || S.bind(1, Run).bind(2, From).step() != SQLITE_DONE)
    return fail("cannot record run " + std::to_string(Run));
  return llvm::Error::success();
}

} // namespace portolan
