//===- portolan/report/Report.h - scan reports from stored runs -------------===//
#ifndef PORTOLAN_REPORT_REPORT_H
#define PORTOLAN_REPORT_REPORT_H

#include "portolan/store/ResultsStore.h"

#include <llvm/Support/JSON.h>
#include <llvm/Support/raw_ostream.h>

namespace portolan {

/// The identifier of the JSON scan report's schema (docs/json-report.md).
inline constexpr const char *ScanReportSchema = "portolan-scan/1";

/// A readable summary: units and their health, counts by rule and by file,
/// the top symbols, and the findings themselves up to MaxListed.
void writeTextReport(const RunReport &R, llvm::raw_ostream &OS, size_t MaxListed = 100);

/// The same data as structured JSON, every finding included.
llvm::json::Value toJson(const RunReport &R);

} // namespace portolan

#endif
