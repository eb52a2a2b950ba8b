//===- CliRun.h - running the portolan command line in tests --------------===//
#ifndef PORTOLAN_TESTS_E2E_CLIRUN_H
#define PORTOLAN_TESTS_E2E_CLIRUN_H

#include "../unit/TempTree.h"

#include <gtest/gtest.h>
#include <llvm/ADT/StringRef.h>
#include <llvm/Support/JSON.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Program.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace portolan_test {

struct Result {
  int Exit = -1;
  std::string Out, Err;
};

inline std::string slurp(const std::string &Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  return Buf ? (*Buf)->getBuffer().str() : "";
}

inline Result run(const TempTree &T, std::vector<std::string> Args,
                  const std::string &Binary = PORTOLAN_BINARY) {
  std::string OutPath = T.root() + "/.stdout", ErrPath = T.root() + "/.stderr";
  // ExecuteAndWait's redirections do not truncate: start from empty files.
  llvm::sys::fs::remove(OutPath);
  llvm::sys::fs::remove(ErrPath);
  std::vector<llvm::StringRef> Argv = {Binary};
  for (const std::string &A : Args)
    Argv.push_back(A);
  std::optional<llvm::StringRef> Redirects[] = {std::nullopt, llvm::StringRef(OutPath),
                                                llvm::StringRef(ErrPath)};
  Result R;
  // A run that hangs fails its test (exit -2) instead of the suite.
  R.Exit = llvm::sys::ExecuteAndWait(Binary, Argv, std::nullopt, Redirects,
                                     /*SecondsToWait=*/600);
  R.Out = slurp(OutPath);
  R.Err = slurp(ErrPath);
  return R;
}

inline const std::string MiniRepo = std::string(PORTOLAN_SOURCE_DIR) + "/tests/fixtures/mini-repo";

inline llvm::json::Value parseJson(const std::string &Text) {
  auto V = llvm::json::parse(Text);
  if (!V) {
    ADD_FAILURE() << llvm::toString(V.takeError()) << "\n" << Text;
    return nullptr;
  }
  return std::move(*V);
}

inline size_t lines(const std::string &S) { return std::count(S.begin(), S.end(), '\n'); }

} // namespace portolan_test

#endif
