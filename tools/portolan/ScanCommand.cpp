//===- ScanCommand.cpp - portolan scan ------------------------------------===//
#include "Cli.h"
#include "Plugins.h"

#include "portolan/CompilePlan.h"
#include "portolan/Discovery.h"
#include "portolan/Prefilter.h"
#include "portolan/Report.h"
#include "portolan/ScanDriver.h"

#include <llvm/ADT/SmallString.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/FormatVariadic.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/Process.h>

#include <algorithm>
#include <map>
#include <mutex>

namespace portolan::cli {
namespace cl = llvm::cl;
namespace {

cl::opt<std::string> ScanRoot(cl::Positional, cl::desc("<source folder>"), cl::Required,
                              cl::sub(scanCommand()), cl::cat(category()));
cl::opt<std::string> BuildPath("p",
                               cl::desc("Folder holding compile_commands.json (as clang-tidy's "
                                        "-p); otherwise commands are inferred"),
                               cl::value_desc("build dir"), cl::sub(scanCommand()),
                               cl::cat(category()));
cl::opt<unsigned> Jobs("j", cl::desc("Parallel workers (default: one per core)"), cl::init(0),
                       cl::Prefix, cl::sub(scanCommand()), cl::cat(category()));
cl::opt<std::string> DbPath("db",
                            cl::desc("Results file (default .portolan/results.db under the "
                                     "working directory)"),
                            cl::value_desc("path"), cl::sub(scanCommand()), cl::cat(category()));
cl::list<std::string> Excludes("exclude",
                               cl::desc("Skip paths matching this glob, relative to the root "
                                        "(repeatable)"),
                               cl::value_desc("glob"), cl::sub(scanCommand()),
                               cl::cat(category()));
cl::list<std::string> Defines("D", cl::desc("Define a macro in inferred commands"),
                              cl::value_desc("name[=value]"), cl::Prefix, cl::sub(scanCommand()),
                              cl::cat(category()));
enum class PlatformChoice { Auto, Linux, Windows };
cl::opt<PlatformChoice> PlatformOpt(
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
cl::opt<bool> NoReuse("no-reuse",
                      cl::desc("Parse every unit, even those unchanged since an earlier run "
                               "in the same results file"),
                      cl::sub(scanCommand()), cl::cat(category()));

/// What a stored unit result depends on besides its files: the builds of
/// the host and of each plugin, the knowledge base, and the scan options
/// that change findings.
std::string cacheSalt(const PluginHost &Host, const char *Argv0, const std::string &KbVersion,
                      const std::optional<TargetCheckOptions> &Target) {
  auto Stamp = [](const std::string &Path) {
    llvm::sys::fs::file_status St;
    if (llvm::sys::fs::status(Path, St))
      return std::string("?");
    return std::to_string(St.getSize()) + "@" +
           std::to_string(St.getLastModificationTime().time_since_epoch().count());
  };
  static int Anchor;
  std::string Salt = "host:" + Stamp(llvm::sys::fs::getMainExecutable(Argv0, &Anchor));
  for (const LoadedPlugin &P : Host.loaded())
    Salt += ";" + std::string(P.Descriptor->Name) + "@" + P.Descriptor->Version + ":" +
            Stamp(P.Path);
  Salt += ";kb:" + KbVersion;
  if (Target)
    Salt += ";target:" + Target->Triple + ":" + Target->Sysroot;
  return Salt;
}

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

/// Each symbol found once, with the rule that found it and the header a
/// Windows finding names in its note, gathered as units finish.
struct SymbolOrigin {
  std::string Rule;
  std::string Header;
};
using SymbolOrigins = std::map<std::string, SymbolOrigin>;

void collectSymbols(const TUResult &U, SymbolOrigins &Symbols) {
  for (const Finding &F : U.Findings) {
    llvm::StringRef Note(F.Note);
    Symbols[F.Symbol] = {F.Rule, Note.consume_front("declared in ") ? Note.str() : ""};
  }
}

/// The knowledge base's entry for a symbol: its own; for a Windows API
/// without one, its header's rule; for a construct (inline asm, an x86
/// guard, __declspec(dllexport)), the entry of its rule, with the symbol
/// (msvc.declspec.dllexport) or without (x86.inline-asm).
std::optional<KbSymbol> entryFor(const KnowledgeBase &KB, const std::string &Symbol,
                                 const SymbolOrigin &Origin) {
  if (auto Sym = KB.lookup(Symbol))
    return Sym;
  if (!Origin.Header.empty())
    if (auto Sym = KB.lookupWin32Header(Origin.Header))
      return Sym;
  if (Origin.Rule == "win32.include")
    if (auto Sym = KB.lookupWin32Header(llvm::StringRef(Symbol).lower()))
      return Sym;
  if (auto Sym = KB.lookup(Origin.Rule + "." + Symbol); Sym && Sym->Kind == "construct")
    return Sym;
  if (auto Sym = KB.lookup(Origin.Rule); Sym && Sym->Kind == "construct")
    return Sym;
  return std::nullopt;
}

std::vector<Enrichment> enrich(const KnowledgeBase &KB, const SymbolOrigins &Symbols) {
  std::vector<Enrichment> Out;
  for (const auto &[S, Origin] : Symbols) {
    Enrichment E;
    E.Symbol = S;
    if (std::optional<KbSymbol> Sym = entryFor(KB, S, Origin)) {
      E.Known = true;
      E.Kind = Sym->Kind;
      E.Isa = Sym->Fields["isa"];
      E.Effort = Sym->Fields["effort"];
      // Entries without an effort class of their own (Windows types) take
      // their rule's.
      if (E.Effort.empty() && Sym->Kind != "intrinsic")
        if (auto Rule = KB.lookup(Origin.Rule); Rule && Rule->Kind == "construct")
          E.Effort = Rule->Fields["effort"];
      // What replaces a Windows entry is one of its own fields.
      E.Replacement = Sym->Fields.count("equivalent") ? Sym->Fields["equivalent"]
                                                      : Sym->Fields["alternatives"];
      E.Equivalents = KB.equivalents(S);
    }
    Out.push_back(std::move(E));
  }
  return Out;
}

} // namespace

int runScan(const char *Argv0) {
  PluginHost Host;
  loadPlugins(Host, Argv0);
  for (const RefusedPlugin &P : Host.refused())
    warn("plugin " + P.Path + " refused: " + P.Reason);
  if (Host.loaded().empty())
    return fail("no analyzer plugin could be loaded; see 'portolan plugins'", ExitNoAnalyzer);
  auto KB = openKnowledgeBase(Argv0, Host);
  if (!KB)
    warn(llvm::toString(KB.takeError()) + "; findings are reported without equivalents");

  auto Target = targetCheckOptions();
  if (!Target)
    return fail(llvm::toString(Target.takeError()), ExitUsage);

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
  // Code the parse skips is scanned for the knowledge base's names, and the
  // same names decide which units can hold a finding at all.
  std::optional<LexicalNames> Names;
  if (KB)
    Names = (*KB)->lexicalNames();
  size_t NoCandidates = 0, Covered = 0;
  std::string NeedsAll;
  std::optional<PluginWords> Words = pluginPrefilterWords(Host, NeedsAll);
  if (!Words && !NoPrefilter)
    warn("plugin " + NeedsAll + " names no prefilter words, so every unit is parsed");
  if (Names && Words && !NoPrefilter) {
    PrefilterResult Filtered = prefilter(Plan, Tree->Root, *Names, *Words);
    Plan = std::move(Filtered.Plan);
    NoCandidates = Filtered.NoCandidates;
    Covered = Filtered.Covered;
  }
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
  SymbolOrigins Symbols;
  std::mutex StoreLock; // Reuse lookups come from the workers.
  auto Record = [&](const TUResult &U, size_t Done, size_t Total) {
    std::lock_guard<std::mutex> Guard(StoreLock);
    if (llvm::Error E = (*Store)->recordUnit(*Run, U))
      StoreError = llvm::toString(std::move(E));
    collectSymbols(U, Symbols);
    if (Progress)
      llvm::errs() << "\r\x1b[K[" << Done << "/" << Total << "] " << U.File;
  };
  ScanSettings Settings;
  Settings.Workers = Jobs;
  Settings.Names = Names ? &*Names : nullptr;
  Settings.Target = *Target ? &**Target : nullptr;
  // Units whose files, command and analyzers are unchanged since an
  // earlier complete run of this root are taken from the store.
  Settings.CacheSalt = cacheSalt(Host, Argv0, KB ? (*KB)->version() : "", *Target);
  if (!NoReuse)
    Settings.Reuse = [&](const CompileJob &Job, const std::string &Key,
                         const std::function<std::string(const std::string &)> &HashOf) {
      std::lock_guard<std::mutex> Guard(StoreLock);
      return (*Store)->reusableUnit(Tree->Root, Job.RelFile, Key, HashOf);
    };
  size_t ReadThroughIncluders = portolan::runScan(Plan, Tree->Root, Host, Settings, Record);
  // Files that are not units: assembly sources, build files, binaries.
  std::vector<std::string> TreeFiles = Tree->Sources;
  TreeFiles.insert(TreeFiles.end(), Tree->Headers.begin(), Tree->Headers.end());
  TreeFiles.insert(TreeFiles.end(), Tree->Others.begin(), Tree->Others.end());
  std::sort(TreeFiles.begin(), TreeFiles.end());
  runFileScan(Tree->Others, Tree->Root, Host, TreeFiles, Jobs, Record);
  if (Progress)
    llvm::errs() << "\r\x1b[K";
  if (!StoreError.empty())
    return fail(StoreError, ExitInput);
  if (llvm::Error E = (*Store)->recordPrefilter(*Run, NoCandidates, Covered))
    return fail(llvm::toString(std::move(E)), ExitInput);
  if (llvm::Error E = (*Store)->recordIncludedSources(*Run, ReadThroughIncluders))
    return fail(llvm::toString(std::move(E)), ExitInput);

  if (KB) {
    if (llvm::Error E = (*Store)->recordEnrichments(*Run, (*KB)->version(), enrich(**KB, Symbols)))
      return fail(llvm::toString(std::move(E)), ExitInput);
  }
  if (llvm::Error E = (*Store)->finishRun(*Run, "complete"))
    return fail(llvm::toString(std::move(E)), ExitInput);
  llvm::Expected<RunReport> Report = (*Store)->loadRun(*Run);
  if (!Report)
    return fail(llvm::toString(Report.takeError()), ExitInput);
  return emit([&](llvm::raw_ostream &OS) {
    if (format() == Format::Json)
      OS << llvm::formatv("{0:2}", toJson(*Report)) << "\n";
    else
      writeTextReport(*Report, OS);
  });
}

} // namespace portolan::cli
