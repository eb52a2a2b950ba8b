//===- Report.cpp ---------------------------------------------------------===//
#include "portolan/report/Report.h"
#include "portolan/base/Printable.h"

#include "portolan/plan/Effort.h"
#include "portolan/kb/KbSchema.h"

#include <llvm/ADT/StringMap.h>
#include <llvm/Support/Format.h>

#include <algorithm>
#include <map>

namespace portolan {
namespace {

/// Counts keyed by name, ordered by count (descending) then name.
std::vector<std::pair<std::string, size_t>> ranked(const std::map<std::string, size_t> &M) {
  std::vector<std::pair<std::string, size_t>> V(M.begin(), M.end());
  std::stable_sort(V.begin(), V.end(),
                   [](const auto &A, const auto &B) { return A.second > B.second; });
  return V;
}

struct Totals {
  size_t Parsed = 0, WithErrors = 0, Failed = 0, Windows = 0, Files = 0, Foreign = 0,
         Reused = 0, FilesReused = 0;
  double Seconds = 0;
  std::map<std::string, size_t> ByRule, ByFile, BySymbol;
  /// "blocking" (active and not guarded by an alternative or fallback),
  /// "has-alternative", "has-fallback", "inactive", "advisory".
  std::map<std::string, size_t> ByGuard;
};


Totals totals(const RunReport &R) {
  Totals T;
  for (const StoredUnit &U : R.Units) {
    T.Parsed += U.Parsed;
    T.Failed += !U.Parsed;
    T.WithErrors += U.Parsed && !U.Errors.empty();
    T.Windows += U.Platform == "windows-x86_64";
    T.Files += U.Platform == "file";
    T.Foreign += !U.ForeignArch.empty();
    (U.Platform == "file" ? T.FilesReused : T.Reused) += U.ReusedFrom != 0;
    if (U.ReusedFrom) // Stored parse times are not this run's work.
      T.Seconds -= U.ParseSeconds;
    T.Seconds += U.ParseSeconds;
  }
  for (const StoredFinding &F : R.Findings) {
    ++T.ByRule[F.F.Rule];
    ++T.ByFile[F.F.File];
    ++T.BySymbol[F.F.Symbol];
    ++T.ByGuard[guardClass(F.F)];
  }
  return T;
}

void writeRanked(llvm::raw_ostream &OS, llvm::StringRef Title,
                 const std::map<std::string, size_t> &M, size_t Limit) {
  if (M.empty())
    return;
  OS << "\n" << Title << ":\n";
  auto V = ranked(M);
  size_t Width = 0;
  for (size_t I = 0; I < V.size() && I < Limit; ++I)
    Width = std::max(Width, printable(V[I].first).size());
  for (size_t I = 0; I < V.size() && I < Limit; ++I)
    OS << "  " << llvm::left_justify(printable(V[I].first), Width) << "  "
       << llvm::right_justify(std::to_string(V[I].second), 6) << "\n";
  if (V.size() > Limit)
    OS << "  ... and " << (V.size() - Limit) << " more\n";
}

const char *const Targets[] = {"aarch64", "loongarch64", "sw_64"};

/// Findings per target and cost class; "no entry" when the KB knows the
/// symbol but records no way to replace it there, "unknown" when it does not
/// know the symbol.
/// True for findings costed per target: x86 symbols (intrinsics, types,
/// builtins). Windows findings and constructs (inline asm, guards) have an
/// effort class instead.
bool isCostedPerTarget(const RunReport &R, const Finding &F) {
  if (!llvm::StringRef(F.Rule).starts_with("x86."))
    return false;
  auto It = R.Enrichments.find(F.Symbol);
  return It == R.Enrichments.end() || It->second.Effort.empty();
}

std::map<std::string, std::map<std::string, size_t>> costsByTarget(const RunReport &R) {
  std::map<std::string, std::map<std::string, size_t>> Out;
  for (const StoredFinding &F : R.Findings) {
    if (!isCostedPerTarget(R, F.F))
      continue;
    auto It = R.Enrichments.find(F.F.Symbol);
    for (const char *T : Targets) {
      if (It == R.Enrichments.end() || !It->second.Known) {
        ++Out[T]["unknown"];
        continue;
      }
      std::string Cost = cheapestCost(It->second.Equivalents, T);
      ++Out[T][Cost.empty() ? "no entry" : Cost];
    }
  }
  return Out;
}

/// Non-x86 findings per effort class of their KB entry ("unknown" when the
/// KB does not know the symbol).
std::map<std::string, size_t> effortCounts(const RunReport &R) {
  std::map<std::string, size_t> Out;
  for (const StoredFinding &F : R.Findings) {
    if (isCostedPerTarget(R, F.F))
      continue;
    auto It = R.Enrichments.find(F.F.Symbol);
    bool Known = It != R.Enrichments.end() && It->second.Known && !It->second.Effort.empty();
    ++Out[Known ? It->second.Effort : "unknown"];
  }
  return Out;
}

/// Symbols the knowledge base does not know, most findings first.
std::vector<std::string> unknownSymbols(const RunReport &R) {
  std::map<std::string, size_t> Counts;
  for (const StoredFinding &F : R.Findings) {
    auto It = R.Enrichments.find(F.F.Symbol);
    if (It != R.Enrichments.end() && !It->second.Known)
      ++Counts[F.F.Symbol];
  }
  std::vector<std::string> Out;
  for (const auto &[Symbol, N] : ranked(Counts))
    Out.push_back(Symbol);
  return Out;
}

/// One finding as a line of the text report, with what replaces it.
void writeFindingLine(const RunReport &R, const Finding &F, llvm::raw_ostream &OS) {
  OS << "  " << printable(F.File) << ":" << F.Line << ":" << F.Column << ": " << F.Rule
     << " " << printable(F.Symbol);
  if (F.Inactive)
    OS << " (inactive)";
  if (F.Advisory)
    OS << " (advisory)";
  if (F.Guard != "none")
    OS << " (" << F.Guard << ")";
  if (llvm::StringRef(F.TargetCheck).starts_with("fails on ") &&
      F.Rule != "target.parse-error")
    OS << " (" << llvm::StringRef(F.TargetCheck).take_front(80) << ")";
  // The cheapest ARM64 route, or what replaces a Windows symbol, so a
  // developer sees what the port means.
  auto It = R.Enrichments.find(F.Symbol);
  if (F.Rule == "target.parse-error") {
    OS << "  [" << llvm::StringRef(F.Note).take_front(100) << "]";
  } else if (It != R.Enrichments.end() && It->second.Known && !It->second.Effort.empty()) {
    llvm::StringRef Rep(It->second.Replacement);
    OS << "  [" << It->second.Effort << ": "
       << (Rep.size() > 60 ? (Rep.take_front(57) + "...").str() : Rep.str()) << "]";
  } else if (It != R.Enrichments.end() && It->second.Known &&
             It->second.Equivalents.empty() && !It->second.Replacement.empty()) {
    llvm::StringRef Rep(It->second.Replacement);
    OS << "  [" << (Rep.size() > 60 ? (Rep.take_front(57) + "...").str() : Rep.str())
       << "]";
  } else if (It != R.Enrichments.end() && !It->second.Known) {
    OS << "  [not in the knowledge base]";
  } else if (It != R.Enrichments.end() && It->second.Known) {
    std::string Cost = cheapestCost(It->second.Equivalents, "aarch64");
    for (const KbEquivalent &Q : It->second.Equivalents)
      if (!Cost.empty() && Q.Cost == Cost &&
          (Q.Target == "aarch64" || Q.Target == "portable")) {
        OS << "  [aarch64: " << Q.Cost;
        llvm::StringRef Rep(Q.Replacement);
        if (Rep.size() > 60)
          OS << ", " << Rep.take_front(57) << "...";
        else if (!Rep.empty())
          OS << ", " << Rep;
        else if (!Q.ByIsa.empty())
          OS << ", no entry of its own; " << Q.ByIsa << " rule";
        OS << "]";
        break;
      }
  }
  OS << "\n";
}

} // namespace

std::string guardClass(const Finding &F) {
  // Found in skipped code, but it is what stops every other build.
  if (F.Rule == "x86.error-guard")
    return "blocking";
  if (F.Advisory)
    return "advisory";
  if (F.Inactive)
    return "inactive";
  if (F.Guard == "has-alternative" || F.Guard == "has-fallback")
    return F.Guard;
  return "blocking";
}

void writeTextReport(const RunReport &R, llvm::raw_ostream &OS, size_t MaxListed,
                     const BaselineComparison *Baseline) {
  Totals T = totals(R);
  OS << "Portolan scan of " << printable(R.Root) << " (run " << R.RunId << ", " << R.Status << ")\n";
  if (Baseline) {
    size_t New = Baseline->newCount();
    OS << "  against the baseline " << printable(Baseline->BaselinePath) << ": " << New
       << " new, " << (R.Findings.size() - New) << " unchanged, " << Baseline->Fixed.size()
       << " fixed\n";
    size_t Listed = 0;
    if (New)
      OS << "\nNew findings:\n";
    for (size_t I = 0; I < R.Findings.size() && Listed < MaxListed; ++I)
      if (Baseline->New[I]) {
        writeFindingLine(R, R.Findings[I].F, OS);
        ++Listed;
      }
    if (New > Listed)
      OS << "  ... and " << (New - Listed) << " more (--format json lists every finding)\n";
    if (!Baseline->Fixed.empty())
      OS << "\nFixed (in the baseline, no longer found):\n";
    for (size_t I = 0; I < Baseline->Fixed.size() && I < MaxListed; ++I) {
      const BaselineFinding &F = Baseline->Fixed[I];
      OS << "  " << printable(F.File) << ":" << F.Line << ":" << F.Column << ": " << F.Rule
         << " " << printable(F.Symbol) << "\n";
    }
    if (Baseline->Fixed.size() > MaxListed)
      OS << "  ... and " << (Baseline->Fixed.size() - MaxListed) << " more\n";
    OS << "\nThe whole scan:\n";
  }
  OS << "  units: " << (R.Units.size() - T.Files) << " (" << T.Windows
     << " as windows-x86_64, " << (R.Units.size() - T.Files - T.Windows)
     << " as linux-x86_64); " << T.WithErrors << " parsed with errors";
  if (T.Foreign)
    OS << " (" << T.Foreign << " of them written for another architecture)";
  OS << ", " << T.Failed << " could not be parsed or read\n";
  if (T.Files)
    OS << "  other files analyzed (assembly, build files, binaries): " << T.Files << "\n";
  if (T.Reused || T.FilesReused)
    OS << "  unchanged since an earlier run: " << T.Reused << " units and " << T.FilesReused
       << " other files, whose stored results were reused, not parsed or read again\n";
  if (R.PrefilterNoCandidates + R.PrefilterCovered)
    OS << "  not parsed: " << R.PrefilterNoCandidates
       << " units whose include closure holds no candidate token, " << R.PrefilterCovered
       << " whose candidate headers other units cover (--no-prefilter parses them)\n";
  if (R.IncludedSources)
    OS << "  " << R.IncludedSources
       << " more source files are #included by other files and analyzed through them\n";
  OS << "  parse time: " << llvm::format("%.2f", T.Seconds) << " s over all units";
  if (!R.Units.empty())
    OS << ", " << llvm::format("%.3f", T.Seconds / R.Units.size()) << " s per unit";
  OS << "\n";
  OS << "  findings: " << R.Findings.size() << " in " << T.ByFile.size() << " files, "
     << T.BySymbol.size() << " distinct symbols\n";
  if (!R.ConfigPath.empty())
    OS << "  configuration: " << printable(R.ConfigPath) << "\n";
  if (!R.Suppressed.empty()) {
    size_t InSource = llvm::count_if(
        R.Suppressed, [](const SuppressedFinding &S) { return S.Kind == "inSource"; });
    OS << "  suppressed: " << R.Suppressed.size() << " more findings, " << InSource
       << " by 'portolan: ignore' comments and " << (R.Suppressed.size() - InSource)
       << " by the configuration (--format json lists them with their reasons)\n";
  }
  size_t Fails = 0, Builds = 0, Unmatched = 0, Unchecked = 0;
  std::string Target;
  for (const StoredFinding &F : R.Findings) {
    llvm::StringRef Check(F.F.TargetCheck);
    if (F.F.Rule == "target.parse-error") {
      ++Unmatched;
    } else if (Check.consume_front("fails on ")) {
      ++Fails;
    } else if (Check.consume_front("no error on ")) {
      ++Builds;
    } else if (Check.consume_front("not checked on ")) {
      ++Unchecked;
    } else {
      continue;
    }
    if (Target.empty())
      Target = llvm::StringRef(F.F.TargetCheck).split(" on ").second.split(':').first.str();
  }
  if (Fails + Builds + Unmatched + Unchecked)
    OS << "  target check (" << Target << "): " << Fails << " findings on a line that fails there, "
       << Builds << " on a line that parses, " << Unchecked
       << " not checked (the target parse stopped early); " << Unmatched
       << " more errors on lines without a finding (target.parse-error)\n";
  if (!R.Findings.empty()) {
    OS << "  by guard:";
    for (const char *G : {"blocking", "has-alternative", "has-fallback", "inactive", "advisory"})
      OS << " " << G << " " << (T.ByGuard.count(G) ? T.ByGuard.at(G) : 0);
    OS << " (blocking: built for every target with no other branch)\n";
  }

  if (R.KbVersion.empty()) {
    OS << "  knowledge base: not loaded, so no equivalents or costs\n";
  } else {
    std::vector<std::string> Unknown = unknownSymbols(R);
    size_t ByHeader = llvm::count_if(
        R.Enrichments, [](const auto &E) { return E.second.Kind == "win32_header"; });
    OS << "  knowledge base " << R.KbVersion << ": " << (R.Enrichments.size() - Unknown.size())
       << " of " << R.Enrichments.size() << " distinct symbols known";
    if (ByHeader)
      OS << " (" << ByHeader << " through the rule for their Windows header)";
    if (!Unknown.empty()) {
      OS << "; unknown, most found first: ";
      for (size_t I = 0; I < Unknown.size() && I < 10; ++I)
        OS << (I ? ", " : "") << Unknown[I];
      if (Unknown.size() > 10)
        OS << " and " << (Unknown.size() - 10) << " more";
    }
    OS << "\n";
  }

  auto Costs = costsByTarget(R);
  if (!R.KbVersion.empty() && !Costs.empty()) {
    OS << "\nx86 findings by target and cost of the cheapest known replacement:\n";
    OS << "  " << llvm::left_justify("target", 12);
    std::vector<std::string> Columns = kbCostClasses();
    Columns.push_back("no entry");
    Columns.push_back("unknown");
    for (const std::string &C : Columns)
      OS << llvm::right_justify(C, 10);
    OS << "\n";
    for (const char *Tg : Targets) {
      OS << "  " << llvm::left_justify(Tg, 12);
      for (const std::string &C : Columns)
        OS << llvm::right_justify(std::to_string(Costs[Tg][C]), 10);
      OS << "\n";
    }
  }

  std::map<std::string, size_t> Efforts = effortCounts(R);
  if (!R.KbVersion.empty() && !Efforts.empty()) {
    OS << "\nFindings with an effort class (Windows, constructs):";
    for (const char *E : {"trivial", "moderate", "hard", "redesign"})
      OS << "  " << E << " " << Efforts[E];
    OS << "; " << Efforts["unknown"] << " more of symbols not in the knowledge base\n";
  }

  writeRanked(OS, "By rule", T.ByRule, 50);
  writeRanked(OS, "By file", T.ByFile, 15);
  writeRanked(OS, "Top symbols", T.BySymbol, 15);

  if (!R.Findings.empty()) {
    OS << "\nFindings:\n";
    size_t N = std::min(MaxListed, R.Findings.size());
    for (size_t I = 0; I < N; ++I) {
      writeFindingLine(R, R.Findings[I].F, OS);
    }
    if (N < R.Findings.size())
      OS << "  ... and " << (R.Findings.size() - N)
         << " more (--format json lists every finding)\n";
  }

  // When many units fail the same way, say it once, with what usually helps.
  std::map<std::string, size_t> FirstErrors;
  std::vector<const StoredUnit *> Foreign;
  for (const StoredUnit &U : R.Units) {
    if (!U.ForeignArch.empty())
      Foreign.push_back(&U);
    else if (!U.Errors.empty())
      ++FirstErrors[U.Errors.front().Message];
  }
  if (!Foreign.empty()) {
    OS << "\nUnits written for another architecture (their x86 parse fails in its intrinsic "
          "header; not counted below):\n";
    for (size_t I = 0; I < Foreign.size() && I < 10; ++I)
      OS << "  " << printable(Foreign[I]->File) << " (" << Foreign[I]->ForeignArch << ")\n";
    if (Foreign.size() > 10)
      OS << "  ... and " << (Foreign.size() - 10) << " more\n";
  }
  if (T.WithErrors + T.Failed > 1) {
    OS << "\nMost frequent first errors (" << (T.WithErrors + T.Failed) << " of "
       << (R.Units.size() - T.Files)
       << " units had errors; findings in code after an error may be missing):\n";
    auto V = ranked(FirstErrors);
    for (size_t I = 0; I < V.size() && I < 5; ++I)
      OS << "  " << llvm::right_justify(std::to_string(V[I].second), 5) << "  " << V[I].first
         << "\n";
    bool Missing = llvm::any_of(V, [](const auto &P) {
      return llvm::StringRef(P.first).contains("file not found");
    });
    if (Missing)
      OS << "  Missing headers usually mean the build generates them or passes include folders "
            "Portolan cannot infer: scan with -p BUILD_DIR (compile_commands.json), or give "
            "-D definitions.\n";
  }

  bool Header = false;
  for (const StoredUnit &U : R.Units) {
    if ((U.Errors.empty() && U.AnalyzerErrors.empty() && U.Parsed) || !U.ForeignArch.empty())
      continue;
    if (!Header)
      OS << "\nUnits with problems:\n";
    Header = true;
    OS << "  " << printable(U.File) << ": ";
    if (!U.Parsed)
      OS << "not parsed; ";
    size_t N = U.Errors.size();
    OS << N << (N >= MaxErrorsPerUnit ? "+" : "") << (N == 1 ? " error" : " errors");
    if (!U.Errors.empty()) {
      const ParseError &E = U.Errors.front();
      OS << ", first: ";
      if (!E.File.empty())
        OS << printable(E.File) << ":" << E.Line << ":" << E.Column << ": ";
      OS << printable(E.Message);
    }
    for (const AnalyzerError &E : U.AnalyzerErrors)
      OS << "; analyzer " << E.Analyzer << ": " << printable(E.Message);
    OS << "\n";
  }
  for (const PluginRecord &P : R.Plugins)
    if (!P.Loaded)
      OS << "\nPlugin refused: " << P.Path << ": " << P.Reason << "\n";
  if (!R.Problems.empty()) {
    OS << "\nProblems:\n";
    for (const std::string &P : R.Problems)
      OS << "  " << printable(P) << "\n";
  }
}

llvm::json::Value toJson(const RunReport &R, const BaselineComparison *Baseline) {
  using llvm::json::Array;
  using llvm::json::Object;
  Totals T = totals(R);
  auto CountObject = [](const std::map<std::string, size_t> &M) {
    Object O;
    for (const auto &[K, V] : M)
      O[K] = int64_t(V);
    return O;
  };

  Array Plugins;
  for (const PluginRecord &P : R.Plugins) {
    Object O{{"path", P.Path}, {"loaded", P.Loaded}};
    if (P.Loaded) {
      O["name"] = P.Name;
      O["version"] = P.Version;
    } else {
      O["reason"] = P.Reason;
    }
    Plugins.push_back(std::move(O));
  }
  Array Units;
  for (const StoredUnit &U : R.Units) {
    Array Errors, AnalyzerErrors;
    for (const ParseError &E : U.Errors)
      Errors.push_back(Object{{"file", E.File}, {"line", int64_t(E.Line)},
                              {"column", int64_t(E.Column)}, {"message", E.Message}});
    for (const AnalyzerError &E : U.AnalyzerErrors)
      AnalyzerErrors.push_back(Object{{"analyzer", E.Analyzer}, {"message", E.Message}});
    Units.push_back(Object{{"file", U.File},
                           {"platform", U.Platform},
                           {"command_source", U.CommandSource},
                           {"parsed", U.Parsed},
                           {"parse_seconds", U.ParseSeconds},
                           {"target_seconds", U.TargetSeconds},
                           {"foreign_arch", U.ForeignArch},
                           {"reused_from_run", U.ReusedFrom},
                           {"errors", std::move(Errors)},
                           {"analyzer_errors", std::move(AnalyzerErrors)}});
  }
  Object Symbols;
  for (const auto &[Symbol, E] : R.Enrichments) {
    Array Eq;
    for (const KbEquivalent &Q : E.Equivalents) {
      Object O{{"target", Q.Target}, {"route", Q.Route},   {"replacement", Q.Replacement},
               {"cost", Q.Cost},     {"note", Q.Note},     {"source", Q.Source},
               {"verified", Q.Verified}};
      if (!Q.ByIsa.empty())
        O["isa_rule"] = Q.ByIsa;
      Eq.push_back(std::move(O));
    }
    Object O{{"known", E.Known}, {"equivalents", std::move(Eq)}};
    if (E.Known) {
      O["kind"] = E.Kind;
      if (!E.Isa.empty())
        O["isa"] = E.Isa;
      if (!E.Effort.empty()) {
        O["effort"] = E.Effort;
        O["replacement"] = E.Replacement;
      }
    }
    Symbols[Symbol] = std::move(O);
  }
  Object CostSummary;
  for (const auto &[Target, Counts] : costsByTarget(R)) {
    Object C;
    for (const auto &[Cost, N] : Counts)
      C[Cost] = int64_t(N);
    CostSummary[Target] = std::move(C);
  }
  Array Findings;
  std::vector<std::string> Prints = fingerprintsOf(R);
  for (size_t I = 0; I < R.Findings.size(); ++I) {
    const StoredFinding &SF = R.Findings[I];
    const Finding &F = SF.F;
    Object O{{"rule", F.Rule},
                              {"symbol", F.Symbol},
                              {"file", F.File},
                              {"line", int64_t(F.Line)},
                              {"column", int64_t(F.Column)},
                              {"analyzer", F.Analyzer},
                              {"note", F.Note},
                              {"snippet", F.Snippet},
                              {"units", int64_t(SF.UnitCount)},
                              {"guard", F.Guard},
                              {"inactive", F.Inactive},
                              {"advisory", F.Advisory},
                              {"target_check", F.TargetCheck},
                              {"known", R.Enrichments.count(F.Symbol) &&
                                            R.Enrichments.at(F.Symbol).Known},
                              {"fingerprint", Prints[I]}};
    if (Baseline)
      O["baseline"] = Baseline->New[I] ? "new" : "unchanged";
    Findings.push_back(std::move(O));
  }
  Array Problems;
  for (const std::string &P : R.Problems)
    Problems.push_back(P);

  Object Result{
      {"schema", ScanReportSchema},
      {"run", Object{{"id", R.RunId},
                     {"root", R.Root},
                     {"started_at", R.StartedAt},
                     {"finished_at", R.FinishedAt},
                     {"status", R.Status}}},
      {"summary", Object{{"units", int64_t(R.Units.size() - T.Files)},
                         {"other_files", int64_t(T.Files)},
                         {"by_guard", CountObject(T.ByGuard)},
                         {"sources_analyzed_through_includers", int64_t(R.IncludedSources)},
                         {"units_prefilter_no_candidates", int64_t(R.PrefilterNoCandidates)},
                         {"units_prefilter_covered", int64_t(R.PrefilterCovered)},
                         {"units_windows", int64_t(T.Windows)},
                         {"units_with_errors", int64_t(T.WithErrors)},
                         {"units_not_parsed", int64_t(T.Failed)},
                         {"units_foreign_arch", int64_t(T.Foreign)},
                         {"units_reused", int64_t(T.Reused)},
                         {"files_reused", int64_t(T.FilesReused)},
                         {"parse_seconds", T.Seconds},
                         {"findings", int64_t(R.Findings.size())},
                         {"by_rule", CountObject(T.ByRule)},
                         {"by_file", CountObject(T.ByFile)},
                         {"kb_version", R.KbVersion},
                         {"symbols", int64_t(R.Enrichments.size())},
                         {"unknown_symbols", Array(unknownSymbols(R))},
                         {"findings_by_target_and_cost", std::move(CostSummary)},
                         {"windows_findings_by_effort", CountObject(effortCounts(R))}}},
      {"symbols", std::move(Symbols)},
      {"plugins", std::move(Plugins)},
      {"problems", std::move(Problems)},
      {"units", std::move(Units)},
      {"findings", std::move(Findings)}};
  if (!R.Suppressed.empty() || !R.ConfigPath.empty()) {
    Array Suppressed;
    for (const SuppressedFinding &S : R.Suppressed)
      Suppressed.push_back(Object{{"rule", S.Finding.F.Rule},
                                  {"symbol", S.Finding.F.Symbol},
                                  {"file", S.Finding.F.File},
                                  {"line", int64_t(S.Finding.F.Line)},
                                  {"column", int64_t(S.Finding.F.Column)},
                                  {"kind", S.Kind},
                                  {"reason", S.Reason},
                                  {"origin", S.Origin},
                                  {"fingerprint", S.Finding.Fingerprint}});
    Result["configuration"] = R.ConfigPath;
    Result["suppressed"] = std::move(Suppressed);
  }
  if (Baseline) {
    Array Fixed;
    for (const BaselineFinding &F : Baseline->Fixed)
      Fixed.push_back(Object{{"rule", F.Rule},
                             {"symbol", F.Symbol},
                             {"file", F.File},
                             {"line", int64_t(F.Line)},
                             {"column", int64_t(F.Column)},
                             {"fingerprint", F.Fingerprint}});
    Result["baseline"] = Object{{"path", Baseline->BaselinePath},
                                {"new", int64_t(Baseline->newCount())},
                                {"unchanged", int64_t(R.Findings.size() - Baseline->newCount())},
                                {"fixed", std::move(Fixed)}};
  }
  return Result;
}

} // namespace portolan
