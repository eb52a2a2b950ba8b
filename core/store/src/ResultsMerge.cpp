//===- ResultsMerge.cpp - runs as wholes: origins, and shards merged -----===//
//
// What a run was made with (RunOrigin), the run `plan --from` takes for a
// system, and `portolan merge`: the runs of several results files added
// to one, the shards of one tree folded into the run one process would
// have written.
//
//===----------------------------------------------------------------------===//
#include "portolan/store/ResultsStore.h"

#include "portolan/base/Sqlite.h"

#include "FindingConflict.h"

#include <llvm/ADT/SmallString.h>
#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/FileSystem.h>

#include <algorithm>
#include <map>
#include <set>

namespace portolan {

llvm::Error ResultsStore::recordOrigin(int64_t Run, const RunOrigin &O) {
  Statement S(DB, "UPDATE runs SET settings_key = ?2, build_key = ?3, shard_index = ?4, "
                  "shard_count = ?5, work_key = ?6, source_lines = ?7 WHERE id = ?1");
  S.bind(1, Run).bind(2, O.Settings).bind(3, O.Build).bind(4, int64_t(O.ShardIndex));
  S.bind(5, int64_t(O.ShardCount)).bind(6, O.Work).bind(7, O.SourceLines);
  if (!S || S.step() != SQLITE_DONE)
    return fail("cannot record run " + std::to_string(Run));
  return llvm::Error::success();
}

llvm::Expected<RunOrigin> ResultsStore::origin(int64_t Run) {
  Statement S(DB, "SELECT settings_key, build_key, shard_index, shard_count, work_key, "
                  "source_lines FROM runs WHERE id = ?1");
  if (!S || S.bind(1, Run).step() != SQLITE_ROW)
    return fail("no run " + std::to_string(Run));
  RunOrigin O;
  O.Settings = S.text(0);
  O.Build = S.text(1);
  O.ShardIndex = unsigned(S.integer(2));
  O.ShardCount = unsigned(S.integer(3));
  O.Work = S.text(4);
  O.SourceLines = S.integer(5);
  return O;
}

llvm::Expected<int64_t> ResultsStore::latestRunWith(llvm::StringRef Root,
                                                    llvm::StringRef Settings) {
  Statement S(DB, "SELECT coalesce(max(id), 0) FROM runs WHERE root = ?1 AND settings_key = ?2 "
                  "AND status = 'complete' AND shard_count = 0");
  if (!S || S.bind(1, Root).bind(2, Settings).step() != SQLITE_ROW)
    return fail("cannot read the runs");
  return S.integer(0);
}

llvm::Expected<std::vector<Finding>> ResultsStore::findingSymbols(int64_t Run) {
  Statement S(DB, "SELECT DISTINCT rule, symbol, note FROM findings WHERE run_id = "
                  "(SELECT CASE results_from WHEN 0 THEN id ELSE results_from END FROM runs "
                  "WHERE id = ?1) ORDER BY symbol, rule, note");
  if (!S)
    return fail("cannot read the findings of run " + std::to_string(Run));
  S.bind(1, Run);
  std::vector<Finding> Out;
  while (S.step() == SQLITE_ROW) {
    Finding F;
    F.Rule = S.text(0);
    F.Symbol = S.text(1);
    F.Note = S.text(2);
    Out.push_back(std::move(F));
  }
  return Out;
}

/// The latest complete run of one tree in one input file.
struct MergeSource {
  size_t Input = 0;
  int64_t Id = 0, Data = 0; ///< Data: the run its results are stored under.
  std::string Root, Settings, Build, Kb, Work, Started, Finished;
  unsigned ShardIndex = 0, ShardCount = 0;
  int64_t Lines = -1, Included = 0, NoCandidates = 0, Covered = 0;
};

namespace {


std::string shardName(const MergeSource &R) {
  return std::to_string(R.ShardIndex) + "/" + std::to_string(R.ShardCount);
}

llvm::Error refuse(const llvm::Twine &Why) {
  return llvm::createStringError(std::errc::invalid_argument, "%s", Why.str().c_str());
}

/// Why the runs of Inputs cannot be merged, if they cannot: Trees groups
/// them by root and settings.
llvm::Error checkMergeable(const std::vector<std::string> &Inputs,
                           const std::map<std::pair<std::string, std::string>,
                                          std::vector<MergeSource>> &Trees) {
  const MergeSource *First = nullptr;
  size_t ShardedTrees = 0;
  for (const auto &[Key, Runs] : Trees)
    ShardedTrees += Runs.front().ShardCount > 0;
  for (const auto &[Key, Runs] : Trees) {
    const std::string &Root = Key.first;
    for (const MergeSource &R : Runs) {
      if (!First) {
        First = &R;
        continue;
      }
      if (R.Kb != First->Kb)
        return refuse(Inputs[R.Input] + " was scanned with knowledge base '" + R.Kb + "', " +
                      Inputs[First->Input] + " with '" + First->Kb +
                      "': runs of different knowledge bases are not merged");
      if (R.Build != First->Build)
        return refuse(Inputs[R.Input] + " and " + Inputs[First->Input] +
                      " were scanned by different builds of portolan or its plugins, or with "
                      "different options: their runs are not merged");
    }
    const MergeSource &A = Runs.front();
    for (const MergeSource &R : Runs)
      if (R.ShardCount == 0 && Runs.size() > 1)
        return refuse(Root + ": scanned whole in " + Inputs[R.Input] + " and also in " +
                      Inputs[(&R == &A ? Runs[1] : A).Input] +
                      "; merge takes one run of each tree");
    if (A.ShardCount == 0)
      continue;
    std::map<unsigned, const MergeSource *> ByIndex;
    for (const MergeSource &R : Runs) {
      if (R.ShardCount != A.ShardCount)
        return refuse(Root + ": " + Inputs[A.Input] + " is shard " + shardName(A) + ", " +
                      Inputs[R.Input] + " is shard " + shardName(R) +
                      ": shards of different splits are not merged");
      if (R.Settings != A.Settings)
        return refuse(Root + ": " + Inputs[A.Input] + " (shard " + shardName(A) + ") and " +
                      Inputs[R.Input] + " (shard " + shardName(R) +
                      ") were scanned with different options");
      if (R.Work != A.Work)
        return refuse(Root + ": " + Inputs[A.Input] + " (shard " + shardName(A) + ") and " +
                      Inputs[R.Input] + " (shard " + shardName(R) +
                      ") split different work: the tree, its plan or the options differ "
                      "between them");
      auto [It, New] = ByIndex.emplace(R.ShardIndex, &R);
      if (!New)
        return refuse(Root + ": " + Inputs[It->second->Input] + " and " + Inputs[R.Input] +
                      " are both shard " + shardName(R) + ": the same shard twice");
    }
    std::string Missing;
    for (unsigned I = 0; I < A.ShardCount; ++I)
      if (!ByIndex.count(I))
        Missing += (Missing.empty() ? "" : ", ") + std::to_string(I);
    if (!Missing.empty())
      return refuse(Root + ": shard" + (Missing.find(',') == std::string::npos ? " " : "s ") +
                    Missing + " of " + std::to_string(A.ShardCount) + " missing" +
                    (ShardedTrees > 1 ? " (the inputs hold shards of " +
                                            std::to_string(ShardedTrees) + " different trees)"
                                      : ""));
  }
  return llvm::Error::success();
}

} // namespace

llvm::Expected<std::vector<MergedRun>>
ResultsStore::mergeFrom(const std::vector<std::string> &Inputs, llvm::StringRef KbVersion,
                        const std::function<llvm::Error(int64_t Run)> &BeforeComplete,
                        std::vector<std::string> *Empty) {
  // Each input is read as a baseline is: an older, damaged or foreign file
  // is refused before anything is written.
  std::map<std::pair<std::string, std::string>, std::vector<MergeSource>> Trees;
  std::set<std::string> Seen;
  llvm::SmallString<256> Own;
  if (llvm::sys::fs::real_path(Path, Own))
    Own = Path;
  for (size_t I = 0; I < Inputs.size(); ++I) {
    llvm::SmallString<256> Real;
    if (llvm::sys::fs::real_path(Inputs[I], Real))
      return llvm::createStringError(std::errc::no_such_file_or_directory,
                                     "%s: no such results file", Inputs[I].c_str());
    bool Same = false;
    if (Real == Own || (!llvm::sys::fs::equivalent(Inputs[I], Path, Same) && Same))
      return refuse(Inputs[I] + ": is the results file merged into; give another --db");
    if (!Seen.insert(std::string(Real)).second)
      return refuse(Inputs[I] + ": given twice");
    auto In = openReadOnly(Inputs[I]);
    if (!In)
      return In.takeError();
    Statement S((*In)->DB,
                "SELECT id, CASE results_from WHEN 0 THEN id ELSE results_from END, root, "
                "settings_key, build_key, coalesce(kb_version, ''), work_key, started_at, "
                "coalesce(finished_at, ''), shard_index, shard_count, source_lines, "
                "included_sources, prefilter_no_candidates, prefilter_covered FROM runs r "
                "WHERE status = 'complete' AND id = (SELECT max(id) FROM runs q WHERE "
                "q.status = 'complete' AND q.root = r.root AND q.settings_key = r.settings_key "
                "AND (q.shard_count > 0) = (r.shard_count > 0)) AND (r.shard_count > 0 OR NOT "
                "EXISTS (SELECT 1 FROM runs s WHERE s.status = 'complete' AND s.shard_count > 0))");
    if (!S)
      return (*In)->fail("cannot read the runs");
    size_t Count = 0;
    while (S.step() == SQLITE_ROW) {
      MergeSource R;
      R.Input = I;
      R.Id = S.integer(0);
      R.Data = S.integer(1);
      R.Root = S.text(2);
      R.Settings = S.text(3);
      R.Build = S.text(4);
      R.Kb = S.text(5);
      R.Work = S.text(6);
      R.Started = S.text(7);
      R.Finished = S.text(8);
      R.ShardIndex = unsigned(S.integer(9));
      R.ShardCount = unsigned(S.integer(10));
      R.Lines = S.integer(11);
      R.Included = S.integer(12);
      R.NoCandidates = S.integer(13);
      R.Covered = S.integer(14);
      // Shards of one root are one tree whatever their options: options
      // that differ are then told as such, not as shards missing.
      std::string Settings = R.ShardCount ? "" : R.Settings;
      Trees[{R.Root, Settings}].push_back(std::move(R));
      ++Count;
    }
    // A shard of a plan may have had no system to scan.
    if (!Count && Empty)
      Empty->push_back(Inputs[I]);
  }
  if (Trees.empty())
    return refuse("no complete run in " + std::string(Inputs.size() == 1 ? "" : "any of ") +
                  llvm::join(Inputs, ", "));
  if (llvm::Error E = checkMergeable(Inputs, Trees))
    return E;
  const MergeSource &Any = Trees.begin()->second.front();
  if (!KbVersion.empty() && Any.Kb != KbVersion)
    return refuse(Inputs[Any.Input] + " was scanned with knowledge base '" + Any.Kb +
                  "', and the one here is '" + KbVersion +
                  "': give the same one with --kb, so that the merged runs' equivalents are "
                  "those of their scans");

  // Every merged run is "merging" (no report, rescan or later scan takes
  // it) until all are done, then all are complete together; a merge that
  // fails leaves them "failed".
  std::vector<MergedRun> Out;
  auto Failed = [&](llvm::Error E) -> llvm::Error {
    for (const MergedRun &M : Out)
      if (M.Run)
        llvm::consumeError(finishRun(M.Run, "failed"));
    return E;
  };
  for (auto &[Key, Runs] : Trees) {
    std::sort(Runs.begin(), Runs.end(), [](const MergeSource &A, const MergeSource &B) {
      return A.ShardIndex < B.ShardIndex;
    });
    Out.emplace_back();
    if (llvm::Error E = mergeTree(Inputs, Runs, Out.back()))
      return Failed(std::move(E));
  }
  for (const MergedRun &M : Out)
    if (BeforeComplete)
      if (llvm::Error E = BeforeComplete(M.Run))
        return Failed(std::move(E));
  if (llvm::Error E = transaction([&]() -> llvm::Error {
        for (const MergedRun &M : Out)
          if (llvm::Error E = finishRun(M.Run, "complete"))
            return E;
        return llvm::Error::success();
      }))
    return Failed(std::move(E));
  return Out;
}

llvm::Error ResultsStore::mergeTree(const std::vector<std::string> &Inputs,
                                    const std::vector<MergeSource> &Runs, MergedRun &M) {
  const MergeSource &First = Runs.front();
  M.Root = First.Root;
  M.Shards = First.ShardCount;
  std::string Started = First.Started, Finished = First.Finished;
  for (const MergeSource &R : Runs) {
    Started = std::min(Started, R.Started);
    Finished = std::max(Finished, R.Finished);
  }
  // "merging" until mergeFrom completes every run: a merge that stops
  // half-way leaves a run that no report, rescan or later scan takes.
  {
    Statement S(DB, "INSERT INTO runs(root, started_at, finished_at, status, kb_version, "
                    "prefilter_no_candidates, prefilter_covered, owner, settings_key, "
                    "build_key, source_lines) VALUES(?1, ?2, ?3, 'merging', ?4, ?5, ?6, ?7, "
                    "?8, ?9, ?10)");
    S.bind(1, First.Root).bind(2, Started).bind(3, Finished).bind(4, First.Kb);
    S.bind(5, First.NoCandidates).bind(6, First.Covered).bind(7, owner());
    S.bind(8, First.Settings).bind(9, First.Build).bind(10, First.Lines);
    if (!S || S.step() != SQLITE_DONE)
      return fail("cannot start the merged run of " + First.Root);
    M.Run = sqlite3_last_insert_rowid(DB);
  }
  if (llvm::Error E = exec("DROP TABLE IF EXISTS temp.merged_units; CREATE TEMP TABLE "
                           "merged_units(member INTEGER, src INTEGER, dst INTEGER PRIMARY KEY)"))
    return E;
  auto Attached = [&](const MergeSource &R, llvm::function_ref<llvm::Error()> Body) -> llvm::Error {
    Statement A(DB, "ATTACH DATABASE ?1 AS src");
    if (!A || A.bind(1, Inputs[R.Input]).step() != SQLITE_DONE)
      return fail("cannot read " + Inputs[R.Input]);
    llvm::Error E = transaction(Body);
    if (llvm::Error D = exec("DETACH DATABASE src"))
      return llvm::joinErrors(std::move(E), std::move(D));
    return E;
  };

  // Units, their files and errors, from every shard.
  int64_t Included = 0;
  for (size_t Member = 0; Member < Runs.size(); ++Member) {
    const MergeSource &R = Runs[Member];
    llvm::Error E = Attached(R, [&]() -> llvm::Error {
      if (Member == 0) {
        Statement P(DB, "INSERT INTO plugins(run_id, name, version, path, loaded, reason) "
                        "SELECT ?1, name, version, path, loaded, reason FROM src.plugins "
                        "WHERE run_id = ?2 ORDER BY rowid");
        Statement Pr(DB, "INSERT INTO problems(run_id, message) SELECT ?1, message FROM "
                         "src.problems WHERE run_id = ?2 ORDER BY rowid");
        Statement Stats(DB, "INSERT OR REPLACE INTO file_stats SELECT * FROM src.file_stats "
                            "WHERE root = ?1");
        Statement Memos(DB, "INSERT OR REPLACE INTO memos SELECT * FROM src.memos "
                            "WHERE root = ?1");
        if (P.bind(1, M.Run).bind(2, R.Id).step() != SQLITE_DONE ||
            Pr.bind(1, M.Run).bind(2, R.Id).step() != SQLITE_DONE ||
            Stats.bind(1, R.Root).step() != SQLITE_DONE ||
            Memos.bind(1, R.Root).step() != SQLITE_DONE)
          return fail("cannot copy the run of " + R.Root + " from " + Inputs[R.Input]);
      }
      Statement Units(DB, "SELECT id FROM src.units WHERE run_id = ?1 ORDER BY id");
      Statement Copy(DB, "INSERT INTO units(run_id, file, platform, command_source, parsed, "
                         "parse_seconds, foreign_arch, target_seconds, cache_key, reused_from, "
                         "file_count, error_count, finding_count, phase) SELECT ?1, file, "
                         "platform, command_source, parsed, parse_seconds, foreign_arch, "
                         "target_seconds, cache_key, 0, file_count, error_count, "
                         "finding_count, phase FROM src.units WHERE id = ?2");
      Statement Map(DB, "INSERT INTO temp.merged_units(member, src, dst) VALUES(?1, ?2, ?3)");
      Units.bind(1, R.Data);
      while (Units.step() == SQLITE_ROW) {
        int64_t Src = Units.integer(0);
        if (Copy.bind(1, M.Run).bind(2, Src).step() != SQLITE_DONE)
          return fail("cannot copy a unit of " + R.Root + " from " + Inputs[R.Input] +
                      " (is a file in two shards?)");
        Copy.reset();
        int64_t Dst = sqlite3_last_insert_rowid(DB);
        if (Map.bind(1, int64_t(Member)).bind(2, Src).bind(3, Dst).step() != SQLITE_DONE)
          return fail("cannot copy the units of " + R.Root);
        Map.reset();
      }
      Statement Files(DB, "INSERT INTO unit_files(unit_id, file, hash) SELECT m.dst, f.file, "
                          "f.hash FROM src.unit_files f JOIN temp.merged_units m ON "
                          "m.member = ?1 AND m.src = f.unit_id");
      Statement Errors(DB, "INSERT INTO unit_errors(unit_id, kind, source, line, col, message) "
                           "SELECT m.dst, e.kind, e.source, e.line, e.col, e.message FROM "
                           "src.unit_errors e JOIN temp.merged_units m ON m.member = ?1 AND "
                           "m.src = e.unit_id ORDER BY e.rowid");
      Statement Candidates(DB, "SELECT count(*) FROM src.units WHERE run_id = ?1 AND phase = 3");
      if (Files.bind(1, int64_t(Member)).step() != SQLITE_DONE ||
          Errors.bind(1, int64_t(Member)).step() != SQLITE_DONE ||
          Candidates.bind(1, R.Data).step() != SQLITE_ROW)
        return fail("cannot copy the units of " + R.Root + " from " + Inputs[R.Input]);
      // The sources a shard left to its includers, and those it ran as
      // candidates: what the run would have planned.
      Included += R.Included + Candidates.integer(0);
      return llvm::Error::success();
    });
    if (E)
      return E;
  }

  // The candidates one process would not have run: a deferred source that
  // some unit read, a header that some unit or kept deferred source read
  // (runScan's passes).
  if (llvm::Error E = transaction([&]() -> llvm::Error {
        const char *Drop[] = {
            "CREATE TEMP TABLE read_files AS SELECT DISTINCT f.file FROM unit_files f JOIN "
            "units u ON u.id = f.unit_id WHERE u.run_id = ?1 AND u.phase = 0 AND "
            "u.platform != 'file'",
            "CREATE TEMP TABLE dropped AS SELECT id FROM units WHERE run_id = ?1 AND phase = 3 "
            "AND file IN (SELECT file FROM temp.read_files)",
            "INSERT INTO temp.read_files SELECT DISTINCT f.file FROM unit_files f JOIN units u "
            "ON u.id = f.unit_id WHERE u.run_id = ?1 AND u.phase IN (1, 3) AND u.id NOT IN "
            "(SELECT id FROM temp.dropped)",
            "INSERT INTO temp.dropped SELECT id FROM units WHERE run_id = ?1 AND phase = 4 AND "
            "file IN (SELECT file FROM temp.read_files)",
            "DELETE FROM unit_files WHERE unit_id IN (SELECT id FROM temp.dropped)",
            "DELETE FROM unit_errors WHERE unit_id IN (SELECT id FROM temp.dropped)",
            "DELETE FROM units WHERE id IN (SELECT id FROM temp.dropped)",
            "DELETE FROM temp.merged_units WHERE dst IN (SELECT id FROM temp.dropped)"};
        for (const char *SQL : Drop) {
          Statement S(DB, SQL);
          if (!S || S.bind(1, M.Run).step() != SQLITE_DONE)
            return fail("cannot merge the units of " + M.Root);
        }
        Statement Count(DB, "SELECT (SELECT count(*) FROM temp.dropped), (SELECT count(*) FROM "
                            "units WHERE run_id = ?1 AND phase IN (3, 4))");
        if (!Count || Count.bind(1, M.Run).step() != SQLITE_ROW)
          return fail("cannot merge the units of " + M.Root);
        M.CandidatesDropped = size_t(Count.integer(0));
        M.CandidatesKept = size_t(Count.integer(1));
        Count.reset(); // Its read of the tables below ends.
        Statement Deferred(DB, "SELECT count(*) FROM units WHERE run_id = ?1 AND phase IN (1, 3)");
        if (!Deferred || Deferred.bind(1, M.Run).step() != SQLITE_ROW)
          return fail("cannot merge the units of " + M.Root);
        if (M.Shards)
          Included -= Deferred.integer(0);
        else
          Included = First.Included;
        Deferred.reset();
        // The candidates kept are what one process runs in those passes.
        Statement Phases(DB, "UPDATE units SET phase = phase - 2 WHERE run_id = ?1 AND phase "
                             "IN (3, 4)");
        if (!Phases || Phases.bind(1, M.Run).step() != SQLITE_DONE)
          return fail("cannot merge the units of " + M.Root);
        return exec("DROP TABLE temp.read_files; DROP TABLE temp.dropped;");
      }))
    return E;

  // Findings: each kept unit's own sighting of each place (through its
  // link), and the candidates' own; the least of all is what one process
  // stores (FindingConflict.h).
  for (size_t Member = 0; Member < Runs.size(); ++Member) {
    const MergeSource &R = Runs[Member];
    llvm::Error E = Attached(R, [&]() -> llvm::Error {
      Statement Rows(DB, "INSERT INTO findings(run_id, rule, symbol, file, line, col, analyzer, "
                         "note, snippet, guard, inactive, advisory, target_check) SELECT ?1, "
                         "f.rule, f.symbol, f.file, f.line, f.col, f.analyzer, f.note, "
                         "f.snippet, " UNIT_SIGHTING " FROM src.findings f JOIN "
                         "src.finding_units fu ON fu.finding_id = f.id JOIN temp.merged_units m "
                         "ON m.member = ?3 AND m.src = fu.unit_id WHERE f.run_id = ?2 ORDER BY "
                         "f.rule, f.symbol, f.file, f.line, f.col" PORTOLAN_FINDING_CONFLICT);
      Statement Links(DB, "INSERT OR IGNORE INTO finding_units(finding_id, unit_id, inactive, "
                          "guard, target_check) SELECT n.id, m.dst, fu.inactive, fu.guard, "
                          "fu.target_check FROM src.finding_units fu JOIN temp.merged_units m ON "
                          "m.member = ?3 AND m.src = fu.unit_id JOIN src.findings o ON o.id = "
                          "fu.finding_id JOIN findings n ON n.run_id = ?1 AND n.rule = o.rule "
                          "AND n.symbol = o.symbol AND n.file = o.file AND n.line = o.line AND "
                          "n.col = o.col WHERE o.run_id = ?2");
      Statement Own(DB, "INSERT INTO findings(run_id, rule, symbol, file, line, col, analyzer, "
                        "note, snippet, guard, inactive, advisory, target_check) SELECT ?1, "
                        "c.rule, c.symbol, c.file, c.line, c.col, c.analyzer, c.note, "
                        "c.snippet, c.guard, c.inactive, c.advisory, c.target_check FROM "
                        "src.candidate_findings c JOIN temp.merged_units m ON m.member = ?2 "
                        "AND m.src = c.unit_id WHERE 1 ORDER BY c.rule, c.symbol, c.file, "
                        "c.line, c.col" PORTOLAN_FINDING_CONFLICT);
      Statement OwnLinks(DB, "INSERT OR IGNORE INTO finding_units(finding_id, unit_id, "
                             "inactive, guard, target_check) SELECT n.id, m.dst, c.inactive, "
                             "c.guard, c.target_check FROM src.candidate_findings c JOIN "
                             "temp.merged_units m ON m.member = ?2 AND m.src = c.unit_id JOIN "
                             "findings n ON n.run_id = ?1 AND n.rule = c.rule AND n.symbol = "
                             "c.symbol AND n.file = c.file AND n.line = c.line AND n.col = "
                             "c.col");
      int64_t Mem = int64_t(Member);
      if (Rows.bind(1, M.Run).bind(2, R.Data).bind(3, Mem).step() != SQLITE_DONE ||
          Links.bind(1, M.Run).bind(2, R.Data).bind(3, Mem).step() != SQLITE_DONE ||
          Own.bind(1, M.Run).bind(2, Mem).step() != SQLITE_DONE ||
          OwnLinks.bind(1, M.Run).bind(2, Mem).step() != SQLITE_DONE)
        return fail("cannot copy the findings of " + R.Root + " from " + Inputs[R.Input]);
      return llvm::Error::success();
    });
    if (E)
      return E;
  }

  Statement Finish(DB, "UPDATE runs SET included_sources = ?2 WHERE id = ?1");
  Statement Counted(DB, "UPDATE units SET finding_count = (SELECT count(*) FROM finding_units "
                        "WHERE unit_id = units.id) WHERE run_id = ?1 AND finding_count < 0");
  Statement Sizes(DB, "SELECT (SELECT count(*) FROM units WHERE run_id = ?1), "
                      "(SELECT count(*) FROM findings WHERE run_id = ?1)");
  if (!Counted || Counted.bind(1, M.Run).step() != SQLITE_DONE || !Finish ||
      Finish.bind(1, M.Run).bind(2, Included).step() != SQLITE_DONE || !Sizes ||
      Sizes.bind(1, M.Run).step() != SQLITE_ROW)
    return fail("cannot finish the merged run of " + M.Root);
  M.Units = size_t(Sizes.integer(0));
  M.Findings = size_t(Sizes.integer(1));
  return llvm::Error::success();
}

} // namespace portolan
