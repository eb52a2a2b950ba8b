//===- ScanCommand.cpp - portolan scan ------------------------------------===//
#include "Cli.h"
#include "Plugins.h"

#include "portolan/report/Fixes.h"
#include "portolan/report/ProjectConfig.h"
#include "portolan/report/Report.h"
#include "portolan/report/Sarif.h"
#include "portolan/scan/Scan.h"

#include <llvm/Support/FileSystem.h>
#include <llvm/Support/FormatVariadic.h>
#include <llvm/Support/Path.h>

namespace portolan::cli {
namespace cl = llvm::cl;
namespace {

enum class ScanFormat { Text, Json, Sarif };
cl::opt<ScanFormat, false, NamedValueParser<ScanFormat>> FormatOpt(
    "format", cl::desc("Report format"),
    cl::values(clEnumValN(ScanFormat::Text, "text", "readable summary"),
               clEnumValN(ScanFormat::Json, "json", "structured JSON, every finding (schema portolan-scan/1)"),
               clEnumValN(ScanFormat::Sarif, "sarif", "SARIF 2.1.0 (docs/sarif.md)")),
    cl::init(ScanFormat::Text), cl::sub(scanCommand()), cl::sub(reportCommand()), cl::cat(category()));
cl::opt<std::string> BaselinePath(
    "baseline",
    cl::desc("Compare with an earlier scan: a results file (its latest complete run), or a "
             "JSON or SARIF report of it; each finding is then new or unchanged, and the "
             "report lists the fixed ones"),
    cl::value_desc("file"), cl::sub(scanCommand()), cl::sub(reportCommand()), cl::cat(category()));
cl::opt<std::string> ConfigPath(
    "config",
    cl::desc("The project's configuration (default: portolan.toml at the root, when there): "
             "excludes, defines, platform, targets, rule severities, suppressions "
             "(docs/configuration.md)"),
    cl::value_desc("file"), cl::sub(scanCommand()), cl::sub(reportCommand()), cl::cat(category()));
cl::opt<std::string> ExportFixes(
    "export-fixes",
    cl::desc("Write the mechanical rewrites of unguarded findings (__popcnt -> "
             "__builtin_popcount, ...) to this file, as clang-apply-replacements reads them "
             "(docs/fixes.md)"),
    cl::value_desc("file.yaml"), cl::sub(scanCommand()), cl::sub(reportCommand()), cl::cat(category()));
enum class FailOn { None, New, Blocking };
cl::opt<FailOn, false, NamedValueParser<FailOn>> FailOnOpt(
    "fail-on", cl::desc("Exit with 5 when the findings fail this gate (for CI)"),
    cl::values(clEnumValN(FailOn::None, "none", "never (the default)"),
               clEnumValN(FailOn::New, "new", "any finding the --baseline does not hold"),
               clEnumValN(FailOn::Blocking, "blocking",
                          "any blocking finding (with --baseline: any new one)")),
    cl::init(FailOn::None), cl::sub(scanCommand()), cl::sub(reportCommand()), cl::cat(category()));
cl::opt<std::string> ScanRoot(cl::Positional, cl::desc("<source folder>"), cl::Required,
                              cl::sub(scanCommand()), cl::sub(reportCommand()),
                              cl::cat(category()));
cl::opt<std::string> BuildPath("p",
                               cl::desc("Folder holding compile_commands.json (as clang-tidy's "
                                        "-p), or a Visual Studio .sln or .vcxproj (or a folder "
                                        "holding one); otherwise commands are inferred"),
                               cl::value_desc("build dir|sln|vcxproj"), cl::sub(scanCommand()),
                               cl::cat(category()));
cl::opt<std::string> MsBuildConfig(
    "msbuild-config",
    cl::desc("Visual Studio configuration for -p with a .sln or .vcxproj (default: the first "
             "Release configuration for x64)"),
    cl::value_desc("Release|x64"), cl::sub(scanCommand()), cl::cat(category()));
cl::opt<unsigned> Jobs("j", cl::desc("Parallel workers (default: one per core)"), cl::init(0),
                       cl::Prefix, cl::sub(scanCommand()), cl::cat(category()));
cl::opt<std::string> DbPath("db",
                            cl::desc("Results file (default .portolan/results.db under the "
                                     "working directory)"),
                            cl::value_desc("path"), cl::sub(scanCommand()),
                            cl::sub(reportCommand()), cl::cat(category()));
cl::list<std::string> Excludes("exclude",
                               cl::desc("Skip paths matching this glob, relative to the root "
                                        "(repeatable)"),
                               cl::value_desc("glob"), cl::sub(scanCommand()),
                               cl::cat(category()));
cl::list<std::string> Defines("D", cl::desc("Define a macro in inferred commands"),
                              cl::value_desc("name[=value]"), cl::Prefix, cl::sub(scanCommand()),
                              cl::cat(category()));
enum class PlatformChoice { Auto, Linux, Windows };
cl::opt<PlatformChoice, false, NamedValueParser<PlatformChoice>> PlatformOpt(
    "platform", cl::desc("Source platform of inferred units"),
    cl::values(clEnumValN(PlatformChoice::Auto, "auto",
                          "windows-x86_64 for units that include Windows SDK headers"),
               clEnumValN(PlatformChoice::Linux, "linux", "linux-x86_64 for every unit"),
               clEnumValN(PlatformChoice::Windows, "windows",
                          "windows-x86_64 (mingw-w64 headers) for every unit")),
    cl::init(PlatformChoice::Auto), cl::sub(scanCommand()), cl::cat(category()));

cl::opt<std::string> VerifyTarget(
    "verify-target",
    cl::desc("Parse each unit with x86 findings again for this target (aarch64 or "
             "loongarch64) and attach its errors to the findings"),
    cl::value_desc("arch"), cl::sub(scanCommand()), cl::cat(category()));
cl::opt<std::string> TargetSysroot(
    "target-sysroot",
    cl::desc("Headers of the --verify-target system (default for aarch64: Debian's "
             "arm64 cross headers under /usr/aarch64-linux-gnu)"),
    cl::value_desc("dir"), cl::sub(scanCommand()), cl::cat(category()));

cl::opt<bool> NoPrefilter("no-prefilter",
                          cl::desc("Parse every unit, also those whose files hold no token "
                                   "any analyzer looks for"),
                          cl::sub(scanCommand()), cl::cat(category()));
cl::opt<bool> WindowsBranches(
    "windows-branches",
    cl::desc("Parse each inferred Linux unit whose own file holds code under a Windows test "
             "(#ifdef _WIN32) again as Windows (mingw-w64), and report what that parse finds "
             "there (types and APIs the knowledge base does not name); about 1 s more per "
             "such unit"),
    cl::sub(scanCommand()), cl::cat(category()));
cl::opt<bool> NoReuse("no-reuse",
                      cl::desc("Parse every unit, even those unchanged since an earlier run "
                               "in the same results file"),
                      cl::sub(scanCommand()), cl::cat(category()));
cl::opt<bool> SharedPrefixOpt(
    "shared-prefix",
    cl::desc("Parse the system headers (windows.h) that units with the same command read "
             "first once, as a precompiled header the units share (faster on Windows C code; "
             "see the README for what it may change)"),
    cl::sub(scanCommand()), cl::cat(category()));

/// The --verify-target settings, or an error naming what is missing.
llvm::Expected<std::optional<TargetCheckOptions>> targetCheckOptions() {
  if (VerifyTarget.empty())
    return std::nullopt;
  TargetCheckOptions T;
  T.Name = VerifyTarget;
  T.Sysroot = TargetSysroot;
  if (T.Name == "aarch64") {
    T.Triple = "aarch64-linux-gnu";
    if (T.Sysroot.empty() && !llvm::sys::fs::exists("/usr/aarch64-linux-gnu/include/stdio.h"))
      return llvm::createStringError(
          std::errc::no_such_file_or_directory,
          "--verify-target=aarch64: no arm64 C headers in /usr/aarch64-linux-gnu; install "
          "libc6-dev-arm64-cross and libstdc++-12-dev-arm64-cross, or give --target-sysroot");
  } else if (T.Name == "loongarch64") {
    T.Triple = "loongarch64-linux-gnu";
    // Debian 12 packages no LoongArch headers; a sysroot from a LoongArch
    // system (Loongnix, openEuler, Kylin) or its cross toolchain is needed.
    if (T.Sysroot.empty())
      return llvm::createStringError(
          std::errc::invalid_argument,
          "--verify-target=loongarch64 needs --target-sysroot: Debian 12 has no LoongArch "
          "headers (see docs/rules.md, target.parse-error)");
  } else {
    return llvm::createStringError(std::errc::invalid_argument,
                                   "--verify-target=%s: expected aarch64 or loongarch64",
                                   T.Name.c_str());
  }
  if (!T.Sysroot.empty() && !llvm::sys::fs::is_directory(T.Sysroot))
    return llvm::createStringError(std::errc::not_a_directory, "--target-sysroot %s: not a folder",
                                   T.Sysroot.c_str());
  return T;
}

/// The exit code --fail-on gives the findings, with one line on stderr
/// when they fail it.
int gate(const RunReport &R, const BaselineComparison *Baseline) {
  if (FailOnOpt == FailOn::None)
    return ExitOk;
  size_t Failing = 0;
  const Finding *First = nullptr;
  for (size_t I = 0; I < R.Findings.size(); ++I) {
    bool IsNew = !Baseline || Baseline->New[I];
    // Against a baseline, a finding that was not blocking there (its
    // fallback branch was removed since) counts as new for this gate.
    bool NewlyBlocking = !Baseline || Baseline->GuardClassBefore[I] != "blocking";
    // A rule the project made a note or a warning does not block.
    std::optional<std::string> Severity = configuredSeverity(R, R.Findings[I].F.Rule);
    bool Blocking = guardClass(R.Findings[I].F) == "blocking" && (!Severity || *Severity == "error");
    bool Fails = FailOnOpt == FailOn::New ? IsNew : NewlyBlocking && Blocking;
    if (!Fails)
      continue;
    if (!Failing++)
      First = &R.Findings[I].F;
  }
  if (!Failing)
    return ExitOk;
  std::string What = FailOnOpt == FailOn::New ? "new" : Baseline ? "new blocking" : "blocking";
  fail("--fail-on " + std::string(FailOnOpt == FailOn::New ? "new" : "blocking") + ": " +
           std::to_string(Failing) + " " + What + (Failing == 1 ? " finding" : " findings") +
           " (first: " + First->File + ":" + std::to_string(First->Line) + " " + First->Rule +
           " " + First->Symbol + ")",
       ExitGate);
  return ExitGate;
}

/// The latest complete run of ScanRoot stored in the results file, read
/// only (portolan report).
llvm::Expected<RunReport> storedRun() {
  llvm::Expected<std::string> Db = resultsPath(DbPath);
  if (!Db)
    return Db.takeError();
  auto Store = ResultsStore::openReadOnly(*Db);
  if (!Store)
    return Store.takeError();
  llvm::SmallString<256> Root;
  if (std::error_code EC = llvm::sys::fs::real_path(ScanRoot, Root))
    return llvm::createStringError(EC, "%s: %s", ScanRoot.c_str(), EC.message().c_str());
  llvm::Expected<int64_t> Run = (*Store)->latestCompleteRun(Root);
  if (!Run)
    return Run.takeError();
  llvm::Expected<RunReport> Report =
      *Run ? (*Store)->loadRun(*Run)
           : llvm::Expected<RunReport>(llvm::createStringError(std::errc::invalid_argument, ""));
  if (!*Run || (Report && Report->Root != Root)) {
    if (!Report)
      llvm::consumeError(Report.takeError());
    return llvm::createStringError(std::errc::invalid_argument,
                                   "%s: no complete whole run of %s (scan it, or merge its "
                                   "shards, into this file first)",
                                   Db->c_str(), Root.c_str());
  }
  return Report;
}

int writeReport(RunReport &R, const ProjectConfig &Config, const std::optional<Baseline> &Before,
                const KnowledgeBase *KB, const char *Argv0);

} // namespace

int runScan(const char *Argv0) {
  const bool Stored = bool(reportCommand());
  if (Jobs > MaxJobs)
    return fail("-j " + std::to_string(Jobs) + ": at most " + std::to_string(MaxJobs) +
                    " workers",
                ExitUsage);
  PluginHost Host;
  if (Stored)
    loadPlugins(Host, Argv0);
  else if (!loadAnalyzers(Host, Argv0))
    return ExitNoAnalyzer;
  auto KB = openKnowledgeBase(Argv0, Host);
  if (!KB)
    warn(llvm::toString(KB.takeError()) + "; findings are reported without equivalents");

  if (FailOnOpt == FailOn::New && BaselinePath.empty())
    return fail("--fail-on new needs --baseline: every finding is new without one", ExitUsage);
  // Read before the scan: the baseline may be this scan's own results file.
  std::optional<Baseline> Before;
  if (!BaselinePath.empty()) {
    llvm::SmallString<256> Root;
    if (llvm::sys::fs::real_path(ScanRoot, Root))
      Root = ScanRoot;
    llvm::Expected<Baseline> B = loadBaseline(BaselinePath, Root);
    if (!B)
      return fail(llvm::toString(B.takeError()), ExitInput);
    Before = std::move(*B);
  }

  // The project's configuration: --config, else portolan.toml at the root.
  ProjectConfig Config;
  std::string ConfigFile = ConfigPath;
  if (ConfigFile.empty()) {
    llvm::SmallString<256> AtRoot(ScanRoot);
    llvm::sys::path::append(AtRoot, ProjectConfigName);
    if (llvm::sys::fs::is_regular_file(AtRoot))
      ConfigFile = std::string(AtRoot);
  }
  if (!ConfigFile.empty()) {
    llvm::Expected<ProjectConfig> C = loadProjectConfig(ConfigFile);
    if (!C)
      return fail(llvm::toString(C.takeError()), ExitInput);
    Config = std::move(*C);
  }

  ScanRequest Request;
  auto Target = targetCheckOptions();
  if (!Target)
    return fail(llvm::toString(Target.takeError()), ExitUsage);
  Request.Target = *Target;
  Request.Root = ScanRoot;
  Request.BuildDir = BuildPath;
  Request.MsBuildConfig = MsBuildConfig;
  Request.Jobs = Jobs;
  // The command line adds to the configuration, and its platform wins.
  Request.Excludes = Config.Excludes;
  llvm::append_range(Request.Excludes, Excludes);
  Request.Defines = Config.Defines;
  llvm::append_range(Request.Defines, Defines);
  std::string PlatformName = PlatformOpt.getNumOccurrences() ? ""
                             : Config.Platform           ? *Config.Platform
                                                         : "";
  if (PlatformOpt == PlatformChoice::Linux || PlatformName == "linux")
    Request.ForcedPlatform = Platform::LinuxX86_64;
  else if (PlatformOpt == PlatformChoice::Windows || PlatformName == "windows")
    Request.ForcedPlatform = Platform::WindowsX86_64;
  Request.Prefilter = !NoPrefilter;
  Request.Reuse = !NoReuse;
  Request.Limits = unitLimits();
  Request.WindowsBranches = WindowsBranches;
  Request.SharedPrefix = SharedPrefixOpt;
  llvm::Expected<Shard> Part = shard();
  if (!Part)
    return fail(llvm::toString(Part.takeError()), ExitUsage);
  Request.Part = *Part;

  if (Stored) {
    llvm::Expected<RunReport> R = storedRun();
    if (!R)
      return fail(llvm::toString(R.takeError()), ExitInput);
    return writeReport(*R, Config, Before, KB ? KB->get() : nullptr, Argv0);
  }
  // A root that cannot be scanned leaves no results file behind.
  if (!llvm::sys::fs::is_directory(ScanRoot))
    if (llvm::Expected<SourceTree> Tree = discoverSources(ScanRoot, {}); !Tree)
      return fail(llvm::toString(Tree.takeError()), ExitInput);
  llvm::Expected<std::string> Db = resultsPath(DbPath);
  if (!Db)
    return fail(llvm::toString(Db.takeError()), ExitInput);
  auto Store = ResultsStore::open(*Db);
  if (!Store)
    return fail(llvm::toString(Store.takeError()), ExitInput);
  if (!(*Store)->recovered().empty())
    warn((*Store)->recovered());
  ScanContext Context{Host, KB ? KB->get() : nullptr, **Store, mainExecutable(Argv0),
                      [](const std::string &Message) { warn(Message); }, progressLine()};
  llvm::Expected<int64_t> Run = scanTree(Request, Context);
  endProgressLine();
  if (!Run)
    return fail(llvm::toString(Run.takeError()), ExitInput);
  llvm::Expected<RunReport> Loaded = (*Store)->loadRun(*Run);
  if (!Loaded)
    return fail(llvm::toString(Loaded.takeError()), ExitInput);
  return writeReport(*Loaded, Config, Before, KB ? KB->get() : nullptr, Argv0);
}

namespace {

/// Writes the report of R in --format, the fixes, and the gate's exit code.
int writeReport(RunReport &R, const ProjectConfig &Config, const std::optional<Baseline> &Before,
                const KnowledgeBase *KB, const char *Argv0) {
  RunReport *Report = &R;
  applyProjectConfig(*Report, Config, [](const std::string &Message) { warn(Message); });
  std::optional<BaselineComparison> Compared;
  if (Before)
    Compared = compareWithBaseline(*Report, *Before);
  const BaselineComparison *Against = Compared ? &*Compared : nullptr;
  int Written = emit([&](llvm::raw_ostream &OS) {
    switch (FormatOpt) {
    case ScanFormat::Json:
      OS << llvm::formatv("{0:2}", toJson(*Report, Against)) << "\n";
      break;
    case ScanFormat::Sarif: {
      SarifOptions Options{PORTOLAN_VERSION, rulesDocUri(Argv0), Against};
      OS << llvm::formatv("{0:2}", sarifLog(llvm::json::Array{toSarifRun(*Report, Options)})) << "\n";
      break;
    }
    case ScanFormat::Text:
      writeTextReport(*Report, OS, 100, Against);
      break;
    }
  });
  if (Written != ExitOk)
    return Written;
  if (!ExportFixes.empty()) {
    if (!KB)
      return fail("--export-fixes: no knowledge base, so no fixes are known", ExitInput);
    FixExport Fixed;
    if (int Code = writeOutput(ExportFixes, [&](llvm::raw_ostream &OS) {
          Fixed = writeFixes(*Report, mechanicalFixes(*KB), OS);
        }))
      return Code;
    llvm::errs() << "portolan: " << Fixed.Written << " fixes in " << Fixed.Files
                 << " files written to " << ExportFixes << " (apply with clang-apply-replacements);"
                 << " left alone: " << Fixed.Guarded << " guarded or in skipped code, "
                 << Fixed.NotSpelled << " not spelled where found (macros), " << Fixed.NotStatic
                 << " not static in C\n";
  }
  return gate(*Report, Against);
}

} // namespace

} // namespace portolan::cli
