//===- ScanDriver.cpp - the worker pool over all units ---------------------===//
#include "portolan/ScanDriver.h"

#include <llvm/Support/FileSystem.h>
#include <llvm/Support/ThreadPool.h>
#include <llvm/Support/Threading.h>

#include <algorithm>
#include <mutex>

namespace portolan {

void runScan(const CompilePlan &Plan, llvm::StringRef Root,
             const PluginHost &Plugins, unsigned Jobs, const UnitCallback &OnUnit) {
  // Largest first, so that the last unit to finish is a short one.
  std::vector<std::pair<uint64_t, const CompileJob *>> Order;
  for (const CompileJob &Job : Plan.Jobs) {
    uint64_t Size = 0;
    llvm::sys::fs::file_size(Job.File, Size);
    Order.emplace_back(Size, &Job);
  }
  std::stable_sort(Order.begin(), Order.end(),
                   [](const auto &A, const auto &B) { return A.first > B.first; });

  std::mutex Lock;
  size_t Done = 0;
  const size_t Total = Order.size();
  std::string RootStr = Root.str();
  llvm::ThreadPoolStrategy Strategy = llvm::hardware_concurrency(Jobs);
  if (Jobs == 1 || Total <= 1) {
    for (auto &[Size, Job] : Order)
      OnUnit(analyzeUnit(*Job, RootStr, Plugins), ++Done, Total);
    return;
  }
  llvm::DefaultThreadPool Pool(Strategy);
  for (auto &[Size, Job] : Order) {
    const CompileJob *J = Job;
    Pool.async([&, J] {
      TUResult R = analyzeUnit(*J, RootStr, Plugins);
      std::lock_guard<std::mutex> Guard(Lock);
      OnUnit(R, ++Done, Total);
    });
  }
  Pool.wait();
}

} // namespace portolan
