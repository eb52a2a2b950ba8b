//===- Report.cpp ---------------------------------------------------------===//
#include "portolan/Report.h"

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
  size_t Parsed = 0, WithErrors = 0, Failed = 0, Windows = 0;
  double Seconds = 0;
  std::map<std::string, size_t> ByRule, ByFile, BySymbol;
};

Totals totals(const RunReport &R) {
  Totals T;
  for (const StoredUnit &U : R.Units) {
    T.Parsed += U.Parsed;
    T.Failed += !U.Parsed;
    T.WithErrors += U.Parsed && !U.Errors.empty();
    T.Windows += U.Platform == "windows-x86_64";
    T.Seconds += U.ParseSeconds;
  }
  for (const StoredFinding &F : R.Findings) {
    ++T.ByRule[F.F.Rule];
    ++T.ByFile[F.F.File];
    ++T.BySymbol[F.F.Symbol];
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
    Width = std::max(Width, V[I].first.size());
  for (size_t I = 0; I < V.size() && I < Limit; ++I)
    OS << "  " << llvm::left_justify(V[I].first, Width) << "  "
       << llvm::right_justify(std::to_string(V[I].second), 6) << "\n";
  if (V.size() > Limit)
    OS << "  ... and " << (V.size() - Limit) << " more\n";
}

} // namespace

void writeTextReport(const RunReport &R, llvm::raw_ostream &OS, size_t MaxListed) {
  Totals T = totals(R);
  OS << "Portolan scan of " << R.Root << " (run " << R.RunId << ", " << R.Status << ")\n";
  OS << "  units: " << R.Units.size() << " (" << T.Windows << " as windows-x86_64, "
     << (R.Units.size() - T.Windows) << " as linux-x86_64); " << T.WithErrors
     << " parsed with errors, " << T.Failed << " could not be parsed\n";
  OS << "  parse time: " << llvm::format("%.2f", T.Seconds) << " s over all units";
  if (!R.Units.empty())
    OS << ", " << llvm::format("%.3f", T.Seconds / R.Units.size()) << " s per unit";
  OS << "\n";
  OS << "  findings: " << R.Findings.size() << " in " << T.ByFile.size() << " files, "
     << T.BySymbol.size() << " distinct symbols\n";

  writeRanked(OS, "By rule", T.ByRule, 50);
  writeRanked(OS, "By file", T.ByFile, 15);
  writeRanked(OS, "Top symbols", T.BySymbol, 15);

  if (!R.Findings.empty()) {
    OS << "\nFindings:\n";
    size_t N = std::min(MaxListed, R.Findings.size());
    for (size_t I = 0; I < N; ++I) {
      const Finding &F = R.Findings[I].F;
      OS << "  " << F.File << ":" << F.Line << ":" << F.Column << ": " << F.Rule << " "
         << F.Symbol << "\n";
    }
    if (N < R.Findings.size())
      OS << "  ... and " << (R.Findings.size() - N)
         << " more (--format json lists every finding)\n";
  }

  bool Header = false;
  for (const StoredUnit &U : R.Units) {
    if (U.Errors.empty() && U.AnalyzerErrors.empty() && U.Parsed)
      continue;
    if (!Header)
      OS << "\nUnits with problems:\n";
    Header = true;
    OS << "  " << U.File << ": ";
    if (!U.Parsed)
      OS << "not parsed; ";
    OS << U.Errors.size() << " errors";
    if (!U.Errors.empty()) {
      const ParseError &E = U.Errors.front();
      OS << ", first: ";
      if (!E.File.empty())
        OS << E.File << ":" << E.Line << ":" << E.Column << ": ";
      OS << E.Message;
    }
    for (const AnalyzerError &E : U.AnalyzerErrors)
      OS << "; analyzer " << E.Analyzer << ": " << E.Message;
    OS << "\n";
  }
  for (const PluginRecord &P : R.Plugins)
    if (!P.Loaded)
      OS << "\nPlugin refused: " << P.Path << ": " << P.Reason << "\n";
  if (!R.Problems.empty()) {
    OS << "\nProblems:\n";
    for (const std::string &P : R.Problems)
      OS << "  " << P << "\n";
  }
}

llvm::json::Value toJson(const RunReport &R) {
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
                           {"errors", std::move(Errors)},
                           {"analyzer_errors", std::move(AnalyzerErrors)}});
  }
  Array Findings;
  for (const StoredFinding &SF : R.Findings) {
    const Finding &F = SF.F;
    Findings.push_back(Object{{"rule", F.Rule},
                              {"symbol", F.Symbol},
                              {"file", F.File},
                              {"line", int64_t(F.Line)},
                              {"column", int64_t(F.Column)},
                              {"analyzer", F.Analyzer},
                              {"note", F.Note},
                              {"snippet", F.Snippet},
                              {"units", int64_t(SF.UnitCount)}});
  }
  Array Problems;
  for (const std::string &P : R.Problems)
    Problems.push_back(P);

  return Object{
      {"schema", ScanReportSchema},
      {"run", Object{{"id", R.RunId},
                     {"root", R.Root},
                     {"started_at", R.StartedAt},
                     {"finished_at", R.FinishedAt},
                     {"status", R.Status}}},
      {"summary", Object{{"units", int64_t(R.Units.size())},
                         {"units_windows", int64_t(T.Windows)},
                         {"units_with_errors", int64_t(T.WithErrors)},
                         {"units_not_parsed", int64_t(T.Failed)},
                         {"parse_seconds", T.Seconds},
                         {"findings", int64_t(R.Findings.size())},
                         {"by_rule", CountObject(T.ByRule)},
                         {"by_file", CountObject(T.ByFile)}}},
      {"plugins", std::move(Plugins)},
      {"problems", std::move(Problems)},
      {"units", std::move(Units)},
      {"findings", std::move(Findings)}};
}

} // namespace portolan
