//===- ScanDriver.cpp - the worker pool over all units ---------------------===//
#include "portolan/ScanDriver.h"

#include <llvm/ADT/StringSet.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/ThreadPool.h>
#include <llvm/Support/Threading.h>

#include <algorithm>
#include <mutex>

namespace portolan {
namespace {

/// Runs Jobs on the pool, largest file first, handing results to Sink one
/// at a time.
void runJobs(const std::vector<const CompileJob *> &Jobs, const std::string &Root,
             const PluginHost &Plugins, unsigned Workers, const LexicalNames *Names,
             const TargetCheckOptions *Target,
             const std::function<void(const TUResult &)> &Sink) {
  auto Analyze = [&](const CompileJob &Job) {
    TUResult R = analyzeUnit(Job, Root, Plugins, Names);
    if (Target && needsTargetCheck(R))
      checkOnTarget(R, Job, Root, *Target);
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
  if (Workers == 1 || Order.size() <= 1) {
    for (auto &[Size, Job] : Order)
      Sink(Analyze(*Job));
    return;
  }
  std::mutex Lock;
  llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Workers));
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
               unsigned Workers, const UnitCallback &OnUnit, const LexicalNames *Names,
               const TargetCheckOptions *Target) {
  std::string RootStr = Root.str();
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
  runJobs(First, RootStr, Plugins, Workers, Names, Target, Sink);

  // A deferred source that some unit's parse read was analyzed through it.
  std::vector<const CompileJob *> Second;
  for (const CompileJob &J : Plan.Deferred)
    if (!Read.count(J.RelFile))
      Second.push_back(&J);
  Total += Second.size();
  runJobs(Second, RootStr, Plugins, Workers, Names, Target, Sink);
  return Plan.Deferred.size() - Second.size();
}

} // namespace portolan
