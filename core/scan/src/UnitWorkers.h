//===- UnitWorkers.h - unit parses in worker processes with limits --------===//
//
// A parse that crashes (a stack overflow on 20,000 nested parentheses), runs
// for ever or eats the machine's memory must cost only its own unit. Each
// worker is a child process forked from the scan before the first parse, so
// it has the plan, the plugins and the knowledge base's names without being
// sent them; it parses the units it is given one after the other (its file
// cache pays off across them), and sends each result back (UnitWire.h). The
// scan records a worker that dies or runs out of time as that unit's error
// and starts another worker.
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_SCAN_UNITWORKERS_H
#define PORTOLAN_SCAN_UNITWORKERS_H

#include "portolan/base/Finding.h"
#include "portolan/scan/CompilePlan.h"
#include "portolan/scan/ScanDriver.h"

#include <llvm/ADT/DenseMap.h>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace portolan {

class UnitWorkers {
public:
  /// Runs in a worker: parses one job.
  using ParseFn = std::function<TUResult(const CompileJob &)>;
  /// Runs in the scan: one job's result, or its error when its worker died
  /// or was stopped (then Stopped holds why, in one line).
  using DoneFn =
      std::function<void(const CompileJob &, TUResult R, const std::string &Stopped)>;

  /// Workers for any of Jobs (their addresses must stay valid), at most
  /// Count at a time, each under Limits. Starts none yet.
  UnitWorkers(const std::vector<const CompileJob *> &Jobs, ParseFn Parse, unsigned Count,
              const UnitLimits &Limits);
  ~UnitWorkers();
  UnitWorkers(const UnitWorkers &) = delete;
  UnitWorkers &operator=(const UnitWorkers &) = delete;

  /// Parses each of Jobs (from those given at construction) in a worker,
  /// starting workers as needed, and calls Done in this process for each,
  /// in the order they finish. This process must have no other thread
  /// running while it starts a worker.
  void run(const std::vector<const CompileJob *> &Jobs, const DoneFn &Done);

  /// Ends the idle workers, so that the next run forks them anew from
  /// this process as it is now.
  void restart();

private:
  struct Worker {
    int Pid = -1;
    int Socket = -1;
    const CompileJob *Job = nullptr; ///< The job it parses; none when idle.
    std::chrono::steady_clock::time_point Since;
    std::string Received;
  };

  bool start(Worker &W);
  /// A worker's loop; Scan is the process that forked it.
  [[noreturn]] void serve(int Socket, int Scan);
  /// Ends W's process (killed when Kill) and tells why it ended.
  std::string reap(Worker &W, bool Kill);
  bool give(Worker &W, const CompileJob &Job);

  std::vector<const CompileJob *> All;
  llvm::DenseMap<const CompileJob *, uint32_t> Index;
  ParseFn Parse;
  UnitLimits Limits;
  std::vector<Worker> Workers;
};

/// The line that tells why a worker ended, from its wait status (as
/// waitpid gives it); exposed for tests.
std::string workerEnd(int Status, const UnitLimits &Limits);

} // namespace portolan

#endif
