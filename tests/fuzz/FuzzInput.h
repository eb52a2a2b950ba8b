//===- FuzzInput.h - what the fuzz targets share ---------------------------===//
//
// Readers that take a path get the fuzzer's bytes written to a file of a
// folder of this process's own, made once.
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_TESTS_FUZZ_FUZZINPUT_H
#define PORTOLAN_TESTS_FUZZ_FUZZINPUT_H

#include <llvm/ADT/SmallString.h>
#include <llvm/ADT/StringRef.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/raw_ostream.h>

#include <cstdint>
#include <cstdlib>
#include <string>

namespace portolan_fuzz {

/// This process's folder for inputs.
inline const std::string &folder() {
  static const std::string Folder = [] {
    llvm::SmallString<128> Path;
    if (llvm::sys::fs::createUniqueDirectory("portolan-fuzz", Path))
      std::abort();
    return std::string(Path);
  }();
  return Folder;
}

/// Writes Bytes to Rel under folder() (creating its folders) and returns
/// the path.
inline std::string writeInput(llvm::StringRef Rel, llvm::StringRef Bytes) {
  llvm::SmallString<256> Path(folder());
  llvm::sys::path::append(Path, Rel);
  llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path));
  std::error_code EC;
  llvm::raw_fd_ostream Out(Path, EC);
  if (EC)
    std::abort();
  Out << Bytes;
  return std::string(Path);
}

inline llvm::StringRef bytes(const uint8_t *Data, size_t Size) {
  return llvm::StringRef(reinterpret_cast<const char *>(Data), Size);
}

} // namespace portolan_fuzz

#endif
