//===- Baseline.cpp -------------------------------------------------------===//
#include "portolan/report/Baseline.h"

#include "portolan/base/Hashing.h"
#include "portolan/report/Report.h"
#include "portolan/report/Sarif.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/ADT/StringMap.h>
#include <llvm/ADT/StringSet.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/JSON.h>
#include <llvm/Support/MemoryBuffer.h>

namespace portolan {
namespace {

/// Whitespace runs made one space, ends trimmed.
std::string collapseSpaces(llvm::StringRef Line) {
  std::string S;
  for (char C : Line.trim()) {
    bool Space = C == ' ' || C == '\t' || C == '\r' || C == '\n' || C == '\v' || C == '\f';
    if (Space && !S.empty() && S.back() == ' ')
      continue;
    S += Space ? ' ' : C;
  }
  return S;
}

template <typename Range, typename Get>
std::vector<std::string> fingerprints(const Range &Findings, Get FindingOf) {
  std::vector<std::string> Prints;
  llvm::StringMap<unsigned> Seen;
  for (const auto &Item : Findings) {
    const Finding &F = FindingOf(Item);
    std::string Key = F.Rule + '\0' + F.Symbol + '\0' + F.File + '\0' + collapseSpaces(F.Snippet);
    unsigned Ordinal = Seen[Key]++;
    Prints.push_back(hashText(Key + '\0' + std::to_string(Ordinal)));
  }
  return Prints;
}

llvm::Error invalid(llvm::StringRef Path, const llvm::Twine &What) {
  return llvm::createStringError(std::errc::invalid_argument,
                                 "baseline %s: %s", Path.str().c_str(), What.str().c_str());
}

/// %XX escapes of a SARIF artifact URI decoded.
std::string percentDecoded(llvm::StringRef U) {
  std::string S;
  for (size_t I = 0; I < U.size(); ++I) {
    unsigned Byte = 0;
    if (U[I] == '%' && I + 2 < U.size() && !U.substr(I + 1, 2).getAsInteger(16, Byte)) {
      S += char(Byte);
      I += 2;
    } else {
      S += U[I];
    }
  }
  return S;
}

llvm::Expected<Baseline> fromResultsFile(llvm::StringRef Path, llvm::StringRef Root) {
  // The store's errors name the file.
  auto Store = ResultsStore::openReadOnly(Path);
  if (!Store)
    return llvm::createStringError(std::errc::invalid_argument, "baseline %s",
                                   llvm::toString(Store.takeError()).c_str());
  llvm::Expected<int64_t> Run = (*Store)->latestCompleteRun(Root);
  if (!Run)
    return llvm::createStringError(std::errc::invalid_argument, "baseline %s",
                                   llvm::toString(Run.takeError()).c_str());
  if (*Run == 0)
    return invalid(Path, "the results file holds no complete run");
  llvm::Expected<RunReport> R = (*Store)->loadRun(*Run);
  if (!R)
    return invalid(Path, llvm::toString(R.takeError()));
  Baseline B{Path.str(), "results file (run " + std::to_string(*Run) + ")", {}};
  std::vector<std::string> Prints = findingFingerprints(R->Findings);
  for (size_t I = 0; I < R->Findings.size(); ++I) {
    const Finding &F = R->Findings[I].F;
    B.Findings.push_back({Prints[I], F.Rule, F.Symbol, F.File, F.Line, F.Column, guardClass(F)});
  }
  return B;
}

llvm::Expected<Baseline> fromScanReport(llvm::StringRef Path, const llvm::json::Object &Root) {
  const llvm::json::Array *Findings = Root.getArray("findings");
  if (!Findings)
    return invalid(Path, "a JSON scan report without a 'findings' array");
  std::vector<Finding> Read;
  std::vector<std::string> Stored; // The report's own fingerprints, when it has them.
  for (const llvm::json::Value &V : *Findings) {
    const llvm::json::Object *O = V.getAsObject();
    if (!O || !O->getString("rule") || !O->getString("file"))
      return invalid(Path, "a finding without 'rule' or 'file'");
    Finding F;
    F.Rule = O->getString("rule")->str();
    F.File = O->getString("file")->str();
    F.Symbol = O->getString("symbol").value_or("").str();
    F.Snippet = O->getString("snippet").value_or("").str();
    F.Line = unsigned(O->getInteger("line").value_or(0));
    F.Column = unsigned(O->getInteger("column").value_or(0));
    F.Guard = O->getString("guard").value_or("none").str();
    F.Inactive = O->getBoolean("inactive").value_or(false);
    F.Advisory = O->getBoolean("advisory").value_or(false);
    Stored.push_back(O->getString("fingerprint").value_or("").str());
    Read.push_back(std::move(F));
  }
  // Its fingerprints were computed from the source as read, before JSON
  // replaced bytes that are not UTF-8; a report without them (an earlier
  // version) lists findings in file, line, column order, as runs hold them.
  Baseline B{Path.str(), "JSON report", {}};
  std::vector<std::string> Prints = findingFingerprints(Read);
  for (size_t I = 0; I < Read.size(); ++I)
    B.Findings.push_back({Stored[I].empty() ? Prints[I] : Stored[I], Read[I].Rule,
                          Read[I].Symbol, Read[I].File, Read[I].Line, Read[I].Column,
                          guardClass(Read[I])});
  return B;
}

llvm::Expected<Baseline> fromSarif(llvm::StringRef Path, const llvm::json::Object &Root) {
  const llvm::json::Array *Runs = Root.getArray("runs");
  if (!Runs)
    return invalid(Path, "a SARIF log without 'runs'");
  Baseline B{Path.str(), "SARIF", {}};
  for (const llvm::json::Value &RunValue : *Runs) {
    const llvm::json::Object *Run = RunValue.getAsObject();
    const llvm::json::Array *Results = Run ? Run->getArray("results") : nullptr;
    if (!Results)
      continue;
    for (const llvm::json::Value &V : *Results) {
      const llvm::json::Object *O = V.getAsObject();
      if (!O)
        return invalid(Path, "a result that is not an object");
      // Absent results are fixed ones; suppressed ones were not reported.
      if (O->getString("baselineState").value_or("") == "absent" || O->get("suppressions"))
        continue;
      const llvm::json::Object *Prints = O->getObject("partialFingerprints");
      std::optional<llvm::StringRef> Print =
          Prints ? Prints->getString(SarifFingerprintKey) : std::nullopt;
      if (!Print)
        return invalid(Path, llvm::Twine("a result without the '") + SarifFingerprintKey +
                                 "' fingerprint (not written by Portolan)");
      BaselineFinding F;
      F.Fingerprint = Print->str();
      F.Rule = O->getString("ruleId").value_or("").str();
      if (const llvm::json::Object *P = O->getObject("properties")) {
        F.Symbol = P->getString("symbol").value_or("").str();
        F.GuardClass = P->getString("guardClass").value_or("").str();
      }
      if (const llvm::json::Array *Locs = O->getArray("locations"); Locs && !Locs->empty())
        if (const llvm::json::Object *L = (*Locs)[0].getAsObject())
          if (const llvm::json::Object *PL = L->getObject("physicalLocation")) {
            if (const llvm::json::Object *A = PL->getObject("artifactLocation"))
              F.File = percentDecoded(A->getString("uri").value_or(""));
            if (const llvm::json::Object *R = PL->getObject("region")) {
              F.Line = unsigned(R->getInteger("startLine").value_or(0));
              F.Column = unsigned(R->getInteger("startColumn").value_or(0));
            }
          }
      B.Findings.push_back(std::move(F));
    }
  }
  return B;
}

} // namespace

std::vector<std::string> findingFingerprints(const std::vector<Finding> &Findings) {
  return fingerprints(Findings, [](const Finding &F) -> const Finding & { return F; });
}

std::vector<std::string> findingFingerprints(const std::vector<StoredFinding> &Findings) {
  return fingerprints(Findings, [](const StoredFinding &F) -> const Finding & { return F.F; });
}

llvm::Expected<Baseline> loadBaseline(llvm::StringRef Path, llvm::StringRef ScanRoot) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return invalid(Path, Buffer.getError().message());
  llvm::StringRef Bytes = (*Buffer)->getBuffer();
  if (Bytes.starts_with(llvm::StringRef("SQLite format 3\0", 16))) {
    Buffer->reset();
    return fromResultsFile(Path, ScanRoot);
  }
  llvm::Expected<llvm::json::Value> Json = llvm::json::parse(Bytes);
  if (!Json)
    return invalid(Path, "not a results file, and not JSON: " + llvm::toString(Json.takeError()));
  const llvm::json::Object *Root = Json->getAsObject();
  if (Root && Root->getString("schema") == llvm::StringRef(ScanReportSchema))
    return fromScanReport(Path, *Root);
  if (Root && Root->getString("version") == llvm::StringRef("2.1.0") && Root->get("runs"))
    return fromSarif(Path, *Root);
  return invalid(Path, llvm::Twine("JSON, but neither a scan report (schema ") +
                           ScanReportSchema + ") nor a SARIF 2.1.0 log");
}

size_t BaselineComparison::newCount() const {
  return size_t(std::count(New.begin(), New.end(), true));
}

void assignFingerprints(RunReport &R) {
  if (llvm::all_of(R.Findings, [](const StoredFinding &F) { return !F.Fingerprint.empty(); }))
    return;
  std::vector<std::string> Prints = findingFingerprints(R.Findings);
  for (size_t I = 0; I < Prints.size(); ++I)
    R.Findings[I].Fingerprint = std::move(Prints[I]);
}

std::vector<std::string> fingerprintsOf(const RunReport &R) {
  if (!llvm::all_of(R.Findings, [](const StoredFinding &F) { return !F.Fingerprint.empty(); }))
    return findingFingerprints(R.Findings);
  std::vector<std::string> Prints;
  for (const StoredFinding &F : R.Findings)
    Prints.push_back(F.Fingerprint);
  return Prints;
}

BaselineComparison compareWithBaseline(const RunReport &R, const Baseline &B) {
  BaselineComparison C;
  C.BaselinePath = B.Path;
  llvm::StringMap<std::string> Before;
  llvm::StringSet<> Now;
  for (const BaselineFinding &F : B.Findings)
    Before[F.Fingerprint] = F.GuardClass;
  for (const std::string &P : fingerprintsOf(R)) {
    auto It = Before.find(P);
    C.New.push_back(It == Before.end());
    C.GuardClassBefore.push_back(It == Before.end() ? "" : It->second);
    Now.insert(P);
  }
  // A finding suppressed now is not fixed.
  for (const SuppressedFinding &S : R.Suppressed)
    if (!S.Finding.Fingerprint.empty())
      Now.insert(S.Finding.Fingerprint);
  for (const BaselineFinding &F : B.Findings)
    if (!Now.contains(F.Fingerprint))
      C.Fixed.push_back(F);
  return C;
}

} // namespace portolan
