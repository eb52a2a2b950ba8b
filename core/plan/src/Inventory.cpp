//===- Inventory.cpp - inventory.toml -------------------------------------===//
#include "portolan/plan/Planner.h"

#include <llvm/ADT/STLExtras.h>
#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <toml++/toml.h>

#include <cmath>
#include <set>

namespace portolan {

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
    S.MsBuildConfig = Str("msbuild_config", false);
    if (!S.MsBuildConfig.empty() && S.CompileCommands.empty())
      Problems.push_back("'msbuild_config' needs 'compile_commands' naming a Visual Studio "
                         "solution or project");
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
      if (!llvm::is_contained({"id", "name", "path", "compile_commands", "msbuild_config",
                               "platform", "sector",
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

} // namespace portolan
