//===- TempTree.h - a throwaway source tree for tests ---------------------===//
#ifndef PORTOLAN_TESTS_TEMPTREE_H
#define PORTOLAN_TESTS_TEMPTREE_H

#include <llvm/ADT/SmallString.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/raw_ostream.h>

#include <string>

/// A folder under the system temp folder, removed with the object.
class TempTree {
public:
  TempTree() {
    llvm::SmallString<128> Dir;
    llvm::sys::fs::createUniqueDirectory("portolan-test", Dir);
    llvm::SmallString<128> Real;
    llvm::sys::fs::real_path(Dir, Real);
    Root = std::string(Real);
  }
  ~TempTree() { llvm::sys::fs::remove_directories(Root); }

  /// Writes Content to Rel (relative to the root), creating folders.
  std::string write(const std::string &Rel, const std::string &Content) {
    std::string Path = Root + "/" + Rel;
    llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path));
    std::error_code EC;
    llvm::raw_fd_ostream OS(Path, EC);
    OS << Content;
    return Path;
  }
  const std::string &root() const { return Root; }

private:
  std::string Root;
};

#endif
