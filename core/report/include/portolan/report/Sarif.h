//===- portolan/report/Sarif.h - scan results as SARIF 2.1.0 --------------===//
//
// SARIF (OASIS Static Analysis Results Interchange Format 2.1.0) is what
// code-scanning views, IDE viewers and merge-request annotations read. One
// stored run becomes one SARIF run; a plan writes one run per system.
// docs/sarif.md says what goes where.
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_REPORT_SARIF_H
#define PORTOLAN_REPORT_SARIF_H

#include "portolan/report/Baseline.h"
#include "portolan/store/ResultsStore.h"

#include <llvm/Support/JSON.h>

#include <string>

namespace portolan {

/// The key of Portolan's fingerprint in SARIF's partialFingerprints.
inline constexpr const char *SarifFingerprintKey = "portolanFinding/v1";

struct SarifOptions {
  std::string ToolVersion;
  /// A file: URI of the rules document the program ships (its rules'
  /// helpUri point into it); empty for none.
  std::string RulesDocUri;
  /// Marks each result new or unchanged and adds the fixed ones as absent
  /// results; null for none.
  const BaselineComparison *Baseline = nullptr;
};

/// One SARIF run object for a stored run.
llvm::json::Object toSarifRun(const RunReport &R, const SarifOptions &Options);

/// A SARIF log holding Runs.
llvm::json::Value sarifLog(llvm::json::Array Runs);

/// The file: URI of an absolute local path (percent-encoded), with a
/// trailing '/' when Folder.
std::string fileUri(llvm::StringRef AbsolutePath, bool Folder = false);

} // namespace portolan

#endif
