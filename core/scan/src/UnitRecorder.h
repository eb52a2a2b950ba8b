//===- UnitRecorder.h - a run's units written as they finish --------------===//
#ifndef PORTOLAN_SCAN_UNITRECORDER_H
#define PORTOLAN_SCAN_UNITRECORDER_H

#include "portolan/base/Finding.h"
#include "portolan/store/ResultsStore.h"

#include <llvm/Support/Error.h>

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace portolan {

/// Writes the units of one run to the store as they finish, and answers the
/// workers' reuse lookups on the same store. A parsed unit is committed as
/// it comes, so that a crash loses no parse; units taken from the store are
/// written together, before the next parsed one or at the end. Thread-safe.
class UnitRecorder {
public:
  UnitRecorder(ResultsStore &Store, int64_t Run) : Store(Store), Run(Run) {}

  void record(const TUResult &U);
  /// ResultsStore::reusableUnit, under the recorder's lock.
  std::optional<TUResult> reusable(const std::string &Root, const std::string &RelFile,
                                   const std::string &Key,
                                   const std::function<std::string(const std::string &)> &HashOf);
  /// Writes what is left. When every result was reused from one earlier
  /// run, and as many as it holds, the run is recorded as having that
  /// run's results (nothing is copied) and the answer is true. The first
  /// error met while writing, if any, is returned.
  llvm::Expected<bool> finish();

private:
  void flushReused();

  ResultsStore &Store;
  int64_t Run;
  std::mutex Lock;
  std::vector<TUResult> Reused;
  bool AnyParsed = false;
  std::string Error;
};

} // namespace portolan

#endif
