//===- Sarif.cpp ----------------------------------------------------------===//
#include "portolan/report/Sarif.h"

#include "portolan/report/ProjectConfig.h"
#include "portolan/report/Report.h"
#include "portolan/report/RuleCatalog.h"
#include "SourceLines.h"

#include <llvm/ADT/STLExtras.h>
#include <llvm/ADT/StringExtras.h>

#include <map>
#include <set>

namespace portolan {
namespace {

using llvm::json::Array;
using llvm::json::Object;

/// SARIF's level: the severity the project's configuration gives the rule,
/// else by guard class: what breaks another build is an error, what has a
/// path elsewhere a warning, the rest a note.
std::string sarifLevel(const RunReport &R, const Finding &F) {
  if (std::optional<std::string> Configured = configuredSeverity(R, F.Rule))
    return *Configured;
  std::string G = guardClass(F);
  if (G == "blocking")
    return "error";
  if (G == "has-alternative" || G == "has-fallback")
    return "warning";
  return "note";
}

/// A path relative to the root as a URI reference: '/'-separated, every
/// byte outside RFC 3986's unreserved characters percent-encoded (names
/// that are not UTF-8 included).
std::string relativeUri(llvm::StringRef Path) {
  std::string U;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || C == '-' || C == '.' || C == '_' || C == '~' || C == '/')
      U += char(C);
    else
      U += "%" + llvm::utohexstr(C, /*LowerCase=*/false, /*Width=*/2);
  }
  return U;
}

/// The message of a finding: its symbol, the analyzer's note, and what
/// replaces it on each target the knowledge base names.
std::string messageText(const Finding &F, const Enrichment *E) {
  std::string M = F.Symbol.empty() ? F.Rule : F.Symbol;
  if (!F.Note.empty())
    M += ": " + F.Note;
  if (E && !E->Replacement.empty())
    M += "; port: " + E->Replacement;
  if (E)
    for (const KbEquivalent &Q : E->Equivalents)
      if (!Q.Replacement.empty())
        M += "; " + Q.Target + ": " + Q.Replacement + (Q.Cost.empty() ? "" : " (" + Q.Cost + ")");
  if (F.Inactive)
    M += " (in code this build skips)";
  return M;
}

Object ruleDescriptor(const std::string &Id, const SarifOptions &Options) {
  Object R{{"id", Id}};
  if (const RuleDoc *D = findRuleDoc(builtinRuleDocs(), Id)) {
    R["shortDescription"] = Object{{"text", D->Summary}};
    R["fullDescription"] = Object{{"text", D->Text}};
    R["help"] = Object{{"text", D->Text}, {"markdown", D->Markdown}};
    if (!Options.RulesDocUri.empty())
      R["helpUri"] = Options.RulesDocUri + "#" + D->Anchor;
    R["defaultConfiguration"] = Object{{"level", D->Advisory ? "note" : "error"}};
  }
  return R;
}

/// SARIF counts columns in Unicode code points (columnKind); Clang counts
/// bytes. A file that cannot be read keeps its byte columns.
unsigned codePointColumn(SourceLines &Sources, const std::string &File, unsigned Line,
                         unsigned ByteColumn) {
  if (ByteColumn == 0 || Sources.lineStart(File, Line) == llvm::StringRef::npos)
    return ByteColumn;
  llvm::StringRef Before = Sources.line(File, Line).take_front(ByteColumn - 1);
  // Every byte that does not continue a UTF-8 sequence starts a code point.
  return 1 + unsigned(llvm::count_if(Before, [](char C) { return (C & 0xC0) != 0x80; }));
}

Object physicalLocation(const std::string &File, unsigned Line, unsigned Column,
                        const std::string &Snippet, SourceLines &Sources) {
  Object Loc{{"artifactLocation",
              Object{{"uri", relativeUri(File)}, {"uriBaseId", "%SRCROOT%"}}}};
  if (Line > 0) {
    Object Region{{"startLine", int64_t(Line)}};
    if (Column > 0)
      Region["startColumn"] = int64_t(codePointColumn(Sources, File, Line, Column));
    Loc["region"] = std::move(Region);
    // The region runs from its column to the end of the line; the whole
    // line is its context.
    if (!Snippet.empty())
      Loc["contextRegion"] =
          Object{{"startLine", int64_t(Line)}, {"snippet", Object{{"text", Snippet}}}};
  }
  return Loc;
}

} // namespace

std::string fileUri(llvm::StringRef AbsolutePath, bool Folder) {
  std::string U = "file://" + relativeUri(AbsolutePath);
  if (Folder && !llvm::StringRef(U).ends_with("/"))
    U += '/';
  return U;
}

llvm::json::Object toSarifRun(const RunReport &R, const SarifOptions &Options) {
  // Every documented rule, and any other a plugin reported.
  std::vector<std::string> RuleIds;
  std::set<std::string> Seen;
  for (const RuleDoc &D : builtinRuleDocs())
    if (!llvm::StringRef(D.Id).ends_with("*") && Seen.insert(D.Id).second)
      RuleIds.push_back(D.Id);
  for (const StoredFinding &SF : R.Findings)
    if (Seen.insert(SF.F.Rule).second)
      RuleIds.push_back(SF.F.Rule);
  std::map<std::string, size_t> RuleIndex;
  Array Rules;
  for (const std::string &Id : RuleIds) {
    RuleIndex[Id] = Rules.size();
    Rules.push_back(ruleDescriptor(Id, Options));
  }

  std::vector<std::string> Prints = fingerprintsOf(R);
  // Suppressed findings are results too, marked so, as SARIF keeps them,
  // with the fingerprints they were given among all the run's findings.
  std::vector<std::string> SuppressedPrints;
  for (const SuppressedFinding &S : R.Suppressed)
    SuppressedPrints.push_back(S.Finding.Fingerprint);
  SourceLines Sources(R.Root);
  Array Results;
  for (size_t I = 0; I < R.Findings.size() + R.Suppressed.size(); ++I) {
    bool Active = I < R.Findings.size();
    const SuppressedFinding *Sup = Active ? nullptr : &R.Suppressed[I - R.Findings.size()];
    const StoredFinding &SF = Active ? R.Findings[I] : Sup->Finding;
    const Finding &F = SF.F;
    auto E = R.Enrichments.find(F.Symbol);
    const Enrichment *En = E == R.Enrichments.end() ? nullptr : &E->second;
    Array Equivalents;
    if (En)
      for (const KbEquivalent &Q : En->Equivalents)
        Equivalents.push_back(Object{{"target", Q.Target},
                                     {"route", Q.Route},
                                     {"replacement", Q.Replacement},
                                     {"cost", Q.Cost}});
    Object Props{{"symbol", F.Symbol},       {"guard", F.Guard},
                 {"guardClass", guardClass(F)}, {"inactive", F.Inactive},
                 {"advisory", F.Advisory},   {"analyzer", F.Analyzer},
                 {"units", int64_t(SF.UnitCount)}, {"known", En && En->Known},
                 {"equivalents", std::move(Equivalents)}};
    if (En && !En->Effort.empty())
      Props["effort"] = En->Effort;
    if (!F.TargetCheck.empty())
      Props["targetCheck"] = F.TargetCheck;
    Object Result{{"ruleId", F.Rule},
                  {"ruleIndex", int64_t(RuleIndex[F.Rule])},
                  {"level", sarifLevel(R, F)},
                  {"message", Object{{"text", messageText(F, En)}}},
                  {"locations", Array{Object{{"physicalLocation",
                                              physicalLocation(F.File, F.Line, F.Column,
                                                               F.Snippet, Sources)}}}},
                  {"partialFingerprints",
                   Object{{SarifFingerprintKey,
                           Active ? Prints[I] : SuppressedPrints[I - R.Findings.size()]}}},
                  {"properties", std::move(Props)}};
    if (Options.Baseline && Active)
      Result["baselineState"] = Options.Baseline->New[I] ? "new" : "unchanged";
    if (Sup)
      Result["suppressions"] = Array{Object{{"kind", Sup->Kind},
                                            {"status", "accepted"},
                                            {"justification", Sup->Reason},
                                            {"properties", Object{{"origin", Sup->Origin}}}}};
    Results.push_back(std::move(Result));
  }
  if (Options.Baseline)
    for (const BaselineFinding &B : Options.Baseline->Fixed) {
      auto It = RuleIndex.find(B.Rule);
      Object Result{{"ruleId", B.Rule},
                    {"level", "none"},
                    {"kind", "pass"},
                    {"baselineState", "absent"},
                    {"message", Object{{"text", (B.Symbol.empty() ? B.Rule : B.Symbol) +
                                                    ": no longer found"}}},
                    {"locations", Array{Object{{"physicalLocation",
                                                physicalLocation(B.File, B.Line, 0, "",
                                                                 Sources)}}}},
                    {"partialFingerprints", Object{{SarifFingerprintKey, B.Fingerprint}}}};
      if (It != RuleIndex.end())
        Result["ruleIndex"] = int64_t(It->second);
      Results.push_back(std::move(Result));
    }

  Object Driver{{"name", "Portolan"},
                {"semanticVersion", Options.ToolVersion},
                {"version", Options.ToolVersion},
                {"rules", std::move(Rules)}};
  Object Invocation{{"executionSuccessful", R.Status == "complete"},
                    {"startTimeUtc", R.StartedAt}};
  if (!R.FinishedAt.empty())
    Invocation["endTimeUtc"] = R.FinishedAt;
  Object Run{
      {"tool", Object{{"driver", std::move(Driver)}}},
      {"originalUriBaseIds",
       Object{{"%SRCROOT%", Object{{"uri", fileUri(R.Root, /*Folder=*/true)}}}}},
      {"invocations", Array{std::move(Invocation)}},
      {"results", std::move(Results)},
      {"columnKind", "unicodeCodePoints"},
      {"properties", Object{{"runId", R.RunId},
                            {"status", R.Status},
                            {"kbVersion", R.KbVersion},
                            {"units", int64_t(R.Units.size())}}}};
  return Run;
}

llvm::json::Value sarifLog(llvm::json::Array Runs) {
  return Object{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                {"version", "2.1.0"},
                {"runs", std::move(Runs)}};
}

} // namespace portolan
