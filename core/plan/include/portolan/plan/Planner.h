//===- portolan/plan/Planner.h - tiers, targets and waves for a portfolio ---===//
//
// The planner turns an inventory of systems (inventory.toml), their scans
// and the knowledge base's policy (tiers, dependency alternatives, effort
// weights) into a plan: per system its security tier, the target that
// costs least among those the tier allows, the replacements of its
// commercial dependencies and its risks; for the portfolio, migration waves
// packed under the team's capacity. docs/planning.md describes the rules.
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_PLAN_PLANNER_H
#define PORTOLAN_PLAN_PLANNER_H

#include "portolan/plan/Effort.h"
#include "portolan/kb/KnowledgeBase.h"

#include <llvm/Support/Error.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace portolan {

/// A tier of the policy (knowledge-base/policy/tiers.toml).
struct Tier {
  std::string Id, Name;
  int Rank = 0; ///< Higher is stricter; tiers are tried strictest first.
  std::optional<int> MinMlps;
  bool Classified = false;               ///< Classified systems belong here.
  std::vector<std::string> Criticality;  ///< Criticalities that belong here.
  std::vector<std::string> Cpus, Oses, Clouds; ///< Allowed, preferred first.
  bool ForeignDependencies = false; ///< Foreign commercial products may stay.
  std::string Rationale, Source, Origin;
};

struct Alternative {
  std::string Name, Origin, Effort, Note;
  std::vector<std::string> Tiers;
};

/// A commercial dependency and what can replace it.
struct Dependency {
  std::string Name, Category, Origin, Note;
  std::vector<std::string> Aliases;
  std::vector<Alternative> Alternatives;
};

/// Everything the planner takes from the knowledge base.
struct Policy {
  EffortWeights Weights;
  std::vector<Tier> Tiers; ///< Strictest first.
  std::vector<Dependency> Dependencies;
  std::vector<KbCpu> Cpus;
  std::vector<KbOs> Oses;
  /// What the organisation's files leave doubtful, one line each.
  std::vector<std::string> Problems;

  /// From the knowledge base, with an organisation's own files on top:
  /// TiersFile's tiers replace the knowledge base's whole, WeightsFile's
  /// weights replace those of the same id. Each file is validated like a
  /// knowledge-base source. Errors name the file and line.
  static llvm::Expected<Policy> load(const KnowledgeBase &KB, llvm::StringRef TiersFile = "",
                                     llvm::StringRef WeightsFile = "");
  const Dependency *dependency(llvm::StringRef Name) const;
  const KbOs *os(llvm::StringRef Id) const;
};

/// One system of the inventory.
struct SystemSpec {
  std::string Id, Name, Path, CompileCommands, Platform, Sector, Criticality;
  /// The Visual Studio configuration ("Release|x64") when CompileCommands
  /// names a solution or project; empty: the scan's default.
  std::string MsBuildConfig;
  std::vector<std::string> Defines, Excludes, Dependencies, DependsOn;
  int Mlps = 0;
  bool Classified = false;
  std::string Origin; ///< inventory.toml:line:col
};

struct Inventory {
  std::string Path, Name;
  double WaveCapacity = 0; ///< Person-days per wave.
  int WaveWeeks = 0;
  std::string TiersFile, WeightsFile; ///< Absolute, or empty.
  std::vector<SystemSpec> Systems;
  /// Entries left out, one line each ("inventory.toml:12:1: error: ...").
  std::vector<std::string> Problems;
};

/// Reads inventory.toml. A file that is not TOML, or lacks the
/// [organization] table, is an error; a bad system is left out with a
/// problem line and the others are kept. Paths are made absolute against
/// the inventory's folder.
llvm::Expected<Inventory> loadInventory(llvm::StringRef Path);

/// The tier a system belongs in (the strictest whose condition it meets)
/// and the rule that put it there, in words.
std::pair<const Tier *, std::string> assignTier(const SystemSpec &S, const Policy &P);

/// A scanned system, as the planner takes it.
struct ScannedSystem {
  const SystemSpec *Spec = nullptr;
  bool Scanned = false;
  std::string Error; ///< Why the scan failed.
  int64_t Run = 0;
  size_t Units = 0, UnitsWithErrors = 0, Findings = 0, X86Binaries = 0;
  SystemFacts Facts;
  std::map<std::string, size_t> FindingsByCategory;
  /// The system on every CPU of the policy, each with the first Linux of
  /// the knowledge base that supports it (the side-by-side view).
  std::vector<SystemEffort> ByCpu;
  /// The system on each (CPU, OS family) its tier allows.
  std::vector<SystemEffort> Allowed;
};

struct DependencyPlan {
  std::string Name;
  bool Known = false;
  std::string Action; ///< "keep", "replace" or "unresolved".
  std::string Replacement, Effort, Note;
  Range Days;
};

struct SystemPlan {
  ScannedSystem System;
  const Tier *TierOf = nullptr;
  std::string TierRule;
  std::optional<SystemEffort> Target, RunnerUp;
  std::string Cloud, RunnerUpWhy;
  std::vector<DependencyPlan> Dependencies;
  Range TargetDays, DependencyDays, TotalDays;
  std::vector<std::string> Risks;
  int RiskScore = 0;
  std::string RiskLevel; ///< low, medium, high.
  int Wave = 0;          ///< 0: not planned.
  int WaveSpan = 0;
};

struct Wave {
  int Number = 0;
  std::vector<std::string> Systems;
  Range Days;
  size_t SystemsDone = 0;
  double CloudAdoption = 0; ///< Share of the inventory's systems moved so far.
  double EffortDone = 0;    ///< Share of the portfolio's likely days done so far.
};

struct PortfolioPlan {
  std::vector<SystemPlan> Systems; ///< Inventory order.
  std::vector<Wave> Waves;
  Range TotalDays;
  std::vector<std::string> Problems;
};

/// Costs a scanned system: ByCpu, and Allowed for tier T (none: no
/// Allowed).
void costSystem(ScannedSystem &S, const RunReport &Run, const Policy &P, const Tier *T);

/// Chooses tiers, targets and dependency replacements, judges risks and
/// packs waves. Systems is in inventory order.
PortfolioPlan planPortfolio(const Inventory &Inv, std::vector<ScannedSystem> Systems,
                            const Policy &P);

/// Packs systems into waves of Capacity person-days (likely): a system
/// moves no earlier than the systems it depends on; among those ready, the
/// lower risk, then the smaller, goes first; a system larger than a wave
/// has one to itself and spans as many as it needs. In a dependency cycle,
/// the first by that order moves first, with a line in Notes. Sets Wave
/// and WaveSpan.
std::vector<Wave> packWaves(std::vector<SystemPlan> &Systems, double Capacity,
                            std::vector<std::string> *Notes = nullptr);

} // namespace portolan

#endif
