//===- portolan/plan/Portfolio.h - an inventory's systems into one plan ---===//
//
// The planner reads each system's results from the store; how a system's
// run comes to be there (scanned now, or scanned earlier) is the caller's
// choice, so the plan library needs no scanner.
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_PLAN_PORTFOLIO_H
#define PORTOLAN_PLAN_PORTFOLIO_H

#include "portolan/kb/KnowledgeBase.h"
#include "portolan/plan/Planner.h"
#include "portolan/store/ResultsStore.h"

#include <llvm/Support/Error.h>

#include <cstdint>
#include <functional>
#include <string>

namespace portolan {

/// A system's stored run, and the source and header lines of its tree (for
/// the per-KLOC weight).
struct SystemRun {
  int64_t Run = 0;
  size_t Lines = 0;
};

/// A system as the planner takes it, from its run as stored: units, errors,
/// findings by cost category, and its cost on every target.
ScannedSystem systemFromRun(const SystemSpec &Spec, const SystemRun &Run, RunReport Report,
                            const KnowledgeBase &KB, const Policy &P);

/// Plans every system of Inv: RunOf gives each system's run (in inventory
/// order), which is read back from Store. A system whose run cannot be had
/// is reported through Warn ("system ID: why") and left out of the plan
/// with a problem line; the others are planned.
PortfolioPlan planInventory(const Inventory &Inv, const Policy &P, const KnowledgeBase &KB,
                            ResultsStore &Store,
                            const std::function<llvm::Expected<SystemRun>(const SystemSpec &)> &RunOf,
                            const std::function<void(const std::string &)> &Warn);

} // namespace portolan

#endif
