//===- portolan/report/PlanReport.h - the plan as JSON, text, Markdown, CSV, HTML ---===//
#ifndef PORTOLAN_REPORT_PLANREPORT_H
#define PORTOLAN_REPORT_PLANREPORT_H

#include "portolan/plan/Planner.h"

#include <llvm/Support/JSON.h>
#include <llvm/Support/raw_ostream.h>

namespace portolan {

/// The identifier of the JSON plan's schema (docs/plan-report.md).
inline constexpr const char *PlanReportSchema = "portolan-plan/1";

/// What the reports say of where the plan came from.
struct PlanContext {
  std::string InventoryPath, KbVersion, GeneratedAt;
};

/// The plan as JSON: every other format is written from this value, so
/// their figures are the same.
llvm::json::Value planToJson(const PortfolioPlan &Plan, const Inventory &Inv,
                             const Policy &P, const PlanContext &Ctx);

/// A terminal summary: one line per system, the waves, the totals.
void writePlanText(const llvm::json::Value &Plan, llvm::raw_ostream &OS);
/// The report for people: summary, systems, per-target effort, waves,
/// dependencies, risks, hotspots and the weights used.
void writePlanMarkdown(const llvm::json::Value &Plan, llvm::raw_ostream &OS);
/// One row per system and target CPU.
void writePlanCsv(const llvm::json::Value &Plan, llvm::raw_ostream &OS);
/// A self-contained page with charts (core/report/src/plan.html with the JSON
/// inside); it opens offline.
void writePlanHtml(const llvm::json::Value &Plan, llvm::raw_ostream &OS);

} // namespace portolan

#endif
