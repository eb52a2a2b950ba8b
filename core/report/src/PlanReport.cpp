//===- PlanReport.cpp -----------------------------------------------------===//
#include "portolan/report/PlanReport.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/Format.h>
#include <llvm/Support/FormatVariadic.h>

#include <cmath>
#include <optional>

namespace portolan {
namespace {

namespace json = llvm::json;

double round2(double V) { return std::round(V * 100) / 100; }

json::Value range(const Range &R) {
  return json::Object{{"low", round2(R.Low)}, {"likely", round2(R.Likely)}, {"high", round2(R.High)}};
}

json::Array strings(const std::vector<std::string> &V) { return json::Array(V); }

json::Object effortJson(const SystemEffort &E, const EffortWeights &W, bool Allowed) {
  json::Object ByCategory;
  for (const auto &[Category, Hours] : E.HoursByCategory)
    ByCategory[Category] = range(toDays(Hours, W));
  json::Array Drivers;
  for (const CostDriver &D : E.Drivers)
    Drivers.push_back(json::Object{{"category", D.Category},
                                   {"file", D.File},
                                   {"symbol", D.Symbol},
                                   {"rule", D.Rule},
                                   {"count", int64_t(D.Count)},
                                   {"days", range(toDays(D.Hours, W))}});
  return json::Object{{"cpu", E.Target.Cpu},
                      {"os", E.Target.Os},
                      {"arch", E.Target.Arch},
                      {"allowed", Allowed},
                      {"days", range(toDays(E.Hours, W))},
                      {"by_category", std::move(ByCategory)},
                      {"drivers", std::move(Drivers)},
                      {"no_equivalent", int64_t(E.NoEquivalent)},
                      {"unknown", int64_t(E.Unknown)},
                      {"redesign_modules", strings(E.RedesignModules)}};
}

json::Value targetJson(const std::optional<SystemEffort> &E, const std::string &Cloud,
                       const EffortWeights &W) {
  if (!E)
    return nullptr;
  json::Object O{{"cpu", E->Target.Cpu},
                 {"os", E->Target.Os},
                 {"arch", E->Target.Arch},
                 {"days", range(toDays(E->Hours, W))}};
  if (!Cloud.empty())
    O["cloud"] = Cloud;
  return O;
}

// Reading the JSON back, for the formats written from it.
double num(const json::Object *O, llvm::StringRef Key) {
  if (!O)
    return 0;
  if (auto V = O->getNumber(Key))
    return *V;
  if (auto V = O->getInteger(Key))
    return double(*V);
  return 0;
}
std::string str(const json::Object *O, llvm::StringRef Key) {
  if (!O)
    return "";
  if (auto V = O->getString(Key))
    return V->str();
  return "";
}
const json::Array *arr(const json::Object *O, llvm::StringRef Key) {
  return O ? O->getArray(Key) : nullptr;
}
const json::Object *obj(const json::Object *O, llvm::StringRef Key) {
  return O ? O->getObject(Key) : nullptr;
}
std::string g(double V) { return llvm::formatv("{0}", llvm::format("%g", V)).str(); }
std::string d1(double V) { return llvm::formatv("{0:f1}", V).str(); }
/// "12.5 (8.0–20.1)"
std::string daysText(const json::Object *R) {
  if (!R)
    return "-";
  return d1(num(R, "likely")) + " (" + d1(num(R, "low")) + "-" + d1(num(R, "high")) + ")";
}
const json::Object *findEffort(const json::Object *System, llvm::StringRef Cpu) {
  if (const json::Array *E = arr(System, "effort"))
    for (const json::Value &V : *E)
      if (str(V.getAsObject(), "cpu") == Cpu)
        return V.getAsObject();
  return nullptr;
}
/// A CSV cell (RFC 4180). Text that a spreadsheet would read as a formula
/// (= + - @ first) is prefixed with '.
std::string csvField(llvm::StringRef S) {
  std::string Text = S.str();
  if (!Text.empty() && llvm::StringRef("=+-@").contains(Text.front()) &&
      !llvm::StringRef(Text).drop_front().trim().empty() &&
      !std::isdigit(static_cast<unsigned char>(Text[1])))
    Text = "'" + Text;
  if (llvm::StringRef(Text).find_first_of(",\"\r\n") == llvm::StringRef::npos)
    return Text;
  std::string Out = "\"";
  for (char C : Text)
    Out += C == '"' ? std::string("\"\"") : std::string(1, C);
  return Out + "\"";
}
/// Text for a Markdown table cell or list item: one line, no bare '|' or
/// backtick.
std::string md(llvm::StringRef S) {
  std::string Out;
  for (char C : S)
    Out += C == '|'                ? std::string("\\|")
           : C == '`'              ? std::string("\\`")
           : C == '\n' || C == '\r' ? std::string(" ")
                                   : std::string(1, C);
  return Out;
}
/// The ids of a wave's systems, comma-separated.
std::string waveSystems(const json::Object *W) {
  std::vector<std::string> Ids;
  if (const json::Array *Systems = arr(W, "systems"))
    for (const json::Value &Id : *Systems)
      Ids.push_back(Id.getAsString().value_or("").str());
  return llvm::join(Ids, ", ");
}
/// Whether two effort entries cost the same target: the same CPU and the
/// same OS family (costs differ between Linux and Windows Server only).
bool sameTarget(const json::Object *A, const json::Object *B) {
  auto Windows = [](const json::Object *E) {
    return llvm::StringRef(str(E, "os")).starts_with("windows");
  };
  return A && B && str(A, "cpu") == str(B, "cpu") && Windows(A) == Windows(B);
}
/// "id" or "id name" when the name says more.
std::string label(const json::Object *S) {
  std::string Id = str(S, "id"), Name = str(S, "name");
  return Name.empty() || Name == Id ? md(Id) : md(Id) + " " + md(Name);
}

} // namespace

PlanDocument::PlanDocument(const PortfolioPlan &Plan, const Inventory &Inv, const Policy &P,
                           const PlanContext &Ctx)
    : Plan(Plan), W(P.Weights) {
  json::Array Weights;
  for (const auto &[Id, Wt] : W.all())
    Weights.push_back(json::Object{{"id", Id},
                                   {"applies", Wt.Applies},
                                   {"low", Wt.Value.Low},
                                   {"likely", Wt.Value.Likely},
                                   {"high", Wt.Value.High},
                                   {"rationale", Wt.Rationale},
                                   {"source", Wt.Source},
                                   {"origin", Wt.Origin}});
  json::Array Targets;
  for (const KbCpu &C : P.Cpus)
    Targets.push_back(json::Object{
        {"cpu", C.Id}, {"vendor", C.Vendor}, {"product", C.Product}, {"arch", C.Arch}});

  json::Array Waves;
  for (const Wave &Wv : Plan.Waves)
    Waves.push_back(json::Object{{"number", Wv.Number},
                                 {"systems", strings(Wv.Systems)},
                                 {"days", range(Wv.Days)},
                                 {"capacity_days", Inv.WaveCapacity},
                                 {"systems_done", int64_t(Wv.SystemsDone)},
                                 {"cloud_adoption", round2(Wv.CloudAdoption)},
                                 {"effort_done", round2(Wv.EffortDone)}});
  size_t Findings = 0, Planned = 0;
  for (const SystemPlan &SP : Plan.Systems) {
    Findings += SP.System.Findings;
    Planned += SP.Wave > 0;
  }
  Top = json::Object{
      {"schema", PlanReportSchema},
      {"generated_at", Ctx.GeneratedAt},
      {"inventory", Ctx.InventoryPath},
      {"kb_version", Ctx.KbVersion},
      {"organization", json::Object{{"name", Inv.Name},
                                    {"wave_capacity_days", Inv.WaveCapacity},
                                    {"wave_weeks", Inv.WaveWeeks}}},
      {"weights", std::move(Weights)},
      {"targets", std::move(Targets)},
      {"waves", std::move(Waves)},
      {"totals", json::Object{{"systems", int64_t(Plan.Systems.size())},
                              {"planned", int64_t(Planned)},
                              {"days", range(Plan.TotalDays)},
                              {"waves", int64_t(Plan.Waves.size())},
                              {"weeks", int64_t(Plan.Waves.size()) * Inv.WaveWeeks},
                              {"findings", int64_t(Findings)}}},
      {"problems", strings(Plan.Problems)}};
}


json::Value PlanDocument::system(size_t I) const {
  const SystemPlan &SP = Plan.Systems[I];
  const ScannedSystem &S = SP.System;
  const SystemSpec &Spec = *S.Spec;
  json::Object Scan{{"status", S.Scanned ? "scanned" : "failed"},
                    {"run", S.Run},
                    {"units", int64_t(S.Units)},
                    {"units_with_errors", int64_t(S.UnitsWithErrors)},
                    {"findings", int64_t(S.Findings)},
                    {"lines", int64_t(S.Facts.Lines)},
                    {"source_platform", S.Facts.WindowsCode ? "windows-x86_64" : "linux-x86_64"}};
  if (!S.Error.empty())
    Scan["error"] = S.Error;
  json::Object ByCategory;
  for (const auto &[Category, Count] : S.FindingsByCategory)
    ByCategory[Category] = int64_t(Count);
  json::Array Effort;
  for (const SystemEffort &E : S.ByCpu) {
    bool Allowed = SP.TierOf && llvm::is_contained(SP.TierOf->Cpus, E.Target.Cpu);
    Effort.push_back(effortJson(E, W, Allowed));
  }
  json::Value Tier = nullptr;
  if (SP.TierOf)
    Tier = json::Object{{"id", SP.TierOf->Id},
                        {"name", SP.TierOf->Name},
                        {"rule", SP.TierRule},
                        {"clouds", strings(SP.TierOf->Clouds)}};
  json::Value Target = targetJson(SP.Target, SP.Cloud, W);
  if (SP.Target)
    Target.getAsObject()->insert({"detail", effortJson(*SP.Target, W, true)});
  json::Value RunnerUp = targetJson(SP.RunnerUp, "", W);
  if (SP.RunnerUp)
    RunnerUp.getAsObject()->insert({"why", SP.RunnerUpWhy});
  json::Array Deps;
  for (const DependencyPlan &D : SP.Dependencies) {
    json::Object O{{"name", D.Name}, {"known", D.Known}, {"action", D.Action}, {"note", D.Note}};
    if (D.Action == "replace") {
      O["replacement"] = D.Replacement;
      O["effort"] = D.Effort;
      O["days"] = range(D.Days);
    }
    Deps.push_back(std::move(O));
  }
  return json::Object{{"id", Spec.Id},
                      {"name", Spec.Name},
                      {"path", Spec.Path},
                      {"sector", Spec.Sector},
                      {"mlps", Spec.Mlps},
                      {"classified", Spec.Classified},
                      {"criticality", Spec.Criticality},
                      {"scan", std::move(Scan)},
                      {"findings_by_category", std::move(ByCategory)},
                      {"tier", std::move(Tier)},
                      {"target", std::move(Target)},
                      {"runner_up", std::move(RunnerUp)},
                      {"effort", std::move(Effort)},
                      {"dependencies", std::move(Deps)},
                      {"target_days", range(SP.TargetDays)},
                      {"dependency_days", range(SP.DependencyDays)},
                      {"total_days", range(SP.TotalDays)},
                      {"risks", strings(SP.Risks)},
                      {"risk_level", SP.RiskLevel},
                      {"depends_on", strings(Spec.DependsOn)},
                      {"wave", SP.Wave},
                                 {"wave_span", SP.WaveSpan}};
}

size_t PlanDocument::systemCount() const { return Plan.Systems.size(); }

void PlanDocument::write(llvm::raw_ostream &OS, unsigned Indent) const {
  // As json::OStream writes one value: an object's keys in sorted order.
  std::vector<llvm::StringRef> Keys = {"systems"};
  for (const auto &[Key, Value] : Top)
    Keys.push_back(Key);
  llvm::sort(Keys);
  json::OStream J(OS, Indent);
  J.object([&] {
    for (llvm::StringRef Key : Keys) {
      if (Key != "systems") {
        J.attribute(Key, *Top.get(Key));
        continue;
      }
      J.attributeArray(Key, [&] {
        for (size_t I = 0; I < systemCount(); ++I)
          J.value(system(I));
      });
    }
  });
}

void writePlanText(const PlanDocument &Plan, llvm::raw_ostream &OS) {
  const json::Object *Root = &Plan.top();
  const json::Object *Org = obj(Root, "organization");
  const json::Object *Totals = obj(Root, "totals");
  OS << "Migration plan for " << str(Org, "name") << " (" << str(Root, "inventory") << ")\n";
  OS << "  " << int64_t(num(Totals, "systems")) << " systems, "
     << int64_t(num(Totals, "planned")) << " planned; "
     << daysText(obj(Totals, "days")) << " person-days in " << int64_t(num(Totals, "waves"))
     << (num(Totals, "waves") == 1 ? " wave of " : " waves of ") << int64_t(num(Org, "wave_weeks")) << " weeks ("
     << d1(num(Org, "wave_capacity_days")) << " person-days each)\n\n";
  OS << llvm::left_justify("system", 14) << llvm::left_justify("tier", 22)
     << llvm::left_justify("target", 36) << llvm::right_justify("days", 24) << "  risk    wave\n";
  for (const json::Value &V : Plan.systems()) {
    const json::Object *S = V.getAsObject();
    const json::Object *T = obj(S, "target");
    std::string Target = T ? str(T, "cpu") + "/" + str(T, "os") : "-";
    OS << llvm::left_justify(str(S, "id"), 14)
       << llvm::left_justify(str(obj(S, "tier"), "id"), 22)
       << llvm::left_justify(Target, 36)
       << llvm::right_justify(daysText(obj(S, "total_days")), 24) << "  "
       << llvm::left_justify(str(S, "risk_level"), 8)
       << (num(S, "wave") > 0 ? std::to_string(int64_t(num(S, "wave"))) : "-") << "\n";
  }
  // Side by side: each system on each vendor's cheapest CPU (Linux).
  std::vector<std::pair<std::string, std::vector<std::string>>> Vendors;
  if (const json::Array *Targets = arr(Root, "targets"))
    for (const json::Value &T : *Targets) {
      std::string Vendor = str(T.getAsObject(), "vendor");
      auto It = llvm::find_if(Vendors, [&](const auto &V) { return V.first == Vendor; });
      if (It == Vendors.end())
        It = Vendors.insert(Vendors.end(), {Vendor, {}});
      It->second.push_back(str(T.getAsObject(), "cpu"));
    }
  if (!Vendors.empty()) {
    OS << "\nPerson-days (likely) on each vendor's cheapest CPU, with Linux:\n"
       << llvm::left_justify("system", 14);
    for (const auto &[Vendor, Cpus] : Vendors)
      OS << llvm::right_justify(llvm::StringRef(Vendor).take_front(11), 12);
    OS << "\n";
    for (const json::Value &V : Plan.systems()) {
      const json::Object *S = V.getAsObject();
      if (!arr(S, "effort") || arr(S, "effort")->empty())
        continue;
      OS << llvm::left_justify(str(S, "id"), 14);
      for (const auto &[Vendor, Cpus] : Vendors) {
        std::optional<double> Best;
        for (const std::string &Cpu : Cpus)
          if (const json::Object *E = findEffort(S, Cpu))
            Best = std::min(Best.value_or(1e300), num(obj(E, "days"), "likely"));
        OS << llvm::right_justify(Best ? d1(*Best) : "-", 12);
      }
      OS << "\n";
    }
  }
  OS << "\nWaves:\n";
  if (const json::Array *Waves = arr(Root, "waves"))
    for (const json::Value &V : *Waves) {
      const json::Object *W = V.getAsObject();
      OS << "  " << int64_t(num(W, "number")) << ": " << waveSystems(W) << " - "
         << d1(num(obj(W, "days"), "likely")) << " person-days; "
         << int64_t(std::round(num(W, "cloud_adoption") * 100)) << "% of systems moved\n";
    }
  if (const json::Array *Problems = arr(Root, "problems"); Problems && !Problems->empty()) {
    OS << "\nProblems:\n";
    for (const json::Value &P : *Problems)
      OS << "  " << P.getAsString().value_or("") << "\n";
  }
}

void writePlanMarkdown(const PlanDocument &Plan, llvm::raw_ostream &OS) {
  const json::Object *Root = &Plan.top();
  const json::Object *Org = obj(Root, "organization");
  const json::Object *Totals = obj(Root, "totals");
  OS << "# Migration plan: " << md(str(Org, "name")) << "\n\n";
  OS << "Inventory `" << str(Root, "inventory") << "`, knowledge base " << str(Root, "kb_version")
     << ", generated " << str(Root, "generated_at") << ".\n\n";
  OS << "- **Systems:** " << int64_t(num(Totals, "systems")) << " ("
     << int64_t(num(Totals, "planned")) << " planned)\n";
  OS << "- **Effort:** " << daysText(obj(Totals, "days"))
     << " person-days (likely, with low-high)\n";
  OS << "- **Waves:** " << int64_t(num(Totals, "waves")) << " of "
     << int64_t(num(Org, "wave_weeks")) << " weeks, " << d1(num(Org, "wave_capacity_days"))
     << " person-days each (" << int64_t(num(Totals, "weeks")) << " weeks)\n";
  OS << "- **Findings:** " << int64_t(num(Totals, "findings")) << "\n\n";

  OS << "## Systems\n\n| system | MLPS | tier (rule) | target | cloud | person-days | risk | wave |\n"
        "|---|---|---|---|---|---|---|---|\n";
  for (const json::Value &V : Plan.systems()) {
    const json::Object *S = V.getAsObject();
    const json::Object *T = obj(S, "target");
    const json::Object *Tier = obj(S, "tier");
    OS << "| " << label(S) << " | "
       << int64_t(num(S, "mlps")) << (S->getBoolean("classified").value_or(false) ? ", classified" : "")
       << " | " << md(str(Tier, "id")) << " (" << md(str(Tier, "rule")) << ") | "
       << (T ? str(T, "cpu") + " / " + str(T, "os") : "-") << " | " << str(T, "cloud") << " | "
       << daysText(obj(S, "total_days")) << " | " << str(S, "risk_level") << " | "
       << (num(S, "wave") > 0 ? std::to_string(int64_t(num(S, "wave"))) : "-") << " |\n";
  }

  OS << "\n## Target choice\n\n";
  for (const json::Value &V : Plan.systems()) {
    const json::Object *S = V.getAsObject();
    const json::Object *T = obj(S, "target");
    const json::Object *R = obj(S, "runner_up");
    OS << "- **" << md(str(S, "id")) << "**: ";
    if (!T) {
      OS << "no target (" << md(str(obj(S, "scan"), "error")) << ")\n";
      continue;
    }
    OS << str(T, "cpu") << " with " << str(T, "os") << ", " << daysText(obj(T, "days"))
       << " person-days of code work";
    if (R)
      OS << "; runner-up " << str(R, "cpu") << " (" << md(str(R, "why")) << ")";
    OS << "\n";
  }

  OS << "\n## Effort per target (person-days, likely)\n\n| system |";
  const json::Array *Targets = arr(Root, "targets");
  std::string Rule = "|---|";
  if (Targets)
    for (const json::Value &T : *Targets) {
      OS << " " << str(T.getAsObject(), "cpu") << " |";
      Rule += "---|";
    }
  OS << "\n" << Rule << "\n";
  for (const json::Value &V : Plan.systems()) {
    const json::Object *S = V.getAsObject();
    OS << "| " << md(str(S, "id")) << " |";
    if (Targets)
      for (const json::Value &T : *Targets) {
        const json::Object *E = findEffort(S, str(T.getAsObject(), "cpu"));
        OS << " " << (E ? d1(num(obj(E, "days"), "likely")) : "-")
           << (E && !E->getBoolean("allowed").value_or(false) ? "*" : "") << " |";
      }
    OS << "\n";
  }
  OS << "\n`*` the system's tier does not allow this CPU.\n";

  OS << "\n## Waves\n\n| wave | systems | person-days | systems moved | effort done |\n"
        "|---|---|---|---|---|\n";
  if (const json::Array *Waves = arr(Root, "waves"))
    for (const json::Value &V : *Waves) {
      const json::Object *W = V.getAsObject();
      OS << "| " << int64_t(num(W, "number")) << " | " << md(waveSystems(W)) << " | "
         << daysText(obj(W, "days")) << " | "
         << int64_t(std::round(num(W, "cloud_adoption") * 100)) << "% | "
         << int64_t(std::round(num(W, "effort_done") * 100)) << "% |\n";
    }

  OS << "\n## Dependencies and risks\n\n";
  for (const json::Value &V : Plan.systems()) {
    const json::Object *S = V.getAsObject();
    OS << "### " << md(str(S, "id")) << " (risk " << str(S, "risk_level") << ")\n\n";
    if (const json::Array *Deps = arr(S, "dependencies"))
      for (const json::Value &DV : *Deps) {
        const json::Object *D = DV.getAsObject();
        OS << "- " << md(str(D, "name")) << ": " << str(D, "action");
        if (str(D, "action") == "replace")
          OS << " with " << md(str(D, "replacement")) << " (" << str(D, "effort") << ", "
             << daysText(obj(D, "days")) << " person-days)";
        if (!str(D, "note").empty())
          OS << "; " << md(str(D, "note"));
        OS << "\n";
      }
    if (const json::Array *Risks = arr(S, "risks"))
      for (const json::Value &R : *Risks)
        OS << "- risk: " << md(R.getAsString().value_or("")) << "\n";
    if (const json::Object *Detail = obj(obj(S, "target"), "detail")) {
      const json::Array *Drivers = arr(Detail, "drivers");
      if (Drivers && !Drivers->empty()) {
        OS << "\n| cost driver | category | count | person-days |\n|---|---|---|---|\n";
        for (const json::Value &DV : *Drivers) {
          const json::Object *D = DV.getAsObject();
          OS << "| " << md(str(D, "file")) << ": " << md(str(D, "symbol")) << " | "
             << md(str(D, "category")) << " | " << int64_t(num(D, "count")) << " | "
             << daysText(obj(D, "days")) << " |\n";
        }
      }
    }
    OS << "\n";
  }

  OS << "## Weights used\n\n| weight | applies | low | likely | high | rationale |\n"
        "|---|---|---|---|---|---|\n";
  if (const json::Array *Weights = arr(Root, "weights"))
    for (const json::Value &V : *Weights) {
      const json::Object *W = V.getAsObject();
      OS << "| " << str(W, "id") << " | " << str(W, "applies") << " | " << g(num(W, "low"))
         << " | " << g(num(W, "likely")) << " | " << g(num(W, "high")) << " | "
         << md(str(W, "rationale")) << " |\n";
    }
  if (const json::Array *Problems = arr(Root, "problems"); Problems && !Problems->empty()) {
    OS << "\n## Problems\n\n";
    for (const json::Value &P : *Problems)
      OS << "- " << md(P.getAsString().value_or("")) << "\n";
  }
}

void writePlanCsv(const PlanDocument &Plan, llvm::raw_ostream &OS) {
  OS << "system,name,mlps,classified,criticality,tier,cpu,os,arch,allowed,chosen,days_low,"
        "days_likely,days_high,no_equivalent,unknown,dependency_days_likely,risk_level,wave\n";
  for (const json::Value &V : Plan.systems()) {
    const json::Object *S = V.getAsObject();
    auto Row = [&](const json::Object *E) {
      OS << csvField(str(S, "id")) << "," << csvField(str(S, "name")) << ","
         << int64_t(num(S, "mlps")) << ","
         << (S->getBoolean("classified").value_or(false) ? "true" : "false") << ","
         << csvField(str(S, "criticality")) << "," << csvField(str(obj(S, "tier"), "id")) << ","
         << csvField(str(E, "cpu")) << "," << csvField(str(E, "os")) << ","
         << csvField(str(E, "arch")) << ",";
    };
    // The chosen target, when its OS is not the one of the side-by-side
    // rows (Windows Server), and a system with no rows at all, get one of
    // their own.
    const json::Object *Target = obj(S, "target");
    const json::Object *Detail = obj(Target, "detail");
    const json::Array *Effort = arr(S, "effort");
    bool ChosenShown = false;
    std::vector<const json::Object *> Rows;
    if (Effort)
      for (const json::Value &EV : *Effort) {
        Rows.push_back(EV.getAsObject());
        ChosenShown |= sameTarget(Detail, Rows.back());
      }
    if (Detail && !ChosenShown)
      Rows.push_back(Detail);
    if (Rows.empty()) {
      json::Object Empty;
      Row(&Empty);
      OS << "false,false,,,,,," << "," << csvField(str(S, "risk_level")) << ","
         << int64_t(num(S, "wave")) << "\n";
      continue;
    }
    for (const json::Object *E : Rows) {
      const json::Object *Days = obj(E, "days");
      bool Chosen = sameTarget(Detail, E);
      Row(E);
      OS << (E->getBoolean("allowed").value_or(false) ? "true" : "false") << ","
         << (Chosen ? "true" : "false") << "," << g(num(Days, "low")) << ","
         << g(num(Days, "likely")) << "," << g(num(Days, "high")) << ","
         << int64_t(num(E, "no_equivalent")) << "," << int64_t(num(E, "unknown")) << ","
         << g(num(obj(S, "dependency_days"), "likely")) << "," << str(S, "risk_level") << ","
         << int64_t(num(S, "wave")) << "\n";
    }
  }
}

namespace {

/// Passes text on with each '<' written as "\u003c": JSON inside a
/// <script> element, where "</script" or "<!--" in a name would end it or
/// change how it is read, and "\u003c" is the same JSON.
class ScriptSafe : public llvm::raw_ostream {
public:
  explicit ScriptSafe(llvm::raw_ostream &Out) : Out(Out) { SetUnbuffered(); }
  ~ScriptSafe() override { flush(); }

private:
  void write_impl(const char *Ptr, size_t Size) override {
    llvm::StringRef Text(Ptr, Size);
    for (size_t Lt; (Lt = Text.find('<')) != llvm::StringRef::npos; Text = Text.drop_front(Lt + 1))
      Out << Text.take_front(Lt) << "\\u003c";
    Out << Text;
    Written += Size;
  }
  uint64_t current_pos() const override { return Written; }

  llvm::raw_ostream &Out;
  uint64_t Written = 0;
};

} // namespace

void writePlanHtml(const PlanDocument &Plan, llvm::raw_ostream &OS) {
  static const char Template[] =
#include "PlanHtmlTemplate.inc"
      ;
  llvm::StringRef Page(Template);
  auto [Before, After] = Page.split("@PLAN_JSON@");
  OS << Before;
  {
    ScriptSafe Safe(OS);
    Plan.write(Safe, /*Indent=*/0);
  }
  OS << After;
}

} // namespace portolan
