//===- PlanCommand.cpp - portolan plan ------------------------------------===//
//
// Scans each system of an inventory (units unchanged since an earlier scan
// in the same results file are reused, not parsed), costs it on every
// target, and writes the plan.
//
//===----------------------------------------------------------------------===//
#include "Cli.h"
#include "Plugins.h"

#include "portolan/plan/Portfolio.h"
#include "portolan/report/PlanReport.h"
#include "portolan/report/Sarif.h"
#include "portolan/scan/Scan.h"

#include <llvm/Support/FileSystem.h>
#include <llvm/Support/FormatVariadic.h>
#include <llvm/Support/Path.h>

#include <ctime>
#include <map>

namespace portolan::cli {
namespace cl = llvm::cl;
namespace {

enum class PlanFormat { Text, Json, Markdown, Csv, Html, Sarif };

cl::opt<std::string> InventoryPath(cl::Positional, cl::desc("<inventory.toml>"), cl::Required,
                                   cl::sub(planCommand()), cl::cat(category()));
cl::opt<PlanFormat, false, NamedValueParser<PlanFormat>> FormatOpt(
    "format", cl::desc("Plan format"),
    cl::values(clEnumValN(PlanFormat::Text, "text", "terminal summary"),
               clEnumValN(PlanFormat::Json, "json", "structured JSON (docs/plan-report.md)"),
               clEnumValN(PlanFormat::Markdown, "markdown", "a report for people"),
               clEnumValN(PlanFormat::Csv, "csv", "one row per system and target CPU"),
               clEnumValN(PlanFormat::Html, "html", "a self-contained page with charts"),
               clEnumValN(PlanFormat::Sarif, "sarif",
                          "the findings of each scanned system as a SARIF 2.1.0 run")),
    cl::init(PlanFormat::Text), cl::sub(planCommand()), cl::cat(category()));
cl::opt<std::string> OutDir("out-dir",
                            cl::desc("Also write plan.json, plan.md, plan.csv and plan.html "
                                     "into this folder"),
                            cl::value_desc("dir"), cl::sub(planCommand()), cl::cat(category()));
cl::opt<std::string> DbPath("db",
                            cl::desc("Results file (default .portolan/results.db under the "
                                     "working directory)"),
                            cl::value_desc("path"), cl::sub(planCommand()), cl::cat(category()));
cl::opt<unsigned> Jobs("j", cl::desc("Parallel workers (default: one per core)"), cl::init(0),
                       cl::Prefix, cl::sub(planCommand()), cl::cat(category()));
cl::opt<bool> NoReuse("no-reuse", cl::desc("Parse every unit again"), cl::sub(planCommand()),
                      cl::cat(category()));
cl::opt<std::string> FromDb(
    "from",
    cl::desc("Plan from the runs stored in this results file (each system's latest complete "
             "run of its folder with its settings, as scan, plan or merge wrote it), without "
             "scanning"),
    cl::value_desc("results.db"), cl::sub(planCommand()), cl::cat(category()));

/// A SARIF log with one run per scanned system, its stored findings read
/// and written one system at a time. A system whose results cannot be read
/// is left out with a warning.
void writePlanSarif(const PortfolioPlan &Plan, ResultsStore &Store, const std::string &RulesDoc,
                    llvm::raw_ostream &OS) {
  llvm::json::OStream J(OS, 2);
  J.object([&] {
    J.attribute("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    J.attribute("version", "2.1.0");
    J.attributeArray("runs", [&] {
      for (const SystemPlan &S : Plan.Systems) {
        if (!S.System.Scanned)
          continue;
        llvm::Expected<RunReport> R = Store.loadRun(S.System.Run);
        if (!R) {
          warn(S.System.Spec->Id + ": " + llvm::toString(R.takeError()) +
               "; left out of the SARIF log");
          continue;
        }
        llvm::json::Object Run = toSarifRun(*R, {PORTOLAN_VERSION, RulesDoc, nullptr});
        Run["automationDetails"] = llvm::json::Object{{"id", S.System.Spec->Id + "/"}};
        if (llvm::json::Object *Props = Run.getObject("properties")) {
          (*Props)["system"] = S.System.Spec->Id;
          (*Props)["systemName"] = S.System.Spec->Name;
          if (S.TierOf)
            (*Props)["tier"] = S.TierOf->Id;
        }
        J.value(std::move(Run));
      }
    });
  });
  OS << "\n";
}

/// How one system of the inventory is scanned: as `portolan scan` would
/// with the system's own settings.
ScanRequest requestFor(const SystemSpec &Spec) {
  ScanRequest Request;
  Request.Root = Spec.Path;
  Request.BuildDir = Spec.CompileCommands;
  Request.MsBuildConfig = Spec.MsBuildConfig;
  Request.Jobs = Jobs;
  Request.Excludes = Spec.Excludes;
  Request.Defines = Spec.Defines;
  if (Spec.Platform == "linux")
    Request.ForcedPlatform = Platform::LinuxX86_64;
  else if (Spec.Platform == "windows")
    Request.ForcedPlatform = Platform::WindowsX86_64;
  Request.Reuse = !NoReuse;
  Request.Limits = unitLimits();
  return Request;
}

/// Scans one system of the inventory into Store.
llvm::Expected<SystemRun> scanSystem(const SystemSpec &Spec, const ScanContext &Shared) {
  ScanRequest Request = requestFor(Spec);
  ScanContext Context = Shared;
  Context.Warn = [&Spec](const std::string &Message) {
    warn("system " + Spec.Id + ": " + Message);
  };
  llvm::Expected<int64_t> Run = scanTree(Request, Context);
  endProgressLine();
  if (!Run)
    return Run.takeError();
  llvm::Expected<RunOrigin> Origin = Context.Store.origin(*Run);
  if (!Origin)
    return Origin.takeError();
  return SystemRun{*Run, size_t(std::max<int64_t>(Origin->SourceLines, 0))};
}

/// What a system's scan is, as the results file keys it: its folder (a
/// real path when it exists) and its settings. Systems with the same key
/// are one scan.
std::pair<std::string, std::string> scanKey(const SystemSpec &Spec) {
  llvm::SmallString<256> Root;
  if (llvm::sys::fs::real_path(Spec.Path, Root))
    Root = Spec.Path;
  return {std::string(Root), scanSettingsKey(requestFor(Spec))};
}

/// The system's run stored in Store (plan --from): the latest complete run
/// of its folder made with its settings.
llvm::Expected<SystemRun> storedSystem(const SystemSpec &Spec, ResultsStore &Store) {
  // The sources need not be there (a merge job mounts only the results):
  // the path is then taken as the scan recorded it.
  auto [Root, Settings] = scanKey(Spec);
  llvm::Expected<int64_t> Run = Store.latestRunWith(Root, Settings);
  if (!Run)
    return Run.takeError();
  if (!*Run)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "%s: no complete run of %s with this system's settings "
                                   "(scan it with plan or plan --shard, and merge)",
                                   Store.path().c_str(), Root.c_str());
  llvm::Expected<RunOrigin> Origin = Store.origin(*Run);
  if (!Origin)
    return Origin.takeError();
  return SystemRun{*Run, size_t(std::max<int64_t>(Origin->SourceLines, 0))};
}

/// plan --shard: scans the part of the inventory's scans that Part gives
/// into the results file; the plan is made from the merged files (merge,
/// then plan --from). A scan is a (folder, settings) pair, so that copies
/// of one tree fall in one part (a merge refuses a tree scanned whole in
/// two files); they are dealt out in the order the inventory first names
/// them.
int scanPart(const Inventory &Inv, Shard Part, const ScanContext &Scans) {
  std::map<std::pair<std::string, std::string>, size_t> Index;
  std::vector<size_t> ScanOf;
  for (const SystemSpec &Spec : Inv.Systems)
    ScanOf.push_back(Index.try_emplace(scanKey(Spec), Index.size()).first->second);
  std::vector<uint64_t> Weights(Index.size(), 1);
  std::vector<std::string> Names(Index.size());
  for (size_t I = 0; I < Index.size(); ++I)
    Names[I] = llvm::formatv("{0:d8}", I).str();
  std::vector<unsigned> Parts = assignShards(Weights, Names, Part.Count);
  std::map<size_t, SystemRun> Done;
  size_t Scanned = 0, Failed = 0;
  for (size_t I = 0; I < Inv.Systems.size(); ++I) {
    if (Parts[ScanOf[I]] != Part.Index)
      continue;
    const SystemSpec &Spec = Inv.Systems[I];
    if (auto It = Done.find(ScanOf[I]); It != Done.end()) {
      llvm::outs() << "system " << Spec.Id << ": run " << It->second.Run << " (the same scan)\n";
      continue;
    }
    llvm::Expected<SystemRun> Run = scanSystem(Spec, Scans);
    if (!Run) {
      warn("system " + Spec.Id + ": " + llvm::toString(Run.takeError()));
      ++Failed;
      continue;
    }
    ++Scanned;
    Done.emplace(ScanOf[I], *Run);
    llvm::outs() << "system " << Spec.Id << ": run " << Run->Run << " of "
                 << Scans.Store.path() << "\n";
  }
  llvm::outs() << "shard " << Part.Index << "/" << Part.Count << ": " << Scanned
               << " scans into " << Scans.Store.path()
               << (Failed ? ", " + std::to_string(Failed) + " failed" : std::string())
               << "; merge the shards' files, then plan --from the merged one\n";
  return Failed ? ExitInput : ExitOk;
}

std::string nowUtc() {
  std::time_t Now = std::time(nullptr);
  std::tm Utc{};
  gmtime_r(&Now, &Utc);
  char Buf[32];
  std::strftime(Buf, sizeof Buf, "%Y-%m-%dT%H:%M:%SZ", &Utc);
  return Buf;
}

} // namespace

int runPlan(const char *Argv0) {
  if (Jobs > MaxJobs)
    return fail("-j " + std::to_string(Jobs) + ": at most " + std::to_string(MaxJobs) +
                    " workers",
                ExitUsage);
  llvm::Expected<Inventory> Inv = loadInventory(InventoryPath);
  if (!Inv)
    return fail(llvm::toString(Inv.takeError()), ExitInput);
  for (const std::string &P : Inv->Problems)
    warn(P);

  PluginHost Host;
  if (!loadAnalyzers(Host, Argv0))
    return ExitNoAnalyzer;
  // The plan needs the knowledge base: its weights, tiers and equivalents.
  auto KB = openKnowledgeBase(Argv0, Host);
  if (!KB)
    return fail(llvm::toString(KB.takeError()), ExitInput);
  llvm::Expected<Policy> P = Policy::load(**KB, Inv->TiersFile, Inv->WeightsFile);
  if (!P)
    return fail(llvm::toString(P.takeError()), ExitInput);
  for (const std::string &Problem : P->Problems)
    warn(Problem);

  llvm::Expected<Shard> Part = shard();
  if (!Part)
    return fail(llvm::toString(Part.takeError()), ExitUsage);
  if (!Part->whole() && !FromDb.empty())
    return fail("--shard scans part of the systems, --from scans none: give one of them",
                ExitUsage);
  llvm::Expected<std::string> Db = resultsPath(FromDb.empty() ? DbPath : FromDb);
  if (!Db)
    return fail(llvm::toString(Db.takeError()), ExitInput);
  auto Store = FromDb.empty() ? ResultsStore::open(*Db) : ResultsStore::openReadOnly(*Db);
  if (!Store)
    return fail(llvm::toString(Store.takeError()), ExitInput);
  if (!(*Store)->recovered().empty())
    warn((*Store)->recovered());
  ScanContext Scans{Host, KB->get(), **Store, mainExecutable(Argv0), nullptr, progressLine()};
  if (!Part->whole())
    return scanPart(*Inv, *Part, Scans);
  // Systems of one folder with the same settings (copies of one tree in an
  // inventory) are scanned once: a second scan would reuse every unit of
  // the first and find the same.
  std::map<std::pair<std::string, std::string>, SystemRun> Scanned;
  auto RunOf = [&](const SystemSpec &Spec) -> llvm::Expected<SystemRun> {
    if (!FromDb.empty())
      return storedSystem(Spec, **Store);
    std::pair<std::string, std::string> Key = scanKey(Spec);
    if (auto It = Scanned.find(Key); It != Scanned.end())
      return It->second;
    llvm::Expected<SystemRun> Run = scanSystem(Spec, Scans);
    if (Run)
      Scanned.emplace(Key, *Run);
    return Run;
  };
  PortfolioPlan Plan = planInventory(*Inv, *P, **KB, **Store, RunOf,
                                     [](const std::string &Message) { warn(Message); });

  PlanContext Ctx{InventoryPath, (*KB)->version(), nowUtc()};
  PlanDocument Doc(Plan, *Inv, *P, Ctx);
  if (!OutDir.empty()) {
    if (std::error_code EC = llvm::sys::fs::create_directories(OutDir))
      return fail(OutDir + ": cannot create: " + EC.message(), ExitInput);
    auto In = [&](const char *Name) {
      llvm::SmallString<256> Path(OutDir);
      llvm::sys::path::append(Path, Name);
      return std::string(Path);
    };
    const std::pair<const char *, std::function<void(llvm::raw_ostream &)>> Files[] = {
        {"plan.json", [&](llvm::raw_ostream &OS) { Doc.write(OS, 2); OS << "\n"; }},
        {"plan.md", [&](llvm::raw_ostream &OS) { writePlanMarkdown(Doc, OS); }},
        {"plan.csv", [&](llvm::raw_ostream &OS) { writePlanCsv(Doc, OS); }},
        {"plan.html", [&](llvm::raw_ostream &OS) { writePlanHtml(Doc, OS); }}};
    for (const auto &[Name, Write] : Files)
      if (int Code = writeOutput(In(Name), Write))
        return Code;
  }
  return emit([&](llvm::raw_ostream &OS) {
    switch (FormatOpt) {
    case PlanFormat::Text:
      writePlanText(Doc, OS);
      if (!OutDir.empty())
        OS << "\nWritten: " << OutDir << "/plan.{json,md,csv,html}\n";
      break;
    case PlanFormat::Json:
      Doc.write(OS, 2);
      OS << "\n";
      break;
    case PlanFormat::Markdown:
      writePlanMarkdown(Doc, OS);
      break;
    case PlanFormat::Csv:
      writePlanCsv(Doc, OS);
      break;
    case PlanFormat::Html:
      writePlanHtml(Doc, OS);
      break;
    case PlanFormat::Sarif:
      writePlanSarif(Plan, **Store, rulesDocUri(Argv0), OS);
      break;
    }
  });
}

} // namespace portolan::cli
