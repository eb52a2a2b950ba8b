//===- portolan/report/Report.h - scan reports from stored runs -------------===//
#ifndef PORTOLAN_REPORT_REPORT_H
#define PORTOLAN_REPORT_REPORT_H

#include "portolan/report/Baseline.h"
#include "portolan/store/ResultsStore.h"

#include <llvm/Support/JSON.h>
#include <llvm/Support/raw_ostream.h>

namespace portolan {

/// The identifier of the JSON scan report's schema, its "schema" field.
inline constexpr const char *ScanReportSchema = "portolan-scan/1";

/// The class a finding is counted under in summaries: "blocking" (active
/// and guarded by nothing that builds elsewhere), "has-alternative",
/// "has-fallback", "inactive" or "advisory" (docs/rules.md).
std::string guardClass(const Finding &F);

/// A readable summary: units and their health, counts by rule and by file,
/// the top symbols, and the findings themselves up to MaxListed. Against
/// a baseline, it leads with what is new and what went away.
void writeTextReport(const RunReport &R, llvm::raw_ostream &OS, size_t MaxListed = 100,
                     const BaselineComparison *Baseline = nullptr);

/// The same data as structured JSON, every finding included, each with its
/// fingerprint (and its baseline state against a baseline).
llvm::json::Value toJson(const RunReport &R, const BaselineComparison *Baseline = nullptr);

} // namespace portolan

#endif
