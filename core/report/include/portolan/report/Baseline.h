//===- portolan/report/Baseline.h - findings against an earlier scan ------===//
//
// A CI job compares a scan with an earlier one (a results file, or a JSON or
// SARIF report of it) to see what a change added. Findings are matched by a
// fingerprint that does not move with their line: see findingFingerprints.
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_REPORT_BASELINE_H
#define PORTOLAN_REPORT_BASELINE_H

#include "portolan/base/Finding.h"
#include "portolan/store/ResultsStore.h"

#include <llvm/Support/Error.h>

#include <string>
#include <vector>

namespace portolan {

/// The fingerprint of each finding of Findings (given in file, line, column
/// order): a hash of its rule, symbol, file and source line (whitespace
/// runs made one space), and of how many findings before it in the file
/// share all four. Lines inserted or removed elsewhere, or a changed
/// indentation, do not change it; an edit of the line itself does.
std::vector<std::string> findingFingerprints(const std::vector<Finding> &Findings);
std::vector<std::string> findingFingerprints(const std::vector<StoredFinding> &Findings);

/// Sets each finding's Fingerprint from the run's whole list, unless set:
/// before a configuration takes findings out, so that a suppressed finding
/// keeps the fingerprint it has when it is not suppressed.
void assignFingerprints(RunReport &R);
/// The fingerprints of R.Findings: as assigned, else computed over them.
std::vector<std::string> fingerprintsOf(const RunReport &R);

/// A finding of the baseline, enough to tell the user what went away.
struct BaselineFinding {
  std::string Fingerprint;
  std::string Rule;
  std::string Symbol;
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
  std::string GuardClass; ///< As guardClass (Report.h) gave it then.
};

struct Baseline {
  std::string Path;
  std::string Kind; ///< "results file", "JSON report" or "SARIF".
  std::vector<BaselineFinding> Findings;
};

/// Reads a baseline: a results file (read only; its latest complete run of
/// Root, the real path of the tree scanned now, or of the one folder it
/// holds runs of), a JSON scan report (portolan-scan/1) or a SARIF log
/// Portolan wrote (suppressed results left out). The error names the file
/// and what is wrong with it.
llvm::Expected<Baseline> loadBaseline(llvm::StringRef Path, llvm::StringRef Root);

/// A run's findings against a baseline.
struct BaselineComparison {
  std::string BaselinePath;
  std::vector<bool> New;                 ///< For each finding of the run.
  /// For each finding of the run: its guard class in the baseline, empty
  /// when new (a finding whose fallback was removed is blocking only now).
  std::vector<std::string> GuardClassBefore;
  /// In the baseline, and neither in the run nor suppressed in it.
  std::vector<BaselineFinding> Fixed;
  size_t newCount() const;
};

BaselineComparison compareWithBaseline(const RunReport &R, const Baseline &B);

} // namespace portolan

#endif
