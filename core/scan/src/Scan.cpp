//===- Scan.cpp - discover, plan, prefilter, parse, store -----------------===//
#include "portolan/scan/Scan.h"

#include "PlanMemo.h"
#include "UnitRecorder.h"

#include "portolan/base/Hashing.h"
#include "portolan/kb/Enrich.h"
#include "portolan/scan/CompilePlan.h"
#include "portolan/scan/FileAnalysis.h"
#include "portolan/scan/FileHashes.h"
#include "portolan/scan/Prefilter.h"
#include "portolan/scan/ScanDriver.h"

#include <llvm/ADT/SmallString.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>

#include <algorithm>
#include <mutex>

namespace portolan {
namespace {

/// What a stored unit result depends on besides its files: the builds of
/// the host and of each plugin, the knowledge base, and the scan options
/// that change findings.
std::string cacheSalt(const PluginHost &Host, const std::string &HostBinary,
                      const std::string &KbVersion,
                      const std::optional<TargetCheckOptions> &Target,
                      bool OtherConfigurations) {
  auto Stamp = [](const std::string &Path) {
    llvm::sys::fs::file_status St;
    if (llvm::sys::fs::status(Path, St))
      return std::string("?");
    return std::to_string(St.getSize()) + "@" +
           std::to_string(St.getLastModificationTime().time_since_epoch().count());
  };
  std::string Salt = "host:" + Stamp(HostBinary);
  for (const LoadedPlugin &P : Host.loaded())
    Salt += ";" + std::string(P.Descriptor->Name) + "@" + P.Descriptor->Version + ":" +
            Stamp(P.Path);
  Salt += ";kb:" + KbVersion;
  if (Target)
    Salt += ";target:" + Target->Triple + ":" + Target->Sysroot;
  if (OtherConfigurations)
    Salt += ";configurations:windows";
  return Salt;
}

/// The files of Files in Part, weighed by their size.
std::vector<std::string> filesOfPart(const std::vector<std::string> &Files,
                                     const std::string &Root, Shard Part) {
  if (Part.whole())
    return Files;
  std::vector<uint64_t> Sizes;
  for (const std::string &F : Files) {
    uint64_t Size = 0;
    llvm::sys::fs::file_size(Root + "/" + F, Size);
    Sizes.push_back(Size);
  }
  std::vector<unsigned> Parts = assignShards(Sizes, Files, Part.Count);
  std::vector<std::string> Out;
  for (size_t I = 0; I < Files.size(); ++I)
    if (Parts[I] == Part.Index)
      Out.push_back(Files[I]);
  return Out;
}

/// One scan's state between its stages: the tree, its file hashes, the
/// cache salt and the knowledge base's names (built when first needed: a
/// rescan of an unchanged tree needs none).
class Pipeline {
public:
  Pipeline(const ScanRequest &Request, const ScanContext &Ctx) : Request(Request), Ctx(Ctx) {}

  llvm::Expected<SourceTree> discover() const;
  /// Hashes every source and header once (the plan's key and each unit's
  /// reuse ask for them), derives the cache salt and gathers the plugins'
  /// prefilter words.
  void prepare(const SourceTree &Tree);
  /// The plan and prefilter answer an earlier run stored for this very
  /// tree, if any.
  std::optional<FilteredPlan> storedPlan(const SourceTree &Tree);
  CompilePlan plan(const SourceTree &Tree) const;
  FilteredPlan prefilter(CompilePlan Plan, const SourceTree &Tree);
  llvm::Error keepPlan(const SourceTree &Tree, const FilteredPlan &Plan);
  /// Starts the run, with the plugins and every problem met so far.
  llvm::Expected<int64_t> beginRun(const SourceTree &Tree, const FilteredPlan &Plan);
  /// Parses (or reuses) every unit of the plan and analyzes the other
  /// files, writing each result to the run as it comes.
  void parse(int64_t Run, const SourceTree &Tree, const FilteredPlan &Plan);
  /// Stores what the run found beyond its units, and closes it.
  llvm::Error store(int64_t Run, const SourceTree &Tree, const FilteredPlan &Plan);
  /// What shards of this scan split: the plan and every file's hash,
  /// hashed (RunOrigin::Work).
  std::string workKey(const SourceTree &Tree, const FilteredPlan &Plan);

private:
  void warn(const std::string &Message) const {
    if (Ctx.Warn)
      Ctx.Warn(Message);
  }
  const LexicalNames *namesNow();
  /// Whether inferred Linux units' Windows branches are parsed again (a
  /// forced platform leaves no other to try).
  bool windowsBranches() const { return Request.WindowsBranches && !Request.ForcedPlatform; }
  ScanSettings settings(const SourceTree &Tree, UnitRecorder &Units);

  const ScanRequest &Request;
  const ScanContext &Ctx;
  std::optional<FileHashes> Hashes;
  std::string Salt, MemoKey;
  std::optional<PluginWords> Words;
  std::optional<LexicalNames> Names;
  std::mutex NamesLock;
  std::optional<UnitRecorder> Units;
  size_t ReadThroughIncluders = 0;
};

llvm::Expected<SourceTree> Pipeline::discover() const {
  DiscoveryOptions Options;
  Options.Excludes = Request.Excludes;
  return discoverSources(Request.Root, Options);
}

void Pipeline::prepare(const SourceTree &Tree) {
  Hashes.emplace(Tree.Root, Request.Reuse ? Ctx.Store.fileStats(Tree.Root)
                                          : llvm::StringMap<FileStat>());
  std::vector<std::string> Files = Tree.Sources;
  Files.insert(Files.end(), Tree.Headers.begin(), Tree.Headers.end());
  Hashes->prime(Files, Request.Jobs);
  Salt = cacheSalt(Ctx.Host, Ctx.HostBinary, Ctx.KB ? Ctx.KB->version() : "", Request.Target,
                   windowsBranches());
  std::string NeedsAll;
  Words = pluginPrefilterWords(Ctx.Host, NeedsAll);
  if (!Words && Request.Prefilter)
    warn("plugin " + NeedsAll + " names no prefilter words, so every unit is parsed");
}

const LexicalNames *Pipeline::namesNow() {
  // Code the parse skips is scanned for the knowledge base's names, and the
  // same names decide which units can hold a finding at all.
  std::lock_guard<std::mutex> Guard(NamesLock);
  if (!Names && Ctx.KB)
    Names = Ctx.KB->lexicalNames();
  return Names ? &*Names : nullptr;
}

std::optional<FilteredPlan> Pipeline::storedPlan(const SourceTree &Tree) {
  if (!Request.Reuse)
    return std::nullopt;
  MemoKey = planMemoKey(Request, Tree, Salt, *Hashes);
  if (std::optional<std::string> Text = Ctx.Store.memo(Tree.Root, "plan", MemoKey))
    return planFromText(*Text);
  return std::nullopt;
}

CompilePlan Pipeline::plan(const SourceTree &Tree) const {
  PlanOptions Options;
  Options.BuildDir = Request.BuildDir;
  Options.MsBuildConfig = Request.MsBuildConfig;
  Options.ForcedPlatform = Request.ForcedPlatform;
  for (const std::string &D : Request.Defines)
    Options.ExtraArgs.push_back("-D" + D);
  return planCompilation(Tree, Options);
}

FilteredPlan Pipeline::prefilter(CompilePlan Plan, const SourceTree &Tree) {
  FilteredPlan Out;
  const LexicalNames *KbNames = Words && Request.Prefilter ? namesNow() : nullptr;
  if (!KbNames) {
    Out.Plan = std::move(Plan);
    return Out;
  }
  PrefilterResult Filtered = portolan::prefilter(Plan, Tree.Root, *KbNames, *Words);
  Out.Plan = std::move(Filtered.Plan);
  Out.NoCandidates = Filtered.NoCandidates;
  Out.Covered = Filtered.Covered;
  return Out;
}

llvm::Error Pipeline::keepPlan(const SourceTree &Tree, const FilteredPlan &Plan) {
  if (MemoKey.empty())
    return llvm::Error::success();
  return Ctx.Store.storeMemo(Tree.Root, "plan", MemoKey, planToText(Plan));
}

llvm::Expected<int64_t> Pipeline::beginRun(const SourceTree &Tree, const FilteredPlan &Plan) {
  std::vector<std::string> Problems = Tree.Problems;
  Problems.insert(Problems.end(), Plan.Plan.Problems.begin(), Plan.Plan.Problems.end());
  for (const std::string &P : Problems)
    warn(P);
  llvm::Expected<int64_t> Run = Ctx.Store.beginRun(Tree.Root);
  if (!Run)
    return Run.takeError();
  if (llvm::Error E = Ctx.Store.recordPlugins(*Run, pluginRecords(Ctx.Host)))
    return E;
  if (llvm::Error E = Ctx.Store.recordProblems(*Run, Problems))
    return E;
  return Run;
}

ScanSettings Pipeline::settings(const SourceTree &Tree, UnitRecorder &Recorder) {
  ScanSettings Settings;
  Settings.Workers = Request.Jobs;
  Settings.NamesOnDemand = [this] { return namesNow(); };
  Settings.Target = Request.Target ? &*Request.Target : nullptr;
  Settings.OtherConfigurations = windowsBranches();
  Settings.SharedPrefix = Request.SharedPrefix;
  Settings.Limits = Request.Limits;
  Settings.Part = Request.Part;
  // Units whose files, command and analyzers are unchanged since an
  // earlier complete run of this root are taken from the store.
  Settings.CacheSalt = Salt;
  Settings.Hashes = &*Hashes;
  if (Request.Reuse)
    Settings.Reuse = [&Recorder, Root = Tree.Root](
                         const std::string &RelFile, const std::string &Key,
                         const std::function<std::string(const std::string &)> &HashOf) {
      return Recorder.reusable(Root, RelFile, Key, HashOf);
    };
  return Settings;
}

void Pipeline::parse(int64_t Run, const SourceTree &Tree, const FilteredPlan &Plan) {
  Units.emplace(Ctx.Store, Run);
  ScanSettings Settings = settings(Tree, *Units);
  auto Record = [&](const TUResult &U, size_t Done, size_t Total) {
    Units->record(U);
    if (Ctx.Progress)
      Ctx.Progress(Done, Total, U.File);
  };
  ScanStats Stats;
  ReadThroughIncluders = runScan(Plan.Plan, Tree.Root, Ctx.Host, Settings, Record, &Stats);
  if (!Stats.SharedPrefixError.empty() && Ctx.Warn)
    Ctx.Warn(Stats.SharedPrefixError + "; its units were parsed in full");
  if (Stats.UnitsWithMsvcVersion && Ctx.Warn)
    Ctx.Warn(std::to_string(Stats.UnitsWithMsvcVersion) +
             " Visual Studio units were parsed with _MSC_VER=" + MsvcVersion +
             " (Visual C++ 2022) as well: their files test it, and they parse with fewer "
             "errors with it");
  for (const std::string &Line : Stats.Stopped)
    warn(Line + "; recorded as its error, the scan went on");
  size_t DirectivesOnly = 0;
  for (const std::vector<CompileJob> *Jobs : {&Plan.Plan.Jobs, &Plan.Plan.Deferred})
    for (const CompileJob &J : *Jobs)
      DirectivesOnly += J.DirectivesOnly;
  if (DirectivesOnly)
    warn(std::to_string(DirectivesOnly) +
         " test units (they include a test framework) were run through the preprocessor "
         "alone: their own files hold candidate tokens only in directives; --no-prefilter "
         "parses them");
  if (std::string Lost = Ctx.Store.takeIncomplete(); !Lost.empty())
    warn(Lost);
  // Files that are not units: assembly sources, build files, binaries.
  std::vector<std::string> TreeFiles = Tree.Sources;
  TreeFiles.insert(TreeFiles.end(), Tree.Headers.begin(), Tree.Headers.end());
  TreeFiles.insert(TreeFiles.end(), Tree.Others.begin(), Tree.Others.end());
  std::sort(TreeFiles.begin(), TreeFiles.end());
  runFileScan(filesOfPart(Tree.Others, Tree.Root, Request.Part), Tree.Root, Ctx.Host, TreeFiles,
              Settings, Record);
}

llvm::Error Pipeline::store(int64_t Run, const SourceTree &Tree, const FilteredPlan &Plan) {
  llvm::Expected<bool> SameAsEarlier = Units->finish();
  if (!SameAsEarlier)
    return SameAsEarlier.takeError();
  if (llvm::Error E = Ctx.Store.recordPrefilter(Run, Plan.NoCandidates, Plan.Covered))
    return E;
  if (llvm::Error E = Ctx.Store.recordIncludedSources(Run, ReadThroughIncluders))
    return E;
  if (Ctx.KB && !*SameAsEarlier)
    if (llvm::Error E = recordKnowledge(Ctx.Store, Run, *Ctx.KB))
      return E;
  if (llvm::Error E = Ctx.Store.storeFileStats(Tree.Root, Hashes->newStats()))
    return E;
  RunOrigin Origin;
  Origin.Settings = scanSettingsKey(Request);
  Origin.Build = hashText(Salt);
  Origin.SourceLines = int64_t(countLines(Tree));
  if (!Request.Part.whole()) {
    Origin.ShardIndex = Request.Part.Index;
    Origin.ShardCount = Request.Part.Count;
    Origin.Work = workKey(Tree, Plan);
  }
  if (llvm::Error E = Ctx.Store.recordOrigin(Run, Origin))
    return E;
  return Ctx.Store.finishRun(Run, "complete");
}

std::string Pipeline::workKey(const SourceTree &Tree, const FilteredPlan &Plan) {
  std::string Text = planToText(Plan);
  for (const std::vector<std::string> *Files : {&Tree.Sources, &Tree.Headers, &Tree.Others})
    for (const std::string &F : *Files)
      Text += '\0' + F + '\0' + (*Hashes)(F);
  return hashText(Text);
}

} // namespace

std::string scanSettingsKey(const ScanRequest &Request) {
  std::string Text;
  auto Field = [&Text](llvm::StringRef Value) {
    Text += Value;
    Text += '\0';
  };
  Field("settings/1");
  llvm::SmallString<256> Build;
  if (Request.BuildDir.empty() || llvm::sys::fs::real_path(Request.BuildDir, Build))
    Build = Request.BuildDir;
  Field(Build);
  Field(Request.MsBuildConfig);
  Field(Request.ForcedPlatform ? platformName(*Request.ForcedPlatform) : "auto");
  Field(Request.Prefilter ? "prefilter" : "all");
  Field(Request.WindowsBranches ? "windows-branches" : "");
  Field(Request.Target ? Request.Target->Triple + ":" + Request.Target->Sysroot : "");
  for (const auto *List : {&Request.Excludes, &Request.Defines}) {
    for (const std::string &V : *List)
      Field(V);
    Text += '\0';
  }
  return hashText(Text);
}

llvm::Error recordKnowledge(ResultsStore &Store, int64_t Run, const KnowledgeBase &KB) {
  llvm::Expected<std::vector<Finding>> Found = Store.findingSymbols(Run);
  if (!Found)
    return Found.takeError();
  // Each symbol asked about once, by its first sighting in that order.
  SymbolOrigins Symbols;
  for (const Finding &F : *Found)
    if (!Symbols.count(F.Symbol)) {
      TUResult One;
      One.Findings.push_back(F);
      collectSymbols(One, Symbols);
    }
  return Store.recordEnrichments(Run, KB.version(), enrich(KB, Symbols));
}

llvm::Expected<int64_t> scanTree(const ScanRequest &Request, const ScanContext &Context,
                                 SourceTree *TreeOut) {
  Pipeline P(Request, Context);
  llvm::Expected<SourceTree> Tree = P.discover();
  if (!Tree)
    return Tree.takeError();
  P.prepare(*Tree);
  // The plan of an unchanged tree is the one stored by the last run.
  std::optional<FilteredPlan> Plan = P.storedPlan(*Tree);
  if (!Plan) {
    Plan = P.prefilter(P.plan(*Tree), *Tree);
    if (llvm::Error E = P.keepPlan(*Tree, *Plan))
      return E;
  }
  llvm::Expected<int64_t> Run = P.beginRun(*Tree, *Plan);
  if (!Run)
    return Run.takeError();
  P.parse(*Run, *Tree, *Plan);
  if (llvm::Error E = P.store(*Run, *Tree, *Plan))
    return E;
  if (TreeOut)
    *TreeOut = std::move(*Tree);
  return *Run;
}

std::vector<PluginRecord> pluginRecords(const PluginHost &Host) {
  std::vector<PluginRecord> Records;
  for (const LoadedPlugin &P : Host.loaded())
    Records.push_back({P.Descriptor->Name, P.Descriptor->Version, P.Path, true, ""});
  for (const RefusedPlugin &P : Host.refused())
    Records.push_back({"", "", P.Path, false, P.Reason});
  return Records;
}

std::vector<std::string> mergePluginFragments(KnowledgeBase &KB, const PluginHost &Host) {
  std::vector<std::string> Problems;
  for (const LoadedPlugin &P : Host.loaded()) {
    if (!P.Descriptor->KbFragment || !*P.Descriptor->KbFragment)
      continue;
    llvm::SmallString<256> Fragment(llvm::sys::path::parent_path(P.Path));
    llvm::sys::path::append(Fragment, P.Descriptor->KbFragment);
    if (llvm::Error E = KB.mergeFragment(Fragment)) {
      // Each conflict is a line of its own; the fragment is left out whole.
      std::string Lines = llvm::toString(std::move(E));
      llvm::SmallVector<llvm::StringRef, 4> Split;
      llvm::StringRef(Lines).split(Split, '\n');
      for (llvm::StringRef L : Split)
        Problems.push_back("knowledge-base fragment of plugin " +
                           std::string(P.Descriptor->Name) + " refused: " + L.str());
    }
  }
  return Problems;
}

} // namespace portolan
