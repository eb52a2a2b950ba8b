//===- FileStat.cpp -------------------------------------------------------===//
#include "portolan/base/FileStat.h"

#include <sys/stat.h>

namespace portolan {

std::optional<FileStat> statFile(const std::string &Path) {
  struct stat St;
  if (::stat(Path.c_str(), &St) != 0)
    return std::nullopt;
  FileStat S;
  S.Device = int64_t(St.st_dev);
  S.Inode = int64_t(St.st_ino);
  S.Size = int64_t(St.st_size);
  S.MtimeNs = int64_t(St.st_mtim.tv_sec) * 1000000000 + St.st_mtim.tv_nsec;
  S.CtimeNs = int64_t(St.st_ctim.tv_sec) * 1000000000 + St.st_ctim.tv_nsec;
  return S;
}

} // namespace portolan
