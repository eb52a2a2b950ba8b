//===- Policy.cpp - the planner's policy from the knowledge base ----------===//
#include "portolan/plan/Planner.h"

#include <llvm/ADT/STLExtras.h>
#include <llvm/ADT/StringExtras.h>

#include <algorithm>

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


} // namespace

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

} // namespace portolan
