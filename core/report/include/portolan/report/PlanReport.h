//===- portolan/report/PlanReport.h - the plan as JSON, text, Markdown, CSV, HTML ---===//
#ifndef PORTOLAN_REPORT_PLANREPORT_H
#define PORTOLAN_REPORT_PLANREPORT_H

#include "portolan/plan/Planner.h"

#include <llvm/ADT/iterator_range.h>
#include <llvm/Support/JSON.h>
#include <llvm/Support/raw_ostream.h>

namespace portolan {

/// The identifier of the JSON plan's schema (docs/plan-report.md).
inline constexpr const char *PlanReportSchema = "portolan-plan/1";

/// What the reports say of where the plan came from.
struct PlanContext {
  std::string InventoryPath, KbVersion, GeneratedAt;
};

/// The plan as JSON: every other format is written from it, so their
/// figures are the same. All of it but the systems is held; each system's
/// object is made when asked for and dropped after, so that a plan of
/// 10,000 systems never holds them all (an llvm::json object takes about
/// 4 KB however few its keys: the whole document of 1,000 small systems
/// took 630 MB).
class PlanDocument {
public:
  PlanDocument(const PortfolioPlan &Plan, const Inventory &Inv, const Policy &P,
               const PlanContext &Ctx);

  /// Every member of the document but "systems".
  const llvm::json::Object &top() const { return Top; }
  size_t systemCount() const;
  /// The object of the I-th system of the plan.
  llvm::json::Value system(size_t I) const;

  /// The systems' objects one after the other, each made when reached:
  /// `for (const json::Value &S : Doc.systems())`.
  class SystemIterator {
  public:
    SystemIterator(const PlanDocument &Doc, size_t I) : Doc(&Doc), I(I) {}
    llvm::json::Value operator*() const { return Doc->system(I); }
    SystemIterator &operator++() {
      ++I;
      return *this;
    }
    bool operator!=(const SystemIterator &O) const { return I != O.I; }

  private:
    const PlanDocument *Doc;
    size_t I;
  };
  llvm::iterator_range<SystemIterator> systems() const {
    return {SystemIterator(*this, 0), SystemIterator(*this, systemCount())};
  }

  /// The whole document, as json::OStream with Indent writes one value
  /// (keys in sorted order); 0 for compact.
  void write(llvm::raw_ostream &OS, unsigned Indent) const;

private:
  const PortfolioPlan &Plan;
  const EffortWeights &W;
  llvm::json::Object Top;
};

/// A terminal summary: one line per system, the waves, the totals.
void writePlanText(const PlanDocument &Plan, llvm::raw_ostream &OS);
/// The report for people: summary, systems, per-target effort, waves,
/// dependencies, risks, hotspots and the weights used.
void writePlanMarkdown(const PlanDocument &Plan, llvm::raw_ostream &OS);
/// One row per system and target CPU.
void writePlanCsv(const PlanDocument &Plan, llvm::raw_ostream &OS);
/// A self-contained page with charts (core/report/src/plan.html with the JSON
/// inside); it opens offline.
void writePlanHtml(const PlanDocument &Plan, llvm::raw_ostream &OS);

} // namespace portolan

#endif
