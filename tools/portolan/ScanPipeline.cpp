//===- ScanPipeline.cpp ---------------------------------------------------===//
#include "ScanPipeline.h"
#include "Cli.h"
#include "Plugins.h"

#include "portolan/CompilePlan.h"
#include "portolan/Prefilter.h"

#include <llvm/ADT/SmallString.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>

#include <algorithm>
#include <map>
#include <mutex>

namespace portolan::cli {
namespace {

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
  // (kbEntryFor, for one finding.)
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

std::optional<KbSymbol> kbEntryFor(const KnowledgeBase &KB, const Finding &F) {
  llvm::StringRef Note(F.Note);
  return entryFor(KB, F.Symbol,
                  {F.Rule, Note.consume_front("declared in ") ? Note.str() : std::string()});
}

std::string resultsPath(const std::string &DbOption) {
  if (!DbOption.empty())
    return DbOption;
  llvm::SmallString<256> Cwd;
  llvm::sys::fs::current_path(Cwd);
  llvm::sys::path::append(Cwd, ".portolan", "results.db");
  return std::string(Cwd);
}

llvm::Expected<int64_t> scanIntoStore(const ScanRequest &Request, const PluginHost &Host,
                                      const KnowledgeBase *KB, ResultsStore &Store,
                                      const char *Argv0, SourceTree *TreeOut) {
  DiscoveryOptions DOpts;
  DOpts.Excludes = Request.Excludes;
  llvm::Expected<SourceTree> Tree = discoverSources(Request.Root, DOpts);
  if (!Tree)
    return Tree.takeError();

  PlanOptions POpts;
  POpts.BuildDir = Request.BuildDir;
  POpts.ForcedPlatform = Request.ForcedPlatform;
  for (const std::string &D : Request.Defines)
    POpts.ExtraArgs.push_back("-D" + D);
  CompilePlan Plan = planCompilation(*Tree, POpts);
  // Code the parse skips is scanned for the knowledge base's names, and the
  // same names decide which units can hold a finding at all.
  std::optional<LexicalNames> Names;
  if (KB)
    Names = KB->lexicalNames();
  size_t NoCandidates = 0, Covered = 0;
  std::string NeedsAll;
  std::optional<PluginWords> Words = pluginPrefilterWords(Host, NeedsAll);
  if (!Words && Request.Prefilter)
    warn(Request.WarningPrefix + "plugin " + NeedsAll +
         " names no prefilter words, so every unit is parsed");
  if (Names && Words && Request.Prefilter) {
    PrefilterResult Filtered = prefilter(Plan, Tree->Root, *Names, *Words);
    Plan = std::move(Filtered.Plan);
    NoCandidates = Filtered.NoCandidates;
    Covered = Filtered.Covered;
  }
  std::vector<std::string> Problems = Tree->Problems;
  Problems.insert(Problems.end(), Plan.Problems.begin(), Plan.Problems.end());
  for (const std::string &P : Problems)
    warn(Request.WarningPrefix + P);

  llvm::Expected<int64_t> Run = Store.beginRun(Tree->Root);
  if (!Run)
    return Run.takeError();
  if (llvm::Error E = Store.recordPlugins(*Run, pluginRecords(Host)))
    return E;
  if (llvm::Error E = Store.recordProblems(*Run, Problems))
    return E;

  std::string StoreError;
  SymbolOrigins Symbols;
  std::mutex StoreLock; // Reuse lookups come from the workers.
  auto Record = [&](const TUResult &U, size_t Done, size_t Total) {
    std::lock_guard<std::mutex> Guard(StoreLock);
    if (llvm::Error E = Store.recordUnit(*Run, U))
      StoreError = llvm::toString(std::move(E));
    collectSymbols(U, Symbols);
    if (Request.Progress)
      llvm::errs() << "\r\x1b[K[" << Done << "/" << Total << "] " << U.File;
  };
  ScanSettings Settings;
  Settings.Workers = Request.Jobs;
  Settings.Names = Names ? &*Names : nullptr;
  Settings.Target = Request.Target ? &*Request.Target : nullptr;
  // Units whose files, command and analyzers are unchanged since an
  // earlier complete run of this root are taken from the store.
  Settings.CacheSalt = cacheSalt(Host, Argv0, KB ? KB->version() : "", Request.Target);
  if (Request.Reuse)
    Settings.Reuse = [&](const CompileJob &Job, const std::string &Key,
                         const std::function<std::string(const std::string &)> &HashOf) {
      std::lock_guard<std::mutex> Guard(StoreLock);
      return Store.reusableUnit(Tree->Root, Job.RelFile, Key, HashOf);
    };
  size_t ReadThroughIncluders = portolan::runScan(Plan, Tree->Root, Host, Settings, Record);
  // Files that are not units: assembly sources, build files, binaries.
  std::vector<std::string> TreeFiles = Tree->Sources;
  TreeFiles.insert(TreeFiles.end(), Tree->Headers.begin(), Tree->Headers.end());
  TreeFiles.insert(TreeFiles.end(), Tree->Others.begin(), Tree->Others.end());
  std::sort(TreeFiles.begin(), TreeFiles.end());
  runFileScan(Tree->Others, Tree->Root, Host, TreeFiles, Request.Jobs, Record);
  if (Request.Progress)
    llvm::errs() << "\r\x1b[K";
  if (!StoreError.empty())
    return llvm::createStringError(std::errc::io_error, "%s", StoreError.c_str());
  if (llvm::Error E = Store.recordPrefilter(*Run, NoCandidates, Covered))
    return E;
  if (llvm::Error E = Store.recordIncludedSources(*Run, ReadThroughIncluders))
    return E;
  if (KB)
    if (llvm::Error E = Store.recordEnrichments(*Run, KB->version(), enrich(*KB, Symbols)))
      return E;
  if (llvm::Error E = Store.finishRun(*Run, "complete"))
    return E;
  if (TreeOut)
    *TreeOut = std::move(*Tree);
  return *Run;
}

} // namespace portolan::cli
