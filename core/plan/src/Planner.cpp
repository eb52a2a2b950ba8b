//===- Planner.cpp --------------------------------------------------------===//
#include "portolan/plan/Planner.h"

#include "portolan/kb/KbSchema.h"

#include <llvm/ADT/STLExtras.h>
#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/Format.h>
#include <llvm/Support/FormatVariadic.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace portolan {
namespace {

bool isWindowsOs(const KbOs &O) { return llvm::StringRef(O.Id).starts_with("windows"); }

size_t effortRank(llvm::StringRef Effort) {
  const std::vector<std::string> &Classes = kbEffortClasses();
  return size_t(llvm::find(Classes, Effort) - Classes.begin());
}

std::string days(double D) { return llvm::formatv("{0:f1}", D).str(); }

} // namespace

//===-- Tiers and targets --------------------------------------------------===//

std::pair<const Tier *, std::string> assignTier(const SystemSpec &S, const Policy &P) {
  for (const Tier &T : P.Tiers) {
    if (T.Classified && S.Classified)
      return {&T, "classified system"};
    if (T.MinMlps && S.Mlps >= *T.MinMlps)
      return {&T, "MLPS level " + std::to_string(S.Mlps) + " >= " + std::to_string(*T.MinMlps)};
    if (llvm::is_contained(T.Criticality, S.Criticality))
      return {&T, "criticality '" + S.Criticality + "'"};
    if (!T.Classified && !T.MinMlps && T.Criticality.empty())
      return {&T, "no stricter tier applies (MLPS level " + std::to_string(S.Mlps) + ", " +
                      S.Criticality + (S.Classified ? ", classified)" : ", not classified)")};
  }
  return {nullptr, "no tier of the policy applies"};
}

void costSystem(ScannedSystem &S, const RunReport &Run, const Policy &P, const Tier *T) {
  S.ByCpu.clear();
  S.Allowed.clear();
  auto Platform = [&](const KbCpu &Cpu, const KbOs &Os) {
    TargetPlatform TP;
    TP.Cpu = Cpu.Id;
    TP.Os = Os.Id;
    TP.Arch = Cpu.Arch;
    TP.Features = Cpu.Features;
    TP.WindowsOs = isWindowsOs(Os);
    return TP;
  };
  for (const KbCpu &Cpu : P.Cpus) {
    // Side by side: every CPU with the first Linux of the knowledge base
    // that supports it.
    for (const KbOs &Os : P.Oses)
      if (!isWindowsOs(Os) && llvm::is_contained(Os.Arches, Cpu.Arch)) {
        S.ByCpu.push_back(estimateEffort(Run, S.Facts, P.Weights, Platform(Cpu, Os)));
        break;
      }
  }
  if (!T)
    return;
  for (const std::string &CpuId : T->Cpus) {
    auto Cpu = llvm::find_if(P.Cpus, [&](const KbCpu &C) { return C.Id == CpuId; });
    if (Cpu == P.Cpus.end())
      continue;
    bool SeenLinux = false, SeenWindows = false;
    for (const std::string &OsId : T->Oses) {
      const KbOs *Os = P.os(OsId);
      if (!Os || !llvm::is_contained(Os->Arches, Cpu->Arch))
        continue;
      bool &Seen = isWindowsOs(*Os) ? SeenWindows : SeenLinux;
      if (Seen)
        continue; // Costs depend on the OS family only.
      Seen = true;
      S.Allowed.push_back(estimateEffort(Run, S.Facts, P.Weights, Platform(*Cpu, *Os)));
    }
  }
}

//===-- The plan -----------------------------------------------------------===//

namespace {

std::string mainDifference(const SystemEffort &A, const SystemEffort &B,
                           const EffortWeights &W) {
  std::string Best;
  double BestDelta = 0;
  for (const auto &[Category, Hours] : B.HoursByCategory) {
    auto It = A.HoursByCategory.find(Category);
    double Delta = Hours.Likely - (It == A.HoursByCategory.end() ? 0 : It->second.Likely);
    if (Delta > BestDelta)
      Best = Category, BestDelta = Delta;
  }
  if (Best.empty())
    return "";
  return ", mostly " + Best + " (+" + days(toDays({0, BestDelta, 0}, W).Likely) + ")";
}

void chooseTarget(SystemPlan &SP, const Policy &P) {
  const std::vector<SystemEffort> &Allowed = SP.System.Allowed;
  if (Allowed.empty())
    return;
  size_t Best = 0;
  for (size_t I = 1; I < Allowed.size(); ++I)
    if (Allowed[I].Hours.Likely < Allowed[Best].Hours.Likely)
      Best = I; // Ties keep the tier's order of preference.
  SP.Target = Allowed[Best];
  std::optional<size_t> Second;
  for (int Pass = 0; Pass < 2 && !Second; ++Pass)
    for (size_t I = 0; I < Allowed.size(); ++I) {
      bool Different = Pass == 0 ? Allowed[I].Target.Arch != SP.Target->Target.Arch
                                 : Allowed[I].Target.Cpu != SP.Target->Target.Cpu;
      if (Different && (!Second || Allowed[I].Hours.Likely < Allowed[*Second].Hours.Likely))
        Second = I;
    }
  if (Second) {
    SP.RunnerUp = Allowed[*Second];
    double Delta =
        toDays(SP.RunnerUp->Hours, P.Weights).Likely - toDays(SP.Target->Hours, P.Weights).Likely;
    SP.RunnerUpWhy =
        Delta > 0 ? "+" + llvm::formatv(Delta < 0.1 ? "{0:f2}" : "{0:f1}", Delta).str() +
                        " person-days likely" +
                        mainDifference(*SP.Target, *SP.RunnerUp, P.Weights)
                  : "the same effort; " + SP.Target->Target.Cpu +
                        " comes first in the tier's order of preference";
  }
  SP.Cloud = SP.TierOf && !SP.TierOf->Clouds.empty() ? SP.TierOf->Clouds.front() : "";
}

void planDependencies(SystemPlan &SP, const Policy &P) {
  for (const std::string &Name : SP.System.Spec->Dependencies) {
    DependencyPlan DP;
    DP.Name = Name;
    const Dependency *D = P.dependency(Name);
    if (!D) {
      DP.Action = "unresolved";
      DP.Note = "not in the knowledge base";
      SP.Dependencies.push_back(DP);
      continue;
    }
    DP.Name = D->Name;
    DP.Known = true;
    if (D->Origin != "foreign" || (SP.TierOf && SP.TierOf->ForeignDependencies)) {
      DP.Action = "keep";
      DP.Note = D->Origin == "domestic"      ? "domestic product"
                : D->Origin == "open-source" ? "open-source product"
                                             : "the tier allows foreign commercial products";
      SP.Dependencies.push_back(DP);
      continue;
    }
    const Alternative *Best = nullptr;
    for (const Alternative &A : D->Alternatives)
      if (SP.TierOf && llvm::is_contained(A.Tiers, SP.TierOf->Id) &&
          (!Best || effortRank(A.Effort) < effortRank(Best->Effort)))
        Best = &A;
    if (!Best) {
      DP.Action = "unresolved";
      DP.Note = SP.TierOf ? "no alternative eligible for tier " + SP.TierOf->Id
                          : "no tier of the policy applies to the system";
      SP.Dependencies.push_back(DP);
      continue;
    }
    DP.Action = "replace";
    DP.Replacement = Best->Name;
    DP.Effort = Best->Effort;
    DP.Note = Best->Note;
    DP.Days = toDays(P.Weights["dependency." + Best->Effort], P.Weights);
    SP.DependencyDays += DP.Days;
    SP.Dependencies.push_back(DP);
  }
}

void judgeRisks(SystemPlan &SP) {
  const ScannedSystem &S = SP.System;
  auto Add = [&](int Score, std::string Text) {
    SP.RiskScore += Score;
    SP.Risks.push_back(std::move(Text));
  };
  if (!S.Scanned) {
    Add(3, "not scanned: " + S.Error);
  } else {
    if (SP.Target && SP.Target->NoEquivalent)
      Add(2, std::to_string(SP.Target->NoEquivalent) +
                 " blocking findings with no equivalent on " + SP.Target->Target.Cpu);
    if (SP.Target && SP.Target->Unknown)
      Add(1, std::to_string(SP.Target->Unknown) +
                 " blocking findings whose symbol the knowledge base does not know");
    if (S.UnitsWithErrors)
      Add(S.UnitsWithErrors * 4 > S.Units ? 2 : 1,
          std::to_string(S.UnitsWithErrors) + " of " + std::to_string(S.Units) +
              " units had parse errors; findings there may be missing");
    if (S.X86Binaries && SP.Target && SP.Target->Target.Arch != "x86_64")
      Add(2, std::to_string(S.X86Binaries) +
                 " prebuilt x86 binaries without a non-x86 build in the tree");
    if (SP.Target && !SP.Target->RedesignModules.empty())
      Add(1, "redesign: " + llvm::join(SP.Target->RedesignModules, ", "));
    if (!SP.Target)
      Add(3, SP.TierOf ? "tier " + SP.TierOf->Id + " allows no target the knowledge base knows"
                       : "no tier of the policy applies to the system");
  }
  for (const DependencyPlan &D : SP.Dependencies)
    if (D.Action == "unresolved")
      Add(2, "dependency " + D.Name + ": " + D.Note);
  SP.RiskLevel = SP.RiskScore == 0 ? "low" : SP.RiskScore <= 2 ? "medium" : "high";
}

} // namespace

std::vector<Wave> packWaves(std::vector<SystemPlan> &Systems, double Capacity,
                            std::vector<std::string> *Notes) {
  constexpr int MaxWaveSpan = 1000;
  std::vector<Wave> Waves;
  if (!(Capacity > 0) || !std::isfinite(Capacity))
    Capacity = 1; // loadInventory refuses such a capacity; never divide by it.
  std::map<std::string, size_t> Index;
  for (size_t I = 0; I < Systems.size(); ++I)
    Index[Systems[I].System.Spec->Id] = I;
  std::vector<size_t> Left;
  for (size_t I = 0; I < Systems.size(); ++I)
    if (Systems[I].Target)
      Left.push_back(I);
    else
      Systems[I].Wave = Systems[I].WaveSpan = 0;
  auto LastWave = [&](const SystemPlan &S) { return S.Wave + S.WaveSpan - 1; };
  auto Ensure = [&](int Number) -> Wave & {
    while (int(Waves.size()) < Number)
      Waves.push_back(Wave{int(Waves.size()) + 1, {}, {}, 0, 0, 0});
    return Waves[Number - 1];
  };
  // The planned systems that I depends on and that are not placed yet.
  auto Waiting = [&](size_t I) {
    std::vector<size_t> Out;
    for (const std::string &D : Systems[I].System.Spec->DependsOn) {
      auto It = Index.find(D);
      if (It != Index.end() && llvm::is_contained(Left, It->second))
        Out.push_back(It->second);
    }
    return Out;
  };
  // Everything I waits for, directly or not.
  auto WaitsFor = [&](size_t I) {
    std::set<size_t> Seen;
    std::vector<size_t> Stack = Waiting(I);
    while (!Stack.empty()) {
      size_t J = Stack.back();
      Stack.pop_back();
      if (Seen.insert(J).second)
        for (size_t K : Waiting(J))
          Stack.push_back(K);
    }
    return Seen;
  };
  auto Priority = [&](size_t A, size_t B) {
    const SystemPlan &X = Systems[A], &Y = Systems[B];
    if (X.RiskScore != Y.RiskScore)
      return X.RiskScore < Y.RiskScore;
    return X.TotalDays.Likely < Y.TotalDays.Likely;
  };
  int Current = 1;
  double Used = 0;
  const size_t None = ~size_t(0);
  size_t Forced = None; // A system of a dependency cycle, let through.
  while (!Left.empty()) {
    // Ready: every system it depends on is placed and done by this wave
    // (the same wave is fine: they move together).
    std::vector<size_t> Ready;
    for (size_t I : Left) {
      bool Ok = Forced == I ||
                llvm::all_of(Systems[I].System.Spec->DependsOn, [&](const std::string &D) {
                  auto It = Index.find(D);
                  if (It == Index.end())
                    return true;
                  const SystemPlan &Dep = Systems[It->second];
                  if (!Dep.Target)
                    return true; // Not planned itself: no reason to wait.
                  return Dep.Wave > 0 && LastWave(Dep) <= Current;
                });
      if (Ok)
        Ready.push_back(I);
    }
    std::stable_sort(Ready.begin(), Ready.end(), Priority);
    std::optional<size_t> Pick;
    for (size_t I : Ready)
      if (Used + Systems[I].TotalDays.Likely <= Capacity + 1e-9) {
        Pick = I;
        break;
      }
    if (!Pick && Used == 0 && !Ready.empty())
      Pick = Ready.front(); // Larger than a wave: it has waves of its own.
    if (!Pick) {
      if (Used == 0 && Ready.empty()) {
        // Nothing ready in an empty wave: a dependency cycle. Of the
        // systems that wait only for members of their own cycle, the first
        // by priority moves; the others keep their order.
        std::vector<size_t> InCycle;
        for (size_t I : Left) {
          std::set<size_t> W = WaitsFor(I);
          if (W.count(I) && llvm::all_of(W, [&](size_t J) { return WaitsFor(J).count(I); }))
            InCycle.push_back(I);
        }
        if (InCycle.empty())
          InCycle = Left; // Cannot happen; never loop forever.
        Forced = *std::min_element(InCycle.begin(), InCycle.end(), Priority);
        if (Notes) {
          std::vector<std::string> Ids;
          for (size_t J : WaitsFor(Forced))
            Ids.push_back(Systems[J].System.Spec->Id);
          std::sort(Ids.begin(), Ids.end());
          Notes->push_back("dependency cycle among " + llvm::join(Ids, ", ") + ": " +
                           Systems[Forced].System.Spec->Id + " moves first");
        }
        continue;
      }
      ++Current;
      Used = 0;
      continue;
    }
    if (Forced == *Pick)
      Forced = None;
    SystemPlan &S = Systems[*Pick];
    llvm::erase(Left, *Pick);
    double D = S.TotalDays.Likely;
    S.Wave = Current;
    double Span = D > Capacity ? std::ceil(D / Capacity - 1e-9) : 1;
    S.WaveSpan = int(std::min(double(MaxWaveSpan), Span));
    // A capacity far below one system's effort (wave_capacity = 0.0001)
    // would need millions of waves: capped, and said.
    if (Span > MaxWaveSpan && Notes) {
      std::string Given;
      llvm::raw_string_ostream(Given) << llvm::format("%g", Capacity);
      Notes->push_back("system " + S.System.Spec->Id + " needs " +
                       llvm::formatv("{0:f0}", Span).str() + " waves of wave_capacity " +
                       Given + " person-days; planned over " +
                       std::to_string(MaxWaveSpan) +
                       ": the plan is impossible as given (is wave_capacity right?)");
    }
    for (int W = Current; W <= LastWave(S); ++W) {
      Wave &Into = Ensure(W);
      Into.Systems.push_back(S.System.Spec->Id);
      Into.Days += S.TotalDays * (1.0 / S.WaveSpan);
    }
    if (S.WaveSpan > 1) {
      Current = LastWave(S) + 1;
      Used = 0;
    } else {
      Used += D;
    }
  }
  // Adoption after each wave: systems whose last wave is done.
  double Total = 0;
  for (const SystemPlan &S : Systems)
    if (S.Wave)
      Total += S.TotalDays.Likely;
  size_t All = Systems.size();
  for (Wave &W : Waves) {
    double Done = 0;
    for (const SystemPlan &S : Systems)
      if (S.Wave && LastWave(S) <= W.Number) {
        ++W.SystemsDone;
        Done += S.TotalDays.Likely;
      }
    W.CloudAdoption = All ? double(W.SystemsDone) / double(All) : 0;
    W.EffortDone = Total > 0 ? Done / Total : 1;
  }
  return Waves;
}

PortfolioPlan planPortfolio(const Inventory &Inv, std::vector<ScannedSystem> Systems,
                            const Policy &P) {
  PortfolioPlan Plan;
  Plan.Problems = Inv.Problems;
  for (ScannedSystem &S : Systems) {
    SystemPlan SP;
    SP.System = std::move(S);
    auto [T, Rule] = assignTier(*SP.System.Spec, P);
    SP.TierOf = T;
    SP.TierRule = Rule;
    if (SP.System.Scanned)
      chooseTarget(SP, P);
    if (SP.Target)
      SP.TargetDays = toDays(SP.Target->Hours, P.Weights);
    planDependencies(SP, P);
    SP.TotalDays = SP.TargetDays + SP.DependencyDays;
    judgeRisks(SP);
    Plan.Systems.push_back(std::move(SP));
  }
  for (const SystemPlan &SP : Plan.Systems)
    if (!SP.TierOf)
      Plan.Problems.push_back("system " + SP.System.Spec->Id +
                              ": no tier of the policy applies (add a tier without conditions)");
  Plan.Waves = packWaves(Plan.Systems, Inv.WaveCapacity, &Plan.Problems);
  for (const SystemPlan &SP : Plan.Systems)
    if (SP.Wave)
      Plan.TotalDays += SP.TotalDays;
  return Plan;
}

} // namespace portolan