//===- portolan/scan/Discovery.h - finds the C/C++ files of a source tree ---===//
#ifndef PORTOLAN_SCAN_DISCOVERY_H
#define PORTOLAN_SCAN_DISCOVERY_H

#include <llvm/ADT/StringRef.h>
#include <llvm/Support/Error.h>

#include <cstdint>
#include <string>
#include <vector>

namespace portolan {

struct DiscoveryOptions {
  /// Glob patterns (llvm::GlobPattern syntax) matched against paths relative
  /// to the root; a matching folder is skipped whole.
  std::vector<std::string> Excludes;
  /// Files larger than this are not scanned; each is reported as a problem.
  std::uint64_t MaxFileBytes = 8u << 20;
};

/// The C/C++ files of a tree, as '/'-separated paths relative to Root.
struct SourceTree {
  std::string Root; ///< Absolute path with symlinks resolved.
  std::vector<std::string> Sources;
  std::vector<std::string> Headers;
  /// Every other regular file (build files, assembly sources, binaries,
  /// ...), for the plugins' file analyzers. Not read by discovery.
  std::vector<std::string> Others;
  /// One line per path that could not be read or was left out on purpose
  /// ("<path>: <reason>").
  std::vector<std::string> Problems;
};

/// True for a C/C++ translation unit's extension (.c, .cc, .cpp, .cxx, ...).
bool isSourceFileName(llvm::StringRef Name);
/// True for a C/C++ header's extension (.h, .hh, .hpp, .hxx, .inl, ...).
bool isHeaderFileName(llvm::StringRef Name);

/// Walks Root, skipping version-control folders, Portolan's own results and
/// build outputs (folders holding CMakeCache.txt or CMakeFiles/).
llvm::Expected<SourceTree> discoverSources(llvm::StringRef Root,
                                           const DiscoveryOptions &Options);

/// The lines of Tree's sources and headers (unreadable files count none).
size_t countLines(const SourceTree &Tree);

} // namespace portolan

#endif
