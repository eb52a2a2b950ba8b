//===- Portfolio.cpp ------------------------------------------------------===//
#include "portolan/plan/Portfolio.h"

#include "portolan/kb/Enrich.h"
#include "portolan/plan/Effort.h"

#include <llvm/ADT/StringRef.h>

#include <map>
#include <tuple>

namespace portolan {
namespace {

/// Fills in what the planner needs of a run beyond what the store keeps:
/// the area of each Windows API (GUI, COM, ...).
void addAreas(RunReport &Run, const KnowledgeBase &KB) {
  for (const StoredFinding &SF : Run.Findings) {
    if (SF.F.Rule != "win32.api")
      continue;
    auto It = Run.Enrichments.find(SF.F.Symbol);
    if (It == Run.Enrichments.end() || !It->second.Area.empty())
      continue;
    if (std::optional<KbSymbol> Entry = kbEntryFor(KB, SF.F))
      It->second.Area = Entry->Fields["area"];
  }
}

/// The system as the planner takes it from its run, or with the reason its
/// run cannot be had.
ScannedSystem planSystem(const SystemSpec &Spec, const KnowledgeBase &KB, ResultsStore &Store,
                         const Policy &P, llvm::Expected<SystemRun> Run,
                         const std::function<void(const std::string &)> &Warn) {
  auto Failed = [&](llvm::Error E) {
    ScannedSystem S;
    S.Spec = &Spec;
    S.Error = llvm::toString(std::move(E));
    Warn("system " + Spec.Id + ": " + S.Error);
    return S;
  };
  if (!Run)
    return Failed(Run.takeError());
  llvm::Expected<RunReport> Report = Store.loadRun(Run->Run);
  if (!Report)
    return Failed(Report.takeError());
  return systemFromRun(Spec, *Run, std::move(*Report), KB, P);
}

} // namespace

ScannedSystem systemFromRun(const SystemSpec &Spec, const SystemRun &Run, RunReport Report,
                            const KnowledgeBase &KB, const Policy &P) {
  ScannedSystem S;
  S.Spec = &Spec;
  addAreas(Report, KB);
  S.Scanned = true;
  S.Run = Run.Run;
  S.Facts.Lines = Run.Lines;
  size_t Windows = 0;
  for (const StoredUnit &U : Report.Units) {
    // Files that are not units, and units written for another
    // architecture (their errors say nothing about the port).
    if (U.Platform == "file" || !U.ForeignArch.empty())
      continue;
    ++S.Units;
    S.UnitsWithErrors += !U.Parsed || !U.Errors.empty();
    Windows += U.Platform == "windows-x86_64";
  }
  S.Facts.WindowsCode = Windows * 2 > S.Units;
  for (const StoredFinding &F : Report.Findings) {
    ++S.Findings;
    auto It = Report.Enrichments.find(F.F.Symbol);
    ++S.FindingsByCategory[costCategory(F.F, It == Report.Enrichments.end() ? nullptr
                                                                            : &It->second)];
    S.X86Binaries += F.F.Rule == "x86.binary" && !F.F.Advisory &&
                     !llvm::StringRef(F.F.Note).starts_with("non-x86 build:");
  }
  costSystem(S, Report, P, assignTier(Spec, P).first);
  return S;
}

PortfolioPlan planInventory(const Inventory &Inv, const Policy &P, const KnowledgeBase &KB,
                            ResultsStore &Store,
                            const std::function<llvm::Expected<SystemRun>(const SystemSpec &)> &RunOf,
                            const std::function<void(const std::string &)> &Warn) {
  std::vector<ScannedSystem> Systems;
  // Systems that share a run (copies of one tree, one scan) are read and
  // costed once per tier: a system's costs depend on its run, its lines
  // and its tier only.
  std::map<std::tuple<int64_t, size_t, const Tier *>, size_t> Costed;
  for (const SystemSpec &Spec : Inv.Systems) {
    llvm::Expected<SystemRun> Run = RunOf(Spec);
    if (!Run) {
      Systems.push_back(planSystem(Spec, KB, Store, P, Run.takeError(), Warn));
      continue;
    }
    auto Key = std::make_tuple(Run->Run, Run->Lines, assignTier(Spec, P).first);
    if (auto It = Costed.find(Key); It != Costed.end()) {
      ScannedSystem Same = Systems[It->second];
      Same.Spec = &Spec;
      Systems.push_back(std::move(Same));
      continue;
    }
    Systems.push_back(planSystem(Spec, KB, Store, P, std::move(Run), Warn));
    if (Systems.back().Scanned)
      Costed.emplace(Key, Systems.size() - 1);
  }
  PortfolioPlan Plan = planPortfolio(Inv, std::move(Systems), P);
  Plan.Problems.insert(Plan.Problems.begin(), P.Problems.begin(), P.Problems.end());
  for (const SystemPlan &SP : Plan.Systems)
    if (!SP.System.Scanned)
      Plan.Problems.push_back("system " + SP.System.Spec->Id + " not planned: " + SP.System.Error);
  return Plan;
}

} // namespace portolan
