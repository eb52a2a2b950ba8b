//===- ScanDriver.cpp - the worker pool over all units ---------------------===//
#include "portolan/scan/ScanDriver.h"
#include "portolan/scan/SharedPrefix.h"

#include "UnitWorkers.h"

#include "portolan/base/Hashing.h"

#include <llvm/ADT/StringSet.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/ThreadPool.h>
#include <llvm/Support/Threading.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <tuple>

namespace portolan {

namespace {

/// What a unit's result depends on besides its files' contents.
std::string cacheKey(const CompileJob &Job, const std::string &Salt) {
  std::string Text = Salt + '\0' + Job.Directory + '\0';
  for (const std::string &A : Job.Args)
    Text += A + '\0';
  if (Job.DirectivesOnly)
    Text += std::string("directives-only") + '\0';
  return hashText(Text);
}

/// Adds to R what a parse of its job as Windows found in the code R's parse
/// skipped under a Windows test: inactive there, as R's own lexical
/// findings of skipped code are, and with the guards that parse gave them.
/// A place R already has a finding of the same rule at keeps R's.
void mergeWindowsParse(TUResult &R, const TUResult &W) {
  auto Skipped = [&](const Finding &F) {
    return F.File == R.File && llvm::any_of(R.SkippedWindowsLines, [&](const auto &Lines) {
             return F.Line >= Lines.first && F.Line <= Lines.second;
           });
  };
  std::set<std::tuple<std::string, std::string, unsigned, unsigned>> Have;
  for (const Finding &F : R.Findings)
    Have.emplace(F.Rule, F.File, F.Line, F.Column);
  for (const Finding &F : W.Findings)
    if (!F.Inactive && Skipped(F) && Have.emplace(F.Rule, F.File, F.Line, F.Column).second) {
      R.Findings.push_back(F);
      R.Findings.back().Inactive = true;
    }
  std::sort(R.Findings.begin(), R.Findings.end());
  std::vector<std::string> Files = R.FilesRead;
  Files.insert(Files.end(), W.FilesRead.begin(), W.FilesRead.end());
  std::sort(Files.begin(), Files.end());
  Files.erase(std::unique(Files.begin(), Files.end()), Files.end());
  R.FilesRead = std::move(Files);
  R.ParseSeconds += W.ParseSeconds;
}

/// What the workers count for ScanStats.
struct Counters {
  std::atomic<unsigned> OverPrefix = 0, MsvcVersion = 0;
  std::vector<std::string> Stopped; ///< Only in this process, one thread.
};

/// Whether a parse over a precompiled prefix failed on the prefix itself
/// (Clang refuses one whose options or files differ from the unit's): the
/// unit is then parsed again in full.
bool failedOnPrefix(const TUResult &R) {
  return !R.Parsed || llvm::any_of(R.Errors, [](const ParseError &E) {
           std::string M = llvm::StringRef(E.Message).lower();
           llvm::StringRef Text(M);
           return Text.contains("precompiled") || Text.contains("pch") ||
                  Text.contains("ast file");
         });
}

/// Whether a project file Job's includes reach mentions _MSC_VER.
bool mentionsMsvcVersion(const CompileJob &Job, const std::string &Root) {
  for (const std::string &Rel : Job.Closure) {
    auto Buffer = llvm::MemoryBuffer::getFile(Root + "/" + Rel, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (Buffer && (*Buffer)->getBuffer().contains("_MSC_VER"))
      return true;
  }
  return false;
}

/// Job with _MSC_VER defined as Visual C++ 2022 (17.9) defines it.
CompileJob withMsvcVersion(const CompileJob &Job) {
  CompileJob Out = Job;
  Out.Args.insert(std::find(Out.Args.begin(), Out.Args.end(), Out.File),
                  "-D_MSC_VER=" + std::string(MsvcVersion));
  return Out;
}

/// One scan's work on each job: the stored result, the parses, and what
/// this process adds to a result.
class JobRunner {
public:
  JobRunner(const std::string &Root, const PluginHost &Plugins, const ScanSettings &Settings,
            FileHashes &Hashes, SharedPrefixes *Prefixes, Counters &Count)
      : Root(Root), Plugins(Plugins), Settings(Settings), Hashes(Hashes), Prefixes(Prefixes),
        Count(Count) {}

  /// Job's key for stored results; empty when results are not kept.
  std::string key(const CompileJob &Job) const {
    return Settings.CacheSalt.empty() ? "" : cacheKey(Job, Settings.CacheSalt);
  }
  /// The stored result of an unchanged Job, if reuse is on.
  std::optional<TUResult> stored(const CompileJob &Job, const std::string &Key) {
    if (Key.empty() || !Settings.Reuse || !Reusing)
      return std::nullopt;
    return Settings.Reuse(Job.RelFile, Key, [&](const std::string &Rel) { return Hashes(Rel); });
  }
  /// The knowledge base's names for the parses, asked for once.
  const LexicalNames *names() {
    std::call_once(NamesOnce, [&] {
      Names = Settings.Names;
      if (!Names && Settings.NamesOnDemand)
        Names = Settings.NamesOnDemand();
    });
    return Names;
  }
  /// Whether stored results are taken (a shard's candidates are always
  /// parsed: their sightings are kept apart, which a stored unit's are not).
  void reuse(bool On) { Reusing = On; }
  /// Every parse of Job; in a worker thread or process.
  TUResult parse(const CompileJob &Job);
  /// What the scan adds to a parsed result: its key and file hashes.
  void finish(TUResult &R, const std::string &Key) {
    if (R.MsvcVersionAssumed)
      ++Count.MsvcVersion;
    if (R.OverSharedPrefix)
      ++Count.OverPrefix;
    if (Key.empty())
      return;
    R.CacheKey = Key;
    for (const std::string &F : R.FilesRead)
      R.FileHashes.push_back(Hashes(F));
  }

private:
  const std::string &Root;
  const PluginHost &Plugins;
  const ScanSettings &Settings;
  FileHashes &Hashes;
  SharedPrefixes *Prefixes;
  Counters &Count;
  std::once_flag NamesOnce;
  const LexicalNames *Names = nullptr;
  bool Reusing = true;
};

TUResult JobRunner::parse(const CompileJob &Job) {
  const LexicalNames *Names = names();
  // The preprocessor alone reads no precompiled declarations.
  std::string Pch = Prefixes && !Job.DirectivesOnly ? Prefixes->pchFor(Job) : "";
  TUResult R = analyzeUnit(Job, Root, Plugins, Names, Settings.Cache, Pch);
  if (!Pch.empty() && failedOnPrefix(R)) {
    double Spent = R.ParseSeconds;
    R = analyzeUnit(Job, Root, Plugins, Names, Settings.Cache);
    R.ParseSeconds += Spent;
  } else if (!Pch.empty()) {
    R.OverSharedPrefix = true;
  }
  // Visual C++ defines _MSC_VER, but with mingw-w64's headers it costs
  // units that do not need it (their headers then expect Microsoft's
  // own): a Visual Studio unit whose files test it and that parsed with
  // errors is parsed again with it, and the parse with fewer errors
  // counts (AutoHotkey's stdafx.h includes windows.h only #ifdef
  // _MSC_VER).
  if (Job.Source == "msbuild" && !R.Errors.empty() && mentionsMsvcVersion(Job, Root)) {
    TUResult M = analyzeUnit(withMsvcVersion(Job), Root, Plugins, Names, Settings.Cache);
    if (M.Parsed && M.Errors.size() < R.Errors.size()) {
      M.ParseSeconds += R.ParseSeconds;
      M.MsvcVersionAssumed = true;
      R = std::move(M);
    } else {
      R.ParseSeconds += M.ParseSeconds;
    }
  }
  // A Linux unit whose own file holds Windows code the parse skipped is
  // parsed again as Windows, for what only that parse can see.
  if (Settings.OtherConfigurations && Job.Source == "inferred" &&
      R.Plat == Platform::LinuxX86_64 && !R.SkippedWindowsLines.empty()) {
    // In full: the Windows code is code, not directives.
    CompileJob AsWindows = inferredFor(Job, Platform::WindowsX86_64);
    AsWindows.DirectivesOnly = false;
    mergeWindowsParse(R, analyzeUnit(AsWindows, Root, Plugins, Names, Settings.Cache));
  }
  // A header parsed alone because the includes that name it were
  // skipped holds code that the units' configuration leaves out.
  if (Job.Source == HeaderBehindSkippedInclude)
    for (Finding &F : R.Findings)
      F.Inactive = true;
  if (Settings.Target && needsTargetCheck(R))
    checkOnTarget(R, Job, Root, *Settings.Target);
  return R;
}

/// Jobs largest file first, so that the last unit to finish is a short one.
std::vector<const CompileJob *> largestFirst(const std::vector<const CompileJob *> &Jobs) {
  std::vector<std::pair<uint64_t, const CompileJob *>> Order;
  for (const CompileJob *Job : Jobs) {
    uint64_t Size = 0;
    llvm::sys::fs::file_size(Job->File, Size);
    Order.emplace_back(Size, Job);
  }
  std::stable_sort(Order.begin(), Order.end(),
                   [](const auto &A, const auto &B) { return A.first > B.first; });
  std::vector<const CompileJob *> Out;
  for (auto &[Size, Job] : Order)
    Out.push_back(Job);
  return Out;
}

/// How a plan's jobs are split among the parts of a sharded scan: the
/// units balanced by the bytes of the project files their includes reach;
/// each later job (a deferred source, a header) in the part of the first
/// unit whose includes reach its file, since that unit is the likeliest to
/// read it (and then the pass does not run it anywhere); the other later
/// jobs balanced by bytes as well.
class PlanSplit {
public:
  PlanSplit(const CompilePlan &Plan, const std::string &Root, Shard Part)
      : Root(Root), Part(Part) {
    if (Part.whole())
      return;
    std::vector<const CompileJob *> All;
    for (const CompileJob &J : Plan.Jobs)
      All.push_back(&J);
    std::vector<unsigned> Units = balanced(All);
    for (size_t I = 0; I < Plan.Jobs.size(); ++I)
      for (const std::string &F : Plan.Jobs[I].Closure)
        Owner.try_emplace(F, Units[I]);
    UnitParts = std::move(Units);
  }

  /// The jobs of Jobs (Plan.Jobs, or a later pass's) in this part.
  std::vector<const CompileJob *> mine(const std::vector<CompileJob> &Jobs, bool Units) {
    std::vector<const CompileJob *> Out;
    if (Part.whole()) {
      for (const CompileJob &J : Jobs)
        Out.push_back(&J);
      return Out;
    }
    std::vector<const CompileJob *> Unowned;
    std::vector<size_t> UnownedAt;
    std::vector<unsigned> Parts(Jobs.size(), 0);
    for (size_t I = 0; I < Jobs.size(); ++I) {
      if (Units) {
        Parts[I] = UnitParts[I];
      } else if (auto It = Owner.find(Jobs[I].RelFile); It != Owner.end()) {
        Parts[I] = It->second;
      } else {
        Unowned.push_back(&Jobs[I]);
        UnownedAt.push_back(I);
      }
    }
    std::vector<unsigned> Spread = balanced(Unowned);
    for (size_t K = 0; K < UnownedAt.size(); ++K)
      Parts[UnownedAt[K]] = Spread[K];
    for (size_t I = 0; I < Jobs.size(); ++I)
      if (Parts[I] == Part.Index)
        Out.push_back(&Jobs[I]);
    return Out;
  }

private:
  std::vector<unsigned> balanced(const std::vector<const CompileJob *> &Jobs) {
    std::vector<uint64_t> Weights;
    std::vector<std::string> Names;
    for (const CompileJob *J : Jobs) {
      uint64_t Bytes = J->Closure.empty() ? sizeOf(J->RelFile) : 0;
      for (const std::string &F : J->Closure)
        Bytes += sizeOf(F);
      Weights.push_back(Bytes);
      Names.push_back(J->RelFile);
    }
    return assignShards(Weights, Names, Part.Count);
  }
  uint64_t sizeOf(const std::string &Rel) {
    auto [It, New] = Sizes.try_emplace(Rel, 0);
    if (New)
      llvm::sys::fs::file_size(Root + "/" + Rel, It->second);
    return It->second;
  }

  const std::string &Root;
  Shard Part;
  llvm::StringMap<uint64_t> Sizes;
  llvm::StringMap<unsigned> Owner; ///< Project file -> part of the first unit reaching it.
  std::vector<unsigned> UnitParts;
};

/// Runs Jobs, largest file first, in Workers when given (each parse then
/// in a worker process) or else on a pool of threads, handing results to
/// Sink one at a time.
void runJobs(const std::vector<const CompileJob *> &Jobs, JobRunner &Runner,
             const ScanSettings &Settings, SharedPrefixes *Prefixes, UnitWorkers *Workers,
             Counters &Count, const std::function<void(TUResult &)> &Sink) {
  // Only units parsed in full take a precompiled header.
  // Built before the workers are forked or the threads start, each in a
  // process of its own that takes its memory with it; true when any was.
  auto PlanPrefixes = [&](const std::vector<const CompileJob *> &ToParse) {
    std::vector<const CompileJob *> Full;
    for (const CompileJob *Job : ToParse)
      if (!Job->DirectivesOnly)
        Full.push_back(Job);
    Prefixes->plan(Full);
    bool Built = Prefixes->buildAll();
    Prefixes->vet();
    return Built;
  };
  std::vector<const CompileJob *> Order = largestFirst(Jobs);
  if (Workers) {
    std::vector<const CompileJob *> ToParse;
    for (const CompileJob *Job : Order) {
      if (std::optional<TUResult> Stored = Runner.stored(*Job, Runner.key(*Job)))
        Sink(*Stored);
      else
        ToParse.push_back(Job);
    }
    if (Prefixes && PlanPrefixes(ToParse))
      Workers->restart();
    // The workers are forked with the names in place: they must not open
    // the knowledge base themselves.
    if (!ToParse.empty())
      Runner.names();
    // A unit whose parse over a precompiled header crashed is parsed
    // again without it (in a thread, crash recovery does that).
    std::vector<const CompileJob *> Again;
    auto Done = [&](const CompileJob &Job, TUResult R, const std::string &Stopped) {
      if (Stopped.find("crashed") != std::string::npos && Prefixes && Prefixes->forget(Job)) {
        Again.push_back(&Job);
        return;
      }
      if (Stopped.empty())
        Runner.finish(R, Runner.key(Job));
      else
        Count.Stopped.push_back(Job.RelFile + ": " + Stopped);
      Sink(R);
    };
    Workers->run(ToParse, Done);
    if (!Again.empty()) {
      Workers->restart();
      Workers->run(std::vector<const CompileJob *>(Again), Done);
    }
    return;
  }
  if (Prefixes)
    PlanPrefixes(Jobs);
  auto Analyze = [&](const CompileJob &Job) {
    std::string Key = Runner.key(Job);
    if (std::optional<TUResult> Stored = Runner.stored(Job, Key))
      return std::move(*Stored);
    TUResult R = Runner.parse(Job);
    Runner.finish(R, Key);
    return R;
  };
  if (Settings.Workers == 1 || Order.size() <= 1) {
    for (const CompileJob *Job : Order) {
      TUResult R = Analyze(*Job);
      Sink(R);
    }
    return;
  }
  std::mutex Lock;
  llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Settings.Workers));
  for (const CompileJob *Job : Order)
    Pool.async([&, Job] {
      TUResult R = Analyze(*Job);
      std::lock_guard<std::mutex> Guard(Lock);
      Sink(R);
    });
  Pool.wait();
}

} // namespace

size_t runScan(const CompilePlan &Plan, llvm::StringRef Root, const PluginHost &Plugins,
               const ScanSettings &Given, const UnitCallback &OnUnit, ScanStats *Stats) {
  ScanSettings Settings = Given;
  std::shared_ptr<ParseCache> Cache;
  if (!Settings.Cache) {
    Cache = makeParseCache();
    Settings.Cache = Cache.get();
  }
  std::string RootStr = Root.str();
  FileHashes OwnHashes(RootStr);
  FileHashes &Hashes = Settings.Hashes ? *Settings.Hashes : OwnHashes;
  const bool Sharded = !Settings.Part.whole();
  PlanSplit Split(Plan, RootStr, Settings.Part);
  std::vector<const CompileJob *> First = Split.mine(Plan.Jobs, /*Units=*/true);
  size_t Done = 0, Total = First.size();
  // The files read by units, and by every job so far.
  llvm::StringSet<> ReadByUnits, Read;
  UnitPhase Phase = UnitPhase::Unit;
  std::function<void(TUResult &)> Sink = [&](TUResult &R) {
    R.Phase = Phase;
    for (const std::string &F : R.FilesRead) {
      Read.insert(F);
      if (Phase == UnitPhase::Unit)
        ReadByUnits.insert(F);
    }
    OnUnit(R, ++Done, Total);
  };
  std::optional<SharedPrefixes> Prefixes;
  if (Settings.SharedPrefix)
    Prefixes.emplace(RootStr, Settings.Cache);
  SharedPrefixes *P = Prefixes ? &*Prefixes : nullptr;
  Counters Count;
  JobRunner Runner(RootStr, Plugins, Settings, Hashes, P, Count);
  std::optional<UnitWorkers> Workers;
  if (Settings.Limits.Isolate) {
    std::vector<const CompileJob *> All = First;
    for (const auto *Jobs : {&Plan.Deferred, &Plan.Headers})
      for (const CompileJob &J : *Jobs)
        All.push_back(&J);
    Workers.emplace(
        All, [&](const CompileJob &Job) { return Runner.parse(Job); },
        Settings.Workers ? Settings.Workers : llvm::hardware_concurrency().compute_thread_count(),
        Settings.Limits);
  }
  UnitWorkers *W = Workers ? &*Workers : nullptr;
  runJobs(First, Runner, Settings, P, W, Count, Sink);

  // Then the jobs of files that no parse has read so far: a source another
  // file may include (one a unit's parse read was analyzed through it), and
  // a header reached only through a skipped #include or not at all.
  // A shard tells its headers by its units' reads alone: a candidate
  // source it ran may be dropped by the merge, and what it read with it.
  auto RunUnread = [&](const std::vector<CompileJob> &Jobs, const llvm::StringSet<> &Reads,
                       UnitPhase Pass) {
    std::vector<const CompileJob *> Unread;
    std::vector<const CompileJob *> Mine = Split.mine(Jobs, /*Units=*/false);
    for (const CompileJob *J : Mine)
      if (!Reads.count(J->RelFile))
        Unread.push_back(J);
    Total += Unread.size();
    Phase = Pass;
    Runner.reuse(!isCandidate(Pass));
    runJobs(Unread, Runner, Settings, P, W, Count, Sink);
    return std::make_pair(Mine.size(), Unread.size());
  };
  auto [DeferredMine, DeferredParsed] =
      RunUnread(Plan.Deferred, Read,
                Sharded ? UnitPhase::DeferredCandidate : UnitPhase::Deferred);
  RunUnread(Plan.Headers, Sharded ? ReadByUnits : Read,
            Sharded ? UnitPhase::HeaderCandidate : UnitPhase::Header);
  if (Stats) {
    Stats->UnitsWithMsvcVersion = Count.MsvcVersion;
    Stats->Stopped = Count.Stopped;
  }
  if (Stats && P) {
    Stats->SharedPrefixes = P->built();
    Stats->UnitsOverSharedPrefix = Count.OverPrefix;
    Stats->SharedPrefixError = P->firstError();
  }
  return DeferredMine - DeferredParsed;
}

} // namespace portolan
