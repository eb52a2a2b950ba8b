//===- PlanCommand.cpp - portolan plan ------------------------------------===//
//
// Scans each system of an inventory (units unchanged since an earlier scan
// in the same results file are reused, not parsed), costs it on every
// target, and writes the plan.
//
//===----------------------------------------------------------------------===//
#include "Cli.h"
#include "Plugins.h"
#include "ScanPipeline.h"

#include "portolan/Effort.h"
#include "portolan/PlanReport.h"
#include "portolan/Planner.h"

#include <llvm/Support/FileSystem.h>
#include <llvm/Support/FormatVariadic.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/Process.h>

#include <ctime>

namespace portolan::cli {
namespace cl = llvm::cl;
namespace {

enum class PlanFormat { Text, Json, Markdown, Csv, Html };

cl::opt<std::string> InventoryPath(cl::Positional, cl::desc("<inventory.toml>"), cl::Required,
                                   cl::sub(planCommand()), cl::cat(category()));
cl::opt<PlanFormat> FormatOpt(
    "format", cl::desc("Plan format"),
    cl::values(clEnumValN(PlanFormat::Text, "text", "terminal summary"),
               clEnumValN(PlanFormat::Json, "json", "structured JSON (docs/plan-report.md)"),
               clEnumValN(PlanFormat::Markdown, "markdown", "a report for people"),
               clEnumValN(PlanFormat::Csv, "csv", "one row per system and target CPU"),
               clEnumValN(PlanFormat::Html, "html", "a self-contained page with charts")),
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

/// Source and header lines of a tree, for the per-KLOC weight.
size_t countLines(const SourceTree &Tree) {
  size_t Lines = 0;
  for (const auto *List : {&Tree.Sources, &Tree.Headers})
    for (const std::string &Rel : *List) {
      llvm::SmallString<256> Path(Tree.Root);
      llvm::sys::path::append(Path, Rel);
      auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
      if (Buf)
        Lines += std::count((*Buf)->getBufferStart(), (*Buf)->getBufferEnd(), '\n');
    }
  return Lines;
}

/// Fills in what the planner needs of a run beyond what the store keeps:
/// the area of each Windows API (GUI, COM, ...).
void addAreas(RunReport &Run, const KnowledgeBase &KB) {
  for (const StoredFinding &SF : Run.Findings) {
    if (SF.F.Rule != "win32.api")
      continue;
    auto It = Run.Enrichments.find(SF.F.Symbol);
    if (It == Run.Enrichments.end() || !It->second.Area.empty())
      continue;
    if (std::optional<KbSymbol> Entry = kbEntryFor(KB, SF.F))
      It->second.Area = Entry->Fields["area"];
  }
}

ScannedSystem scanSystem(const SystemSpec &Spec, const PluginHost &Host, const KnowledgeBase &KB,
                         ResultsStore &Store, const Policy &P, const char *Argv0) {
  ScannedSystem S;
  S.Spec = &Spec;
  ScanRequest Request;
  Request.Root = Spec.Path;
  Request.BuildDir = Spec.CompileCommands;
  Request.Jobs = Jobs;
  Request.Excludes = Spec.Excludes;
  Request.Defines = Spec.Defines;
  if (Spec.Platform == "linux")
    Request.ForcedPlatform = Platform::LinuxX86_64;
  else if (Spec.Platform == "windows")
    Request.ForcedPlatform = Platform::WindowsX86_64;
  Request.Reuse = !NoReuse;
  Request.Progress = llvm::sys::Process::StandardErrIsDisplayed();
  Request.WarningPrefix = "system " + Spec.Id + ": ";
  SourceTree Tree;
  llvm::Expected<int64_t> Run = scanIntoStore(Request, Host, &KB, Store, Argv0, &Tree);
  if (!Run) {
    S.Error = llvm::toString(Run.takeError());
    warn("system " + Spec.Id + ": " + S.Error);
    return S;
  }
  llvm::Expected<RunReport> Report = Store.loadRun(*Run);
  if (!Report) {
    S.Error = llvm::toString(Report.takeError());
    warn("system " + Spec.Id + ": " + S.Error);
    return S;
  }
  addAreas(*Report, KB);
  S.Scanned = true;
  S.Run = *Run;
  S.Facts.Lines = countLines(Tree);
  size_t Windows = 0;
  for (const StoredUnit &U : Report->Units) {
    // Files that are not units, and units written for another
    // architecture (their errors say nothing about the port).
    if (U.Platform == "file" || !U.ForeignArch.empty())
      continue;
    ++S.Units;
    S.UnitsWithErrors += !U.Parsed || !U.Errors.empty();
    Windows += U.Platform == "windows-x86_64";
  }
  S.Facts.WindowsCode = Windows * 2 > S.Units;
  for (const StoredFinding &F : Report->Findings) {
    ++S.Findings;
    auto It = Report->Enrichments.find(F.F.Symbol);
    ++S.FindingsByCategory[costCategory(F.F, It == Report->Enrichments.end() ? nullptr
                                                                             : &It->second)];
    S.X86Binaries += F.F.Rule == "x86.binary" && !F.F.Advisory &&
                     !llvm::StringRef(F.F.Note).starts_with("non-x86 build:");
  }
  costSystem(S, *Report, P, assignTier(Spec, P).first);
  return S;
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

  auto Store = ResultsStore::open(resultsPath(DbPath));
  if (!Store)
    return fail(llvm::toString(Store.takeError()), ExitInput);
  std::vector<ScannedSystem> Systems;
  for (const SystemSpec &Spec : Inv->Systems)
    Systems.push_back(scanSystem(Spec, Host, **KB, **Store, *P, Argv0));
  PortfolioPlan Plan = planPortfolio(*Inv, std::move(Systems), *P);
  Plan.Problems.insert(Plan.Problems.begin(), P->Problems.begin(), P->Problems.end());
  for (const SystemPlan &SP : Plan.Systems)
    if (!SP.System.Scanned)
      Plan.Problems.push_back("system " + SP.System.Spec->Id + " not planned: " + SP.System.Error);

  PlanContext Ctx{InventoryPath, (*KB)->version(), nowUtc()};
  llvm::json::Value Json = planToJson(Plan, *Inv, *P, Ctx);
  if (!OutDir.empty()) {
    if (std::error_code EC = llvm::sys::fs::create_directories(OutDir))
      return fail(OutDir + ": cannot create: " + EC.message(), ExitInput);
    auto In = [&](const char *Name) {
      llvm::SmallString<256> Path(OutDir);
      llvm::sys::path::append(Path, Name);
      return std::string(Path);
    };
    const std::pair<const char *, std::function<void(llvm::raw_ostream &)>> Files[] = {
        {"plan.json", [&](llvm::raw_ostream &OS) { OS << llvm::formatv("{0:2}", Json) << "\n"; }},
        {"plan.md", [&](llvm::raw_ostream &OS) { writePlanMarkdown(Json, OS); }},
        {"plan.csv", [&](llvm::raw_ostream &OS) { writePlanCsv(Json, OS); }},
        {"plan.html", [&](llvm::raw_ostream &OS) { writePlanHtml(Json, OS); }}};
    for (const auto &[Name, Write] : Files)
      if (int Code = writeOutput(In(Name), Write))
        return Code;
  }
  return emit([&](llvm::raw_ostream &OS) {
    switch (FormatOpt) {
    case PlanFormat::Text:
      writePlanText(Json, OS);
      if (!OutDir.empty())
        OS << "\nWritten: " << OutDir << "/plan.{json,md,csv,html}\n";
      break;
    case PlanFormat::Json:
      OS << llvm::formatv("{0:2}", Json) << "\n";
      break;
    case PlanFormat::Markdown:
      writePlanMarkdown(Json, OS);
      break;
    case PlanFormat::Csv:
      writePlanCsv(Json, OS);
      break;
    case PlanFormat::Html:
      writePlanHtml(Json, OS);
      break;
    }
  });
}

} // namespace portolan::cli
