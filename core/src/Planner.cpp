//===- Planner.cpp --------------------------------------------------------===//
#include "portolan/Planner.h"

#include "portolan/KbSchema.h"

#include <llvm/ADT/STLExtras.h>
#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/FormatVariadic.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace portolan {
namespace {

std::string field(const KbSymbol &E, const char *Name) {
  auto It = E.Fields.find(Name);
  return It == E.Fields.end() ? std::string() : It->second;
}

Tier tierOf(const KbSymbol &E) {
  Tier T;
  T.Id = field(E, "id");
  T.Name = field(E, "name");
  llvm::to_integer(field(E, "rank"), T.Rank);
  int Mlps = 0;
  if (llvm::to_integer(field(E, "min_mlps"), Mlps))
    T.MinMlps = Mlps;
  T.Classified = field(E, "classified") == "1";
  T.Criticality = kbList(field(E, "criticality"));
  T.Cpus = kbList(field(E, "cpus"));
  T.Oses = kbList(field(E, "oses"));
  T.Clouds = kbList(field(E, "clouds"));
  T.ForeignDependencies = field(E, "foreign_dependencies") == "1";
  T.Rationale = field(E, "rationale");
  T.Source = field(E, "source");
  T.Origin = E.Origin;
  return T;
}

bool isWindowsOs(const KbOs &O) { return llvm::StringRef(O.Id).starts_with("windows"); }

size_t effortRank(llvm::StringRef Effort) {
  const std::vector<std::string> &Classes = kbEffortClasses();
  return size_t(llvm::find(Classes, Effort) - Classes.begin());
}

std::string days(double D) { return llvm::formatv("{0:f1}", D).str(); }

} // namespace

//===-- Policy -------------------------------------------------------------===//

llvm::Expected<Policy> Policy::load(const KnowledgeBase &KB, llvm::StringRef TiersFile,
                                    llvm::StringRef WeightsFile) {
  Policy P;
  auto Weights = EffortWeights::fromEntries(KB.entries("weight"));
  if (!Weights)
    return Weights.takeError();
  P.Weights = std::move(*Weights);
  if (!WeightsFile.empty()) {
    auto Own = KB.readSource(WeightsFile);
    if (!Own)
      return Own.takeError();
    if (llvm::Error E = P.Weights.override(*Own))
      return E;
  }
  if (std::vector<std::string> Missing = P.Weights.missing(); !Missing.empty())
    return llvm::createStringError(std::errc::invalid_argument,
                                   "%s: the effort model needs weights %s",
                                   KB.path().c_str(), llvm::join(Missing, ", ").c_str());

  std::vector<KbSymbol> TierEntries = KB.entries("tier");
  if (!TiersFile.empty()) {
    auto Own = KB.readSource(TiersFile);
    if (!Own)
      return Own.takeError();
    TierEntries.clear();
    for (KbSymbol &E : *Own)
      if (E.Kind == "tier")
        TierEntries.push_back(std::move(E));
    if (TierEntries.empty())
      return llvm::createStringError(std::errc::invalid_argument, "%s: no [[tier]] entries",
                                     TiersFile.str().c_str());
  }
  for (const KbSymbol &E : TierEntries)
    P.Tiers.push_back(tierOf(E));
  if (P.Tiers.empty())
    return llvm::createStringError(std::errc::invalid_argument,
                                   "%s: the knowledge base has no tiers", KB.path().c_str());
  std::stable_sort(P.Tiers.begin(), P.Tiers.end(),
                   [](const Tier &A, const Tier &B) { return A.Rank > B.Rank; });

  for (const KbSymbol &E : KB.entries("dependency")) {
    Dependency D;
    D.Name = field(E, "name");
    D.Category = field(E, "category");
    D.Origin = field(E, "vendor_origin");
    D.Note = field(E, "note");
    D.Aliases = kbList(field(E, "aliases"));
    P.Dependencies.push_back(std::move(D));
  }
  for (const KbSymbol &E : KB.entries("alternative")) {
    for (Dependency &D : P.Dependencies)
      if (D.Name == field(E, "dependency"))
        D.Alternatives.push_back({field(E, "name"), field(E, "vendor_origin"), field(E, "effort"),
                                  field(E, "note"), kbList(field(E, "tiers"))});
  }
  P.Cpus = KB.cpus();
  P.Oses = KB.oses();
  // Alternatives name the tiers they are eligible for: an organisation's
  // tiers that none names leave every foreign dependency unresolved.
  if (!TiersFile.empty()) {
    bool Named = false;
    for (const Dependency &D : P.Dependencies)
      for (const Alternative &A : D.Alternatives)
        for (const Tier &T : P.Tiers)
          Named |= llvm::is_contained(A.Tiers, T.Id);
    if (!Named)
      P.Problems.push_back(TiersFile.str() +
                           ": no dependency alternative of the knowledge base names these "
                           "tiers, so foreign dependencies stay unresolved; keep the "
                           "knowledge base's tier ids or add [[alternative]] entries");
  }
  if (llvm::none_of(P.Tiers, [](const Tier &T) {
        return !T.Classified && !T.MinMlps && T.Criticality.empty();
      }))
    P.Problems.push_back((TiersFile.empty() ? KB.path() : TiersFile.str()) +
                         ": no tier without conditions, so systems that meet no tier's "
                         "condition are not planned");
  return P;
}

const Dependency *Policy::dependency(llvm::StringRef Name) const {
  llvm::StringRef Wanted = Name.trim();
  for (const Dependency &D : Dependencies)
    if (llvm::StringRef(D.Name).equals_insensitive(Wanted) ||
        llvm::any_of(D.Aliases, [&](llvm::StringRef A) { return A.equals_insensitive(Wanted); }))
      return &D;
  return nullptr;
}

const KbOs *Policy::os(llvm::StringRef Id) const {
  for (const KbOs &O : Oses)
    if (O.Id == Id)
      return &O;
  return nullptr;
}

//===-- Inventory ----------------------------------------------------------===//

llvm::Expected<Inventory> loadInventory(llvm::StringRef Path) {
  Inventory Inv;
  Inv.Path = Path.str();
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buf)
    return llvm::createStringError(Buf.getError(), "%s: cannot read: %s", Path.str().c_str(),
                                   Buf.getError().message().c_str());
  toml::table Root;
  try {
    Root = toml::parse(std::string_view((*Buf)->getBufferStart(), (*Buf)->getBufferSize()),
                       std::string_view(Path.data(), Path.size()));
  } catch (const toml::parse_error &E) {
    return llvm::createStringError(std::errc::invalid_argument, "%s:%u:%u: error: %s",
                                   Path.str().c_str(), unsigned(E.source().begin.line),
                                   unsigned(E.source().begin.column),
                                   std::string(E.description()).c_str());
  }
  llvm::SmallString<256> Dir(Path);
  llvm::sys::fs::make_absolute(Dir);
  llvm::sys::path::remove_filename(Dir);
  auto Resolve = [&](const std::string &P) {
    llvm::SmallString<256> Out(P);
    if (!llvm::sys::path::is_absolute(Out)) {
      Out = Dir;
      llvm::sys::path::append(Out, P);
    }
    llvm::sys::path::remove_dots(Out, true);
    return std::string(Out);
  };
  auto At = [&](const toml::node &N) {
    return Path.str() + ":" + std::to_string(N.source().begin.line) + ":" +
           std::to_string(N.source().begin.column);
  };

  const toml::table *Org = Root["organization"].as_table();
  if (!Org)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "%s: error: no [organization] table", Path.str().c_str());
  for (auto &&[Key, Value] : *Org) {
    llvm::StringRef K(Key.str());
    bool Known = llvm::is_contained({"name", "wave_capacity", "wave_weeks", "tiers", "weights"}, K);
    bool Text = K == "name" || K == "tiers" || K == "weights";
    if (!Known || (Text && !Value.is_string()))
      return llvm::createStringError(
          std::errc::invalid_argument, "%s:%u:%u: error: %s", Path.str().c_str(),
          unsigned(Key.source().begin.line), unsigned(Key.source().begin.column),
          (Known ? "'" + K.str() + "' must be a string"
                 : "unknown key '" + K.str() +
                       "' in [organization] (expected name, wave_capacity, wave_weeks, tiers, "
                       "weights)")
              .c_str());
  }
  Inv.Name = (*Org)["name"].value_or(std::string("(unnamed organization)"));
  Inv.WaveCapacity = (*Org)["wave_capacity"].value<double>().value_or(0);
  Inv.WaveWeeks = int((*Org)["wave_weeks"].value<int64_t>().value_or(0));
  if (!std::isfinite(Inv.WaveCapacity) || Inv.WaveCapacity <= 0 || Inv.WaveWeeks <= 0)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "%s: error: [organization] needs wave_capacity (person-days "
                                   "per wave, a number) and wave_weeks (an integer), both above "
                                   "zero",
                                   At(*Org).c_str());
  if (auto T = (*Org)["tiers"].value<std::string>())
    Inv.TiersFile = Resolve(*T);
  if (auto W = (*Org)["weights"].value<std::string>())
    Inv.WeightsFile = Resolve(*W);

  const toml::array *Systems = Root["system"].as_array();
  if (!Systems || !Systems->is_array_of_tables())
    return llvm::createStringError(std::errc::invalid_argument,
                                   "%s: error: no systems; write each as a [[system]] table",
                                   Path.str().c_str());
  std::set<std::string> Ids;
  for (const toml::node &Node : *Systems) {
    const toml::table &T = *Node.as_table();
    SystemSpec S;
    S.Origin = At(T);
    std::vector<std::string> Problems;
    auto Str = [&](const char *Key, bool Required) {
      const toml::node *N = T.get(Key);
      if (!N) {
        if (Required)
          Problems.push_back(std::string("missing '") + Key + "'");
        return std::string();
      }
      if (!N->is_string()) {
        Problems.push_back(std::string("'") + Key + "' must be a string");
        return std::string();
      }
      if (Required && N->as_string()->get().empty())
        Problems.push_back(std::string("'") + Key + "' is empty");
      return N->as_string()->get();
    };
    auto List = [&](const char *Key) {
      std::vector<std::string> Out;
      const toml::node *N = T.get(Key);
      if (!N)
        return Out;
      const toml::array *A = N->as_array();
      if (!A || (!A->empty() && !A->is_homogeneous(toml::node_type::string))) {
        Problems.push_back(std::string("'") + Key + "' must be an array of strings");
        return Out;
      }
      for (const toml::node &I : *A)
        Out.push_back(I.as_string()->get());
      return Out;
    };
    S.Id = Str("id", true);
    S.Name = Str("name", false);
    if (S.Name.empty())
      S.Name = S.Id;
    std::string Rel = Str("path", true);
    if (!Rel.empty())
      S.Path = Resolve(Rel);
    if (std::string CC = Str("compile_commands", false); !CC.empty())
      S.CompileCommands = Resolve(CC);
    S.Platform = Str("platform", false);
    if (S.Platform.empty())
      S.Platform = "auto";
    if (!llvm::is_contained({"auto", "linux", "windows"}, S.Platform))
      Problems.push_back("'platform' must be auto, linux or windows");
    S.Sector = Str("sector", false);
    S.Criticality = Str("criticality", false);
    if (S.Criticality.empty())
      S.Criticality = "general";
    if (!llvm::is_contained({"core", "important", "general"}, S.Criticality))
      Problems.push_back("'criticality' must be core, important or general");
    S.Defines = List("defines");
    S.Excludes = List("exclude");
    S.Dependencies = List("dependencies");
    S.DependsOn = List("depends_on");
    if (const toml::node *N = T.get("mlps"); !N || !N->is_integer() ||
                                             N->as_integer()->get() < 1 ||
                                             N->as_integer()->get() > 5)
      Problems.push_back("'mlps' must be an integer from 1 to 5 (the MLPS 2.0 level)");
    else
      S.Mlps = int(N->as_integer()->get());
    if (const toml::node *N = T.get("classified")) {
      if (N->is_boolean())
        S.Classified = N->as_boolean()->get();
      else
        Problems.push_back("'classified' must be true or false");
    }
    for (auto &&[Key, Value] : T)
      if (!llvm::is_contained({"id", "name", "path", "compile_commands", "platform", "sector",
                               "criticality", "defines", "exclude", "dependencies",
                               "depends_on", "mlps", "classified"},
                              Key.str()))
        Problems.push_back("unknown key '" + std::string(Key.str()) + "'");
    if (!S.Id.empty() && !Ids.insert(S.Id).second)
      Problems.push_back("duplicate system id '" + S.Id + "'");
    if (!Problems.empty()) {
      Inv.Problems.push_back(S.Origin + ": system '" + S.Id +
                             "' left out: " + llvm::join(Problems, "; "));
      continue;
    }
    Inv.Systems.push_back(std::move(S));
  }
  // Dependencies on systems the inventory does not hold are dropped.
  for (SystemSpec &S : Inv.Systems) {
    std::vector<std::string> Kept;
    for (const std::string &D : S.DependsOn) {
      bool Known = llvm::any_of(Inv.Systems, [&](const SystemSpec &O) { return O.Id == D; });
      if (Known && D != S.Id)
        Kept.push_back(D);
      else
        Inv.Problems.push_back(S.Origin + ": system '" + S.Id + "' depends on '" + D + "', " +
                               (D == S.Id ? "itself" : "which is not a system of the inventory") +
                               "; ignored");
    }
    S.DependsOn = std::move(Kept);
  }
  return Inv;
}

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
    S.WaveSpan = D > Capacity ? int(std::min(1000.0, std::ceil(D / Capacity - 1e-9))) : 1;
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
