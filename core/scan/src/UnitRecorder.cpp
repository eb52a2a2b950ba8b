//===- UnitRecorder.cpp ---------------------------------------------------===//
#include "UnitRecorder.h"

#include <llvm/ADT/STLExtras.h>

namespace portolan {

void UnitRecorder::flushReused() {
  if (llvm::Error E = Store.recordUnits(Run, Reused))
    Error = llvm::toString(std::move(E));
  Reused.clear();
}

void UnitRecorder::record(const TUResult &U) {
  std::lock_guard<std::mutex> Guard(Lock);
  if (U.ReusedFrom) {
    Reused.push_back(U);
  } else {
    AnyParsed = true;
    flushReused();
    if (llvm::Error E = Store.recordUnit(Run, U))
      Error = llvm::toString(std::move(E));
  }
}

std::optional<TUResult>
UnitRecorder::reusable(const std::string &Root, const std::string &RelFile,
                       const std::string &Key,
                       const std::function<std::string(const std::string &)> &HashOf) {
  std::lock_guard<std::mutex> Guard(Lock);
  return Store.reusableUnit(Root, RelFile, Key, HashOf);
}

llvm::Expected<bool> UnitRecorder::finish() {
  std::lock_guard<std::mutex> Guard(Lock);
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
    if (llvm::Error E = Store.recordSameResultsAs(Run, SameAs))
      return E;
  } else {
    flushReused();
  }
  if (!Error.empty())
    return llvm::createStringError(std::errc::io_error, "%s", Error.c_str());
  return SameAs != 0;
}

} // namespace portolan
