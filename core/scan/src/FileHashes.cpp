//===- FileHashes.cpp -----------------------------------------------------===//
#include "portolan/scan/FileHashes.h"

#include "portolan/base/Hashing.h"

#include <llvm/Support/ThreadPool.h>
#include <llvm/Support/Threading.h>

#include <algorithm>
#include <chrono>
#include <mutex>

namespace portolan {

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
  constexpr size_t Chunk = 64;
  for (size_t I = 0; I < Files.size(); I += Chunk)
    Pool.async([this, &Files, I] {
      for (size_t K = I; K < std::min(Files.size(), I + Chunk); ++K)
        (*this)(Files[K]);
    });
  Pool.wait();
}

} // namespace portolan
