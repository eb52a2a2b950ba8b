//===- ScanDriver.cpp - the worker pool over all units ---------------------===//
#include "portolan/ScanDriver.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/ADT/StringMap.h>
#include <llvm/ADT/StringSet.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/ThreadPool.h>
#include <llvm/Support/Threading.h>
#include <llvm/Support/xxhash.h>

#include <algorithm>
#include <chrono>
#include <sys/stat.h>
#include <mutex>

namespace portolan {

std::string hashText(llvm::StringRef Bytes) {
  return llvm::utohexstr(llvm::xxh3_64bits(llvm::ArrayRef<uint8_t>(
                             reinterpret_cast<const uint8_t *>(Bytes.data()), Bytes.size())),
                         /*LowerCase=*/true, /*Width=*/16);
}

std::string contentHash(const std::string &Path) {
  // Read, not mapped (IsVolatile): most files are small, and mapping each
  // cost more in page faults than the copy.
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false,
                                            /*IsVolatile=*/true);
  if (!Buffer)
    return "";
  return hashText((*Buffer)->getBuffer());
}

struct FileHashes::Impl {
  std::string Root;
  llvm::StringMap<FileStat> Known;
  mutable std::mutex Lock;
  llvm::StringMap<std::string> Hashes;
  llvm::StringMap<FileStat> Fresh;
};

FileHashes::FileHashes(std::string Root, llvm::StringMap<FileStat> Known)
    : P(std::make_unique<Impl>()) {
  P->Root = std::move(Root);
  P->Known = std::move(Known);
}
FileHashes::~FileHashes() = default;

std::optional<FileStat> statFile(const std::string &Path) {
  struct stat St;
  if (::stat(Path.c_str(), &St) != 0)
    return std::nullopt;
  FileStat S;
  S.Device = int64_t(St.st_dev);
  S.Inode = int64_t(St.st_ino);
  S.Size = int64_t(St.st_size);
  S.MtimeNs = int64_t(St.st_mtim.tv_sec) * 1000000000 + St.st_mtim.tv_nsec;
  S.CtimeNs = int64_t(St.st_ctim.tv_sec) * 1000000000 + St.st_ctim.tv_nsec;
  return S;
}

namespace {

int64_t nowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

} // namespace

std::string FileHashes::operator()(const std::string &Rel) {
  {
    std::lock_guard<std::mutex> Guard(P->Lock);
    auto It = P->Hashes.find(Rel);
    if (It != P->Hashes.end())
      return It->second;
  }
  std::string Path = P->Root + "/" + Rel;
  std::optional<FileStat> Now = statFile(Path);
  std::string H;
  bool Read = true;
  if (auto K = P->Known.find(Rel); Now && K != P->Known.end() && K->second.sameFile(*Now) &&
                                   Now->CtimeNs < K->second.HashedAtNs - 1000000000) {
    H = K->second.Hash;
    Read = false;
  } else {
    int64_t Before = nowNs();
    H = contentHash(Path);
    if (Now) {
      Now->HashedAtNs = Before;
      Now->Hash = H;
    }
  }
  std::lock_guard<std::mutex> Guard(P->Lock);
  if (Read && Now && !H.empty())
    P->Fresh.try_emplace(Rel, *Now);
  return P->Hashes.try_emplace(Rel, H).first->second;
}

std::vector<std::pair<std::string, FileStat>> FileHashes::newStats() const {
  std::lock_guard<std::mutex> Guard(P->Lock);
  std::vector<std::pair<std::string, FileStat>> Out;
  for (const auto &E : P->Fresh)
    Out.emplace_back(E.getKey().str(), E.getValue());
  std::sort(Out.begin(), Out.end(),
            [](const auto &A, const auto &B) { return A.first < B.first; });
  return Out;
}

void FileHashes::prime(const std::vector<std::string> &Files, unsigned Workers) {
  llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Workers));
  // A few hundred files per task: one task per file costs more than the
  // hashing of a small one.
  const size_t Chunk = 64;
  for (size_t I = 0; I < Files.size(); I += Chunk)
    Pool.async([this, &Files, I, Chunk] {
      for (size_t K = I; K < std::min(Files.size(), I + Chunk); ++K)
        (*this)(Files[K]);
    });
  Pool.wait();
}

namespace {

/// What a unit's result depends on besides its files' contents.
std::string cacheKey(const CompileJob &Job, const std::string &Salt) {
  std::string Text = Salt + '\0' + Job.Directory + '\0';
  for (const std::string &A : Job.Args)
    Text += A + '\0';
  return hashText(Text);
}

/// Runs Jobs on the pool, largest file first, handing results to Sink one
/// at a time.
void runJobs(const std::vector<const CompileJob *> &Jobs, const std::string &Root,
             const PluginHost &Plugins, const ScanSettings &Settings, FileHashes &Hashes,
             const std::function<void(const TUResult &)> &Sink) {
  auto Analyze = [&](const CompileJob &Job) {
    std::string Key;
    if (!Settings.CacheSalt.empty()) {
      Key = cacheKey(Job, Settings.CacheSalt);
      if (Settings.Reuse)
        if (std::optional<TUResult> Stored =
                Settings.Reuse(Job.RelFile, Key,
                               [&](const std::string &Rel) { return Hashes(Rel); }))
          return std::move(*Stored);
    }
    const LexicalNames *Names = Settings.Names;
    if (!Names && Settings.NamesOnDemand)
      Names = Settings.NamesOnDemand();
    TUResult R = analyzeUnit(Job, Root, Plugins, Names, Settings.Cache);
    if (Settings.Target && needsTargetCheck(R))
      checkOnTarget(R, Job, Root, *Settings.Target);
    if (!Key.empty()) {
      R.CacheKey = Key;
      for (const std::string &F : R.FilesRead)
        R.FileHashes.push_back(Hashes(F));
    }
    return R;
  };
  std::vector<std::pair<uint64_t, const CompileJob *>> Order;
  for (const CompileJob *Job : Jobs) {
    uint64_t Size = 0;
    llvm::sys::fs::file_size(Job->File, Size);
    Order.emplace_back(Size, Job);
  }
  // Largest first, so that the last unit to finish is a short one.
  std::stable_sort(Order.begin(), Order.end(),
                   [](const auto &A, const auto &B) { return A.first > B.first; });
  if (Settings.Workers == 1 || Order.size() <= 1) {
    for (auto &[Size, Job] : Order)
      Sink(Analyze(*Job));
    return;
  }
  std::mutex Lock;
  llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Settings.Workers));
  for (auto &[Size, Job] : Order) {
    const CompileJob *J = Job;
    Pool.async([&, J] {
      TUResult R = Analyze(*J);
      std::lock_guard<std::mutex> Guard(Lock);
      Sink(R);
    });
  }
  Pool.wait();
}

} // namespace

size_t runScan(const CompilePlan &Plan, llvm::StringRef Root, const PluginHost &Plugins,
               const ScanSettings &Given, const UnitCallback &OnUnit) {
  ScanSettings Settings = Given;
  std::shared_ptr<ParseCache> Cache;
  if (!Settings.Cache) {
    Cache = makeParseCache();
    Settings.Cache = Cache.get();
  }
  std::string RootStr = Root.str();
  FileHashes OwnHashes(RootStr);
  FileHashes &Hashes = Settings.Hashes ? *Settings.Hashes : OwnHashes;
  size_t Done = 0, Total = Plan.Jobs.size();
  llvm::StringSet<> Read;
  auto Sink = [&](const TUResult &R) {
    for (const std::string &F : R.FilesRead)
      Read.insert(F);
    OnUnit(R, ++Done, Total);
  };
  std::vector<const CompileJob *> First;
  for (const CompileJob &J : Plan.Jobs)
    First.push_back(&J);
  runJobs(First, RootStr, Plugins, Settings, Hashes, Sink);

  // A deferred source that some unit's parse read was analyzed through it.
  std::vector<const CompileJob *> Second;
  for (const CompileJob &J : Plan.Deferred)
    if (!Read.count(J.RelFile))
      Second.push_back(&J);
  Total += Second.size();
  runJobs(Second, RootStr, Plugins, Settings, Hashes, Sink);
  return Plan.Deferred.size() - Second.size();
}

} // namespace portolan
