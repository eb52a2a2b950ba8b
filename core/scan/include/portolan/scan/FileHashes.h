//===- portolan/scan/FileHashes.h - a scan's content hashes -----------------===//
#ifndef PORTOLAN_SCAN_FILEHASHES_H
#define PORTOLAN_SCAN_FILEHASHES_H

#include "portolan/base/FileStat.h"

#include <llvm/ADT/StringMap.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace portolan {

/// Content hashes of a tree's files (contentHash), each computed once per
/// scan and shared by every worker. With the stats of an earlier scan, a
/// file whose stat is unchanged is not read at all.
class FileHashes {
public:
  explicit FileHashes(std::string Root, llvm::StringMap<FileStat> Known = {});
  ~FileHashes();
  /// The hash of a file relative to the root; empty if unreadable.
  std::string operator()(const std::string &Rel);
  /// Hashes Files on Workers threads (0 = one per core), ahead of need.
  void prime(const std::vector<std::string> &Files, unsigned Workers);
  /// The stats of the files hashed (read) in this scan, to keep for the next.
  std::vector<std::pair<std::string, FileStat>> newStats() const;

private:
  struct Impl;
  std::unique_ptr<Impl> P;
};

} // namespace portolan

#endif
