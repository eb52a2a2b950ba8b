//===- ScanPipeline.cpp ---------------------------------------------------===//
#include "ScanPipeline.h"
#include "Cli.h"
#include "Plugins.h"

#include "portolan/CompilePlan.h"
#include "portolan/Prefilter.h"

#include <llvm/ADT/SmallString.h>
#include <llvm/Support/JSON.h>
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

/// The plan and the prefilter's answer, as the store keeps them between
/// runs (see planMemoKey).
struct FilteredPlan {
  CompilePlan Plan;
  size_t NoCandidates = 0, Covered = 0;
};

llvm::json::Value jobToJson(const CompileJob &J) {
  return llvm::json::Object{{"file", J.File},
                            {"rel", J.RelFile},
                            {"dir", J.Directory},
                            {"args", llvm::json::Array(J.Args)},
                            {"platform", platformName(J.Plat)},
                            {"source", J.Source},
                            {"closure", llvm::json::Array(J.Closure)}};
}

std::string planToText(const FilteredPlan &P) {
  llvm::json::Array Jobs, Deferred;
  for (const CompileJob &J : P.Plan.Jobs)
    Jobs.push_back(jobToJson(J));
  for (const CompileJob &J : P.Plan.Deferred)
    Deferred.push_back(jobToJson(J));
  llvm::json::Object O{{"jobs", std::move(Jobs)},
                       {"deferred", std::move(Deferred)},
                       {"problems", llvm::json::Array(P.Plan.Problems)},
                       {"no_candidates", int64_t(P.NoCandidates)},
                       {"covered", int64_t(P.Covered)}};
  std::string Text;
  llvm::raw_string_ostream(Text) << llvm::json::Value(std::move(O));
  return Text;
}

bool fromJson(const llvm::json::Value &V, std::vector<std::string> &Out) {
  const llvm::json::Array *A = V.getAsArray();
  if (!A)
    return false;
  for (const llvm::json::Value &E : *A) {
    std::optional<llvm::StringRef> S = E.getAsString();
    if (!S)
      return false;
    Out.push_back(S->str());
  }
  return true;
}

bool fromJson(const llvm::json::Value &V, std::vector<CompileJob> &Out) {
  const llvm::json::Array *A = V.getAsArray();
  if (!A)
    return false;
  for (const llvm::json::Value &E : *A) {
    const llvm::json::Object *O = E.getAsObject();
    if (!O)
      return false;
    CompileJob J;
    auto Str = [&](llvm::StringRef Key, std::string &To) {
      std::optional<llvm::StringRef> S = O->getString(Key);
      if (S)
        To = S->str();
      return S.has_value();
    };
    std::string Plat;
    if (!Str("file", J.File) || !Str("rel", J.RelFile) || !Str("dir", J.Directory) ||
        !Str("platform", Plat) || !Str("source", J.Source) || !O->get("args") ||
        !fromJson(*O->get("args"), J.Args) || !O->get("closure") ||
        !fromJson(*O->get("closure"), J.Closure))
      return false;
    std::optional<Platform> P = platformFromName(Plat);
    if (!P || *P == Platform::File) // A unit's job is never a file's.
      return false;
    J.Plat = *P;
    Out.push_back(std::move(J));
  }
  return true;
}

/// Nothing when the text is not a plan this build wrote.
std::optional<FilteredPlan> planFromText(llvm::StringRef Text) {
  llvm::Expected<llvm::json::Value> V = llvm::json::parse(Text);
  if (!V) {
    llvm::consumeError(V.takeError());
    return std::nullopt;
  }
  const llvm::json::Object *O = V->getAsObject();
  FilteredPlan P;
  if (!O || !O->get("jobs") || !fromJson(*O->get("jobs"), P.Plan.Jobs) ||
      !O->get("deferred") || !fromJson(*O->get("deferred"), P.Plan.Deferred) ||
      !O->get("problems") || !fromJson(*O->get("problems"), P.Plan.Problems) ||
      !O->getInteger("no_candidates") || !O->getInteger("covered"))
    return std::nullopt;
  P.NoCandidates = size_t(*O->getInteger("no_candidates"));
  P.Covered = size_t(*O->getInteger("covered"));
  return P;
}

/// What the plan and the prefilter read: the salt (host, plugins and
/// knowledge base, whose names the prefilter looks for), the options, and
/// the path and content of every source and header and of the compilation
/// database. Equal keys mean an equal plan, so an unchanged tree is neither
/// planned nor lexed again. (System headers are not in the key: the plan
/// asks only whether an angled include names one, as reuse of a unit does
/// not look at them either.)
std::string planMemoKey(const ScanRequest &Request, const SourceTree &Tree,
                        const std::string &Salt, FileHashes &Hashes) {
  std::string Text = "plan/1\0" + Salt + '\0' + Request.BuildDir + '\0';
  Text += Request.ForcedPlatform ? platformName(*Request.ForcedPlatform) : "auto";
  Text += Request.Prefilter ? "\0prefilter\0" : "\0all\0";
  for (const std::string &D : Request.Defines)
    Text += D + '\0';
  Text += '\0';
  for (const std::vector<std::string> *Files : {&Tree.Sources, &Tree.Headers})
    for (const std::string &F : *Files)
      Text += F + '\0' + Hashes(F) + '\0';
  if (!Request.BuildDir.empty()) {
    llvm::SmallString<256> Db(Request.BuildDir);
    llvm::sys::path::append(Db, "compile_commands.json");
    Text += contentHash(std::string(Db));
  }
  return hashText(Text);
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

  // Every source and header is hashed once, on every worker: the plan's
  // key, and each unit's reuse, ask for them.
  FileHashes Hashes(Tree->Root, Request.Reuse ? Store.fileStats(Tree->Root)
                                             : llvm::StringMap<FileStat>());
  {
    std::vector<std::string> Files = Tree->Sources;
    Files.insert(Files.end(), Tree->Headers.begin(), Tree->Headers.end());
    Hashes.prime(Files, Request.Jobs);
  }
  std::string Salt = cacheSalt(Host, Argv0, KB ? KB->version() : "", Request.Target);
  // Code the parse skips is scanned for the knowledge base's names, and the
  // same names decide which units can hold a finding at all. Built when
  // first needed: a rescan of an unchanged tree needs neither.
  std::optional<LexicalNames> Names;
  std::mutex NamesLock;
  auto NamesNow = [&]() -> const LexicalNames * {
    std::lock_guard<std::mutex> Guard(NamesLock);
    if (!Names && KB)
      Names = KB->lexicalNames();
    return Names ? &*Names : nullptr;
  };
  std::string NeedsAll;
  std::optional<PluginWords> Words = pluginPrefilterWords(Host, NeedsAll);
  if (!Words && Request.Prefilter)
    warn(Request.WarningPrefix + "plugin " + NeedsAll +
         " names no prefilter words, so every unit is parsed");
  // The plan of an unchanged tree is the one stored by the last run.
  std::string MemoKey;
  std::optional<FilteredPlan> Memo;
  if (Request.Reuse) {
    MemoKey = planMemoKey(Request, *Tree, Salt, Hashes);
    if (std::optional<std::string> Text = Store.memo(Tree->Root, "plan", MemoKey))
      Memo = planFromText(*Text);
  }
  if (!Memo) {
    PlanOptions POpts;
    POpts.BuildDir = Request.BuildDir;
    POpts.ForcedPlatform = Request.ForcedPlatform;
    for (const std::string &D : Request.Defines)
      POpts.ExtraArgs.push_back("-D" + D);
    Memo.emplace();
    Memo->Plan = planCompilation(*Tree, POpts);
    if (Words && Request.Prefilter && NamesNow()) {
      PrefilterResult Filtered = prefilter(Memo->Plan, Tree->Root, *NamesNow(), *Words);
      Memo->Plan = std::move(Filtered.Plan);
      Memo->NoCandidates = Filtered.NoCandidates;
      Memo->Covered = Filtered.Covered;
    }
    if (!MemoKey.empty())
      if (llvm::Error E = Store.storeMemo(Tree->Root, "plan", MemoKey, planToText(*Memo)))
        return E;
  }
  CompilePlan &Plan = Memo->Plan;
  size_t NoCandidates = Memo->NoCandidates, Covered = Memo->Covered;
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
  // A parsed unit is committed as it comes, so that a crash loses no parse;
  // units taken from the store are written together, before the next
  // parsed one or at the end.
  std::vector<TUResult> Reused;
  bool AnyParsed = false;
  auto FlushReused = [&] {
    if (llvm::Error E = Store.recordUnits(*Run, Reused))
      StoreError = llvm::toString(std::move(E));
    Reused.clear();
  };
  auto Record = [&](const TUResult &U, size_t Done, size_t Total) {
    std::lock_guard<std::mutex> Guard(StoreLock);
    if (U.ReusedFrom) {
      Reused.push_back(U);
    } else {
      AnyParsed = true;
      FlushReused();
      if (llvm::Error E = Store.recordUnit(*Run, U))
        StoreError = llvm::toString(std::move(E));
    }
    collectSymbols(U, Symbols);
    if (Request.Progress)
      llvm::errs() << "\r\x1b[K[" << Done << "/" << Total << "] " << U.File;
  };
  ScanSettings Settings;
  Settings.Workers = Request.Jobs;
  Settings.NamesOnDemand = NamesNow;
  Settings.Target = Request.Target ? &*Request.Target : nullptr;
  // Units whose files, command and analyzers are unchanged since an
  // earlier complete run of this root are taken from the store.
  Settings.CacheSalt = Salt;
  Settings.Hashes = &Hashes;
  if (Request.Reuse)
    Settings.Reuse = [&](const std::string &RelFile, const std::string &Key,
                         const std::function<std::string(const std::string &)> &HashOf) {
      std::lock_guard<std::mutex> Guard(StoreLock);
      return Store.reusableUnit(Tree->Root, RelFile, Key, HashOf);
    };
  size_t ReadThroughIncluders = portolan::runScan(Plan, Tree->Root, Host, Settings, Record);
  // Files that are not units: assembly sources, build files, binaries.
  std::vector<std::string> TreeFiles = Tree->Sources;
  TreeFiles.insert(TreeFiles.end(), Tree->Headers.begin(), Tree->Headers.end());
  TreeFiles.insert(TreeFiles.end(), Tree->Others.begin(), Tree->Others.end());
  std::sort(TreeFiles.begin(), TreeFiles.end());
  runFileScan(Tree->Others, Tree->Root, Host, TreeFiles, Settings, Record);
  if (Request.Progress)
    llvm::errs() << "\r\x1b[K";
  // Every result reused from one earlier run, and as many as it holds: this
  // run's results are that run's, and are not copied.
  int64_t SameAs = 0;
  auto FromFirst = [&](const TUResult &U) { return U.ReusedFrom == Reused[0].ReusedFrom; };
  if (!AnyParsed && !Reused.empty() && llvm::all_of(Reused, FromFirst)) {
    llvm::Expected<size_t> Count = Store.unitCount(Reused[0].ReusedFrom);
    if (!Count)
      return Count.takeError();
    if (*Count == Reused.size())
      SameAs = Reused[0].ReusedFrom;
  }
  if (SameAs) {
    if (llvm::Error E = Store.recordSameResultsAs(*Run, SameAs))
      return E;
  } else {
    FlushReused();
  }
  if (!StoreError.empty())
    return llvm::createStringError(std::errc::io_error, "%s", StoreError.c_str());
  if (llvm::Error E = Store.recordPrefilter(*Run, NoCandidates, Covered))
    return E;
  if (llvm::Error E = Store.recordIncludedSources(*Run, ReadThroughIncluders))
    return E;
  if (KB && !SameAs)
    if (llvm::Error E = Store.recordEnrichments(*Run, KB->version(), enrich(*KB, Symbols)))
      return E;
  if (llvm::Error E = Store.storeFileStats(Tree->Root, Hashes.newStats()))
    return E;
  if (llvm::Error E = Store.finishRun(*Run, "complete"))
    return E;
  if (TreeOut)
    *TreeOut = std::move(*Tree);
  return *Run;
}

} // namespace portolan::cli
