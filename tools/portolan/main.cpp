//===- main.cpp - the portolan command line -------------------------------===//
//
// Thin: parses the command line, wires the core's pieces together, and turns
// errors into the documented exit codes. Everything else lives in core/.
//
//===----------------------------------------------------------------------===//
#include "portolan/CompilePlan.h"
#include "portolan/Discovery.h"
#include "portolan/PluginHost.h"
#include "portolan/Report.h"
#include "portolan/ResultsStore.h"
#include "portolan/ScanDriver.h"

#include <llvm/Support/CommandLine.h>
#include <llvm/Support/CrashRecoveryContext.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/InitLLVM.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/FormatVariadic.h>
#include <llvm/Support/Process.h>
#include <llvm/Support/WithColor.h>
#include <llvm/Support/raw_ostream.h>

#include <optional>

using namespace portolan;
namespace cl = llvm::cl;

namespace {

/// Exit codes, as documented in --help and the README.
enum ExitCode {
  ExitOk = 0,         ///< The command did its work (findings do not change this).
  ExitUsage = 1,      ///< The command line was wrong.
  ExitInput = 2,      ///< An input or output could not be used.
  ExitNoAnalyzer = 3, ///< No analyzer plugin could be loaded.
};

const char *const Overview = R"(Portolan: what ties C/C++ code to x86 and Windows.

  portolan scan DIR [options]   scan a source tree and report its findings
  portolan plugins [options]    list the analyzer plugins and why any was refused

Each command takes --help. Exit codes: 0 the command did its work (findings
do not change it); 1 wrong command line; 2 an input or output could not be
used (missing folder, unusable results file, unwritable output); 3 no
analyzer plugin could be loaded.
)";

cl::OptionCategory Category("Portolan options");
cl::SubCommand ScanCmd("scan", "Scan a source tree for x86 and Windows ties");
cl::SubCommand PluginsCmd("plugins", "List analyzer plugins, loaded and refused");

cl::opt<std::string> ScanRoot(cl::Positional, cl::desc("<source folder>"), cl::Required,
                              cl::sub(ScanCmd), cl::cat(Category));
cl::opt<std::string> BuildPath("p", cl::desc("Folder holding compile_commands.json "
                                             "(as clang-tidy's -p); otherwise inferred"),
                               cl::value_desc("build dir"), cl::sub(ScanCmd),
                               cl::cat(Category));
cl::opt<unsigned> Jobs("j", cl::desc("Parallel workers (default: one per core)"),
                       cl::init(0), cl::Prefix, cl::sub(ScanCmd), cl::cat(Category));
cl::opt<std::string> DbPath("db", cl::desc("Results file (default .portolan/results.db "
                                           "under the working directory)"),
                            cl::value_desc("path"), cl::sub(ScanCmd), cl::cat(Category));
cl::list<std::string> Excludes("exclude", cl::desc("Skip paths matching this glob, "
                                                   "relative to the root (repeatable)"),
                               cl::value_desc("glob"), cl::sub(ScanCmd), cl::cat(Category));
cl::list<std::string> Defines("D", cl::desc("Define a macro in inferred commands"),
                              cl::value_desc("name[=value]"), cl::Prefix,
                              cl::sub(ScanCmd), cl::cat(Category));
enum class PlatformChoice { Auto, Linux, Windows };
cl::opt<PlatformChoice> PlatformOpt(
    "platform", cl::desc("Source platform of inferred units"),
    cl::values(clEnumValN(PlatformChoice::Auto, "auto",
                          "windows-x86_64 for units that include Windows SDK headers"),
               clEnumValN(PlatformChoice::Linux, "linux", "linux-x86_64 for every unit"),
               clEnumValN(PlatformChoice::Windows, "windows",
                          "windows-x86_64 (mingw-w64 headers) for every unit")),
    cl::init(PlatformChoice::Auto), cl::sub(ScanCmd), cl::cat(Category));

enum class Format { Text, Json };
cl::opt<Format> FormatOpt("format", cl::desc("Report format"),
                          cl::values(clEnumValN(Format::Text, "text", "readable summary"),
                                     clEnumValN(Format::Json, "json", "structured JSON")),
                          cl::init(Format::Text), cl::sub(ScanCmd), cl::sub(PluginsCmd),
                          cl::cat(Category));
cl::opt<std::string> OutputPath("o", cl::desc("Write the report here (default stdout)"),
                                cl::value_desc("file"), cl::sub(ScanCmd),
                                cl::sub(PluginsCmd), cl::cat(Category));
cl::alias OutputLong("output", cl::desc("Alias for -o"), cl::aliasopt(OutputPath),
                     cl::cat(Category));
cl::list<std::string> PluginDirs("plugin-dir",
                                 cl::desc("Also load plugins from this folder (repeatable; "
                                          "PORTOLAN_PLUGIN_PATH adds more)"),
                                 cl::value_desc("dir"), cl::sub(ScanCmd),
                                 cl::sub(PluginsCmd), cl::cat(Category));

void warn(const llvm::Twine &Message) {
  llvm::WithColor::warning(llvm::errs(), "portolan") << Message << "\n";
}

int fail(const llvm::Twine &Message, int Code) {
  llvm::WithColor::error(llvm::errs(), "portolan") << Message << "\n";
  return Code;
}

void loadPlugins(PluginHost &Host, const char *Argv0) {
  static int Anchor;
  Host.loadDirectory(PluginHost::defaultPluginDir(Argv0, &Anchor));
  for (const std::string &Dir : PluginDirs)
    Host.loadDirectory(Dir);
  for (const std::string &Dir : PluginHost::pluginPathFromEnvironment())
    Host.loadDirectory(Dir);
}

std::vector<PluginRecord> pluginRecords(const PluginHost &Host) {
  std::vector<PluginRecord> Records;
  for (const LoadedPlugin &P : Host.loaded())
    Records.push_back({P.Descriptor->Name, P.Descriptor->Version, P.Path, true, ""});
  for (const RefusedPlugin &P : Host.refused())
    Records.push_back({"", "", P.Path, false, P.Reason});
  return Records;
}

/// Writes through Write to -o or stdout.
int emit(const std::function<void(llvm::raw_ostream &)> &Write) {
  if (OutputPath.empty() || OutputPath == "-") {
    Write(llvm::outs());
    return ExitOk;
  }
  std::error_code EC;
  llvm::raw_fd_ostream OS(OutputPath, EC, llvm::sys::fs::OF_Text);
  if (EC)
    return fail(OutputPath + ": cannot write: " + EC.message(), ExitInput);
  Write(OS);
  return ExitOk;
}

int runPlugins(const char *Argv0) {
  PluginHost Host;
  loadPlugins(Host, Argv0);
  std::vector<PluginRecord> Records = pluginRecords(Host);
  return emit([&](llvm::raw_ostream &OS) {
    if (FormatOpt == Format::Json) {
      llvm::json::Array A;
      for (size_t I = 0; I < Records.size(); ++I) {
        const PluginRecord &P = Records[I];
        llvm::json::Object O{{"path", P.Path}, {"loaded", P.Loaded}};
        if (P.Loaded) {
          O["name"] = P.Name;
          O["version"] = P.Version;
          O["rules"] = llvm::json::Array(Host.loaded()[I].RuleIds);
        } else {
          O["reason"] = P.Reason;
        }
        A.push_back(std::move(O));
      }
      OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(A))) << "\n";
      return;
    }
    for (const LoadedPlugin &P : Host.loaded()) {
      OS << "loaded   " << P.Descriptor->Name << " " << P.Descriptor->Version << "  "
         << P.Path << "\n         rules:";
      for (const std::string &R : P.RuleIds)
        OS << " " << R;
      OS << "\n";
    }
    for (const RefusedPlugin &P : Host.refused())
      OS << "refused  " << P.Path << ": " << P.Reason << "\n";
  });
}

int runScanCommand(const char *Argv0) {
  PluginHost Host;
  loadPlugins(Host, Argv0);
  for (const RefusedPlugin &P : Host.refused())
    warn("plugin " + P.Path + " refused: " + P.Reason);
  if (Host.loaded().empty())
    return fail("no analyzer plugin could be loaded; see 'portolan plugins'", ExitNoAnalyzer);

  DiscoveryOptions DOpts;
  DOpts.Excludes = Excludes;
  llvm::Expected<SourceTree> Tree = discoverSources(ScanRoot, DOpts);
  if (!Tree)
    return fail(llvm::toString(Tree.takeError()), ExitInput);

  PlanOptions POpts;
  POpts.BuildDir = BuildPath;
  if (PlatformOpt == PlatformChoice::Linux)
    POpts.ForcedPlatform = Platform::LinuxX86_64;
  else if (PlatformOpt == PlatformChoice::Windows)
    POpts.ForcedPlatform = Platform::WindowsX86_64;
  for (const std::string &D : Defines)
    POpts.ExtraArgs.push_back("-D" + D);
  CompilePlan Plan = planCompilation(*Tree, POpts);
  std::vector<std::string> Problems = Tree->Problems;
  Problems.insert(Problems.end(), Plan.Problems.begin(), Plan.Problems.end());
  for (const std::string &P : Problems)
    warn(P);

  std::string Db = DbPath;
  if (Db.empty()) {
    llvm::SmallString<256> Cwd;
    llvm::sys::fs::current_path(Cwd);
    llvm::sys::path::append(Cwd, ".portolan", "results.db");
    Db = std::string(Cwd);
  }
  auto Store = ResultsStore::open(Db);
  if (!Store)
    return fail(llvm::toString(Store.takeError()), ExitInput);
  llvm::Expected<int64_t> Run = (*Store)->beginRun(Tree->Root);
  if (!Run)
    return fail(llvm::toString(Run.takeError()), ExitInput);
  if (llvm::Error E = (*Store)->recordPlugins(*Run, pluginRecords(Host)))
    return fail(llvm::toString(std::move(E)), ExitInput);
  if (llvm::Error E = (*Store)->recordProblems(*Run, Problems))
    return fail(llvm::toString(std::move(E)), ExitInput);

  bool Progress = llvm::sys::Process::StandardErrIsDisplayed();
  std::string StoreError;
  runScan(Plan, Tree->Root, Host, Jobs, [&](const TUResult &U, size_t Done, size_t Total) {
    if (llvm::Error E = (*Store)->recordUnit(*Run, U))
      StoreError = llvm::toString(std::move(E));
    if (Progress)
      llvm::errs() << "\r\x1b[K[" << Done << "/" << Total << "] " << U.File;
  });
  if (Progress)
    llvm::errs() << "\r\x1b[K";
  if (!StoreError.empty())
    return fail(StoreError, ExitInput);
  if (llvm::Error E = (*Store)->finishRun(*Run, "complete"))
    return fail(llvm::toString(std::move(E)), ExitInput);

  llvm::Expected<RunReport> Report = (*Store)->loadRun(*Run);
  if (!Report)
    return fail(llvm::toString(Report.takeError()), ExitInput);
  return emit([&](llvm::raw_ostream &OS) {
    if (FormatOpt == Format::Json)
      OS << llvm::formatv("{0:2}", toJson(*Report)) << "\n";
    else
      writeTextReport(*Report, OS);
  });
}

void printVersion(llvm::raw_ostream &OS) {
  OS << "portolan " << PORTOLAN_VERSION << " (LLVM " << LLVM_VERSION_STRING
     << ", plugin ABI " << sdk::PluginAbiVersion << ")\n";
}

} // namespace

int main(int Argc, const char **Argv) {
  llvm::InitLLVM Init(Argc, Argv);
  llvm::CrashRecoveryContext::Enable();
  cl::HideUnrelatedOptions(Category);
  cl::SetVersionPrinter(printVersion);
  if (!cl::ParseCommandLineOptions(Argc, Argv, Overview, &llvm::errs()))
    return ExitUsage;
  if (ScanCmd)
    return runScanCommand(Argv[0]);
  if (PluginsCmd)
    return runPlugins(Argv[0]);
  llvm::errs() << Overview;
  return ExitUsage;
}
