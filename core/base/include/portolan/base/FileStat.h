//===- portolan/base/FileStat.h - a file's identity, size, times and hash ---===//
#ifndef PORTOLAN_BASE_FILESTAT_H
#define PORTOLAN_BASE_FILESTAT_H

#include <cstdint>
#include <optional>
#include <string>

namespace portolan {

/// What the file system says of a file, and the content hash it had then:
/// the same identity, size and times (ctime too, which no tool sets back)
/// mean the same content, as ccache's inode cache and git's index take it.
struct FileStat {
  int64_t Device = 0, Inode = 0, Size = 0, MtimeNs = 0, CtimeNs = 0;
  /// When the hash was computed (ns since the epoch). A file changed
  /// within a second before that is hashed again: its times may not have
  /// moved since (file times are coarse).
  int64_t HashedAtNs = 0;
  std::string Hash;
  bool sameFile(const FileStat &O) const {
    return Device == O.Device && Inode == O.Inode && Size == O.Size && MtimeNs == O.MtimeNs &&
           CtimeNs == O.CtimeNs;
  }
};

/// A file's device, inode, size and times (no hash), or none if it cannot
/// be stat'ed.
std::optional<FileStat> statFile(const std::string &Path);

} // namespace portolan

#endif
