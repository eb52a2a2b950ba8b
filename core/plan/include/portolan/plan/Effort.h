//===- portolan/plan/Effort.h - person-days from findings -------------------===//
//
// The effort model: what moving one scanned system to one target costs.
// Every figure is a range (low, likely, high) made of the weights of the
// knowledge base (knowledge-base/policy/effort.toml); docs/planning.md
// gives the arithmetic, docs/effort-weights.md the weights and why.
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_PLAN_EFFORT_H
#define PORTOLAN_PLAN_EFFORT_H

#include "portolan/kb/KnowledgeBase.h"
#include "portolan/store/ResultsStore.h"

#include <llvm/Support/Error.h>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace portolan {

/// A low / likely / high figure, in hours or person-days.
struct Range {
  double Low = 0, Likely = 0, High = 0;

  Range &operator+=(const Range &O) {
    Low += O.Low, Likely += O.Likely, High += O.High;
    return *this;
  }
  Range operator+(const Range &O) const { return Range(*this) += O; }
  Range operator*(double F) const { return {Low * F, Likely * F, High * F}; }
  Range operator*(const Range &O) const {
    return {Low * O.Low, Likely * O.Likely, High * O.High};
  }
  bool operator==(const Range &O) const {
    return Low == O.Low && Likely == O.Likely && High == O.High;
  }
};

/// One weight of the model, as the knowledge base (or an organisation's
/// own file) defines it.
struct Weight {
  std::string Id;
  std::string Applies; ///< occurrence, symbol, instruction, block, module, ...
  Range Value;
  std::string Rationale, Source, Origin;
};

/// The weights by id. The model needs every id of requiredWeightIds().
class EffortWeights {
public:
  /// From "weight" entries; an entry whose numbers do not parse, or whose
  /// low > likely > high order is broken, is an error naming its origin.
  static llvm::Expected<EffortWeights> fromEntries(const std::vector<KbSymbol> &Entries);
  /// Replaces weights by id with those of Entries (an organisation's file).
  llvm::Error override(const std::vector<KbSymbol> &Entries);
  /// The ids of requiredWeightIds() that are missing, empty when complete.
  std::vector<std::string> missing() const;

  const Range &operator[](const std::string &Id) const;
  const std::map<std::string, Weight> &all() const { return ById; }
  void set(const Weight &W) { ById[W.Id] = W; }

private:
  std::map<std::string, Weight> ById;
};

/// The cheapest cost class among the equivalents for Arch (its own
/// entries, ISA-wide rules, portable routes), or "" when there is none.
std::string cheapestCost(const std::vector<KbEquivalent> &Equivalents, llvm::StringRef Arch);

/// The parts of an ISA requirement ("AVX512F+AVX512VL", "A/B" for either,
/// BASELINE for none) that a CPU with Features (lower-case) lacks.
std::vector<std::string> missingIsa(const std::vector<std::string> &Features,
                                    llvm::StringRef Isa);

/// Every weight id the model reads.
const std::vector<std::string> &requiredWeightIds();

/// Where a system is costed: a CPU of the knowledge base and an OS.
struct TargetPlatform {
  std::string Cpu, Os, Arch; ///< Arch: aarch64, loongarch64, sw_64, x86_64.
  std::vector<std::string> Features; ///< Lower-case ISA extensions (x86 CPUs).
  bool WindowsOs = false;            ///< Windows findings cost nothing there.
};

/// What the model needs to know of a system besides its findings.
struct SystemFacts {
  size_t Lines = 0;         ///< Source and header lines of the tree.
  bool WindowsCode = false; ///< Its units were parsed as Windows.
};

/// One place that costs: a symbol in a file (or a redesign area in a
/// module), with its findings counted.
struct CostDriver {
  std::string Category, File, Symbol, Rule;
  size_t Count = 0;
  Range Hours;
};

/// The cost of one system on one target.
struct SystemEffort {
  TargetPlatform Target;
  Range Hours;
  std::map<std::string, Range> HoursByCategory;
  /// Costliest first; at most MaxDrivers.
  std::vector<CostDriver> Drivers;
  /// Findings that block on this target (not guarded, not inactive, not
  /// advisory) whose symbol has no equivalent (cost class none) or is not
  /// in the knowledge base.
  size_t NoEquivalent = 0, Unknown = 0;
  /// Modules with a redesign area (GUI, COM, services), as "area: module".
  std::vector<std::string> RedesignModules;
};

inline constexpr size_t MaxDrivers = 10;

/// The category a finding's cost is counted under: SIMD, builtins, asm,
/// build, binaries, "Win32: <area>", "Win32: types and paths", MSVC,
/// libraries, portability.
std::string costCategory(const Finding &F, const Enrichment *E);

/// The cost class of a finding on Target: "" when it costs nothing there
/// (x86 code on an x86 CPU that has its ISA, Windows code on Windows), a
/// cost class of the x86 equivalents (direct, sequence, emulated,
/// redesign, none), an effort class (trivial, moderate, hard, redesign),
/// or "unknown" when the knowledge base does not know the symbol.
std::string costClass(const Finding &F, const Enrichment *E, const TargetPlatform &Target);

/// Costs Run's findings on Target. Enrichments are the run's, with Area
/// filled in for Windows APIs.
SystemEffort estimateEffort(const RunReport &Run, const SystemFacts &Facts,
                            const EffortWeights &Weights, const TargetPlatform &Target);

/// Hours to person-days with the hours-per-day weight.
Range toDays(const Range &Hours, const EffortWeights &Weights);

} // namespace portolan

#endif
