//===- portolan/scan/SharedPrefix.h - system headers parsed once, shared -===//
//
// A Windows unit spends most of its parse in windows.h and the C++ standard
// library; every unit of a Visual Studio project reads them again with the
// same command. Units whose command line (all but the file) is the same
// and that read the same system headers first are parsed over one
// precompiled header of those (Clang's -include-pch), built on first use
// and shared by every worker; each unit's own #include lines of them then
// find them already read.
//
// A unit's first system headers are found from its text: the forced
// includes, then the main file, followed through project headers, until
// the project writes something that could make a system header read after
// it differently, or that the walk cannot evaluate: a conditional whose
// value the predefined, command-line and project macros do not give
// (PrefixConditions.h), a pragma other than once, warning, comment or
// region, an #include inside braces (extern "C" {, a namespace) or one
// that cannot be resolved. A name those conditionals read that one of the
// precompiled headers defines or undefines keeps the unit off it. Declarations of the project
// do not change a system header read after them. A macro the project
// defines or undefines before the last precompiled header it would use
// may: the unit uses the precompiled header only if none of its headers
// wrote that name (checked when it is built, against every identifier its
// preprocessor met). Units that fail to parse cleanly over it are parsed
// again in full (ScanDriver), so an error of its making costs nothing.
//
// The order matters (mingw-w64's <wchar.h> declares its C++ overloads by
// what was read before it), so a unit takes a precompiled header only of
// the start of its own list, in its own order; the starts are chosen per
// command from those enough units share (choosePrefixes in
// SharedPrefix.cpp).
//
//===----------------------------------------------------------------------===//
#ifndef PORTOLAN_SCAN_SHAREDPREFIX_H
#define PORTOLAN_SCAN_SHAREDPREFIX_H

#include "portolan/scan/CompilePlan.h"
#include "portolan/scan/UnitAnalysis.h"

#include <llvm/ADT/DenseMap.h>
#include <llvm/ADT/StringSet.h>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace portolan {

/// The system headers Job's parse reads first (see above), in order, each
/// as its #include wrote it ("<windows.h>"); ParseArgs are Job's command as
/// parseArguments gives it.
std::vector<std::string> systemPrefixOf(const CompileJob &Job,
                                        const std::vector<std::string> &ParseArgs,
                                        llvm::StringRef Root);

/// The precompiled prefixes of one batch of units, in a folder of their
/// own that goes when this does.
class SharedPrefixes {
public:
  /// A name the project wrote, and the system header that had defined
  /// it as a macro there (canonical name; empty when none had).
  struct CodeName {
    std::string Name;
    std::string File;
  };

  /// At least this many units must share a prefix for it to be built.
  static constexpr unsigned MinUnits = 8;
  /// Headers that read less cost about as much as reading their
  /// precompiled form (a C library's <stdio.h> and <string.h>).
  static constexpr uint64_t MinBytes = 4 << 20;

  SharedPrefixes(llvm::StringRef Root, ParseCache *Cache);
  ~SharedPrefixes();
  SharedPrefixes(const SharedPrefixes &) = delete;
  SharedPrefixes &operator=(const SharedPrefixes &) = delete;

  /// Chooses the sets worth building for Jobs; none is built yet.
  void plan(const std::vector<const CompileJob *> &Jobs);

  /// The precompiled header Job's parse starts from, built by the first
  /// caller (the others wait for it); empty when Job has none or it could
  /// not be built. Thread-safe.
  std::string pchFor(const CompileJob &Job);

  /// Job takes none from now on; true when it had one.
  bool forget(const CompileJob &Job);

  /// Once they are built: takes them from the units whose code before
  /// them names a macro of theirs that the unit's parse would not have
  /// there, or whose conditionals read a system macro they define
  /// otherwise than the header the unit had read.
  void vet();

  /// Builds every planned one not built yet, each in a child process
  /// (its memory goes with it), for workers forked after this to share;
  /// true when it built any. This process must have no other thread
  /// running.
  bool buildAll();

  /// How many were built, and the first error of one that could not be.
  unsigned built() const;
  std::string firstError() const;

private:
  struct Prefix {
    unsigned Number = 0;                 ///< Names its files.
    const CompileJob *Builder = nullptr; ///< A unit whose command builds it.
    std::vector<std::string> Includes;
    std::once_flag Once;
    std::string Pch; ///< Empty until built, or when that failed.
    llvm::StringSet<> Identifiers; ///< Every name its headers wrote.
    PrefixMacros Macros;           ///< What its headers do with macros.
  };
  struct UnitPrefix {
    Prefix *P = nullptr;
    /// What the unit's project files define or undefine before the
    /// prefix's last header.
    std::vector<std::string> Macros;
    /// The names its project files' conditionals read before it.
    std::vector<std::string> Read;
    /// The identifiers of its project code and macro bodies before it.
    std::vector<CodeName> Code;
    /// The names its conditionals read that a system header had defined.
    std::vector<CodeName> SystemRead;
  };

  /// For a C command: the header that spares the most (windows.h) and
  /// the headers the units that read it read before it, the same Windows
  /// headers in the same order and the standard C headers all of them
  /// read, in any order (SharedPrefix.cpp, orderFree), into Common; the
  /// units (indexes into Lists) that take it, each with the length of its
  /// own list up to that header.
  std::vector<std::pair<size_t, size_t>>
  commonSet(const std::vector<std::vector<std::string>> &Lists,
            const std::map<std::string, uint64_t> &Weight, std::vector<std::string> &Common);

  /// Builds P here or, InChild, in a child process.
  void build(Prefix &P, bool InChild);

  std::string Root;
  ParseCache *Cache;
  std::string Folder; ///< Empty until the first build makes it.
  std::vector<std::unique_ptr<Prefix>> Prefixes;
  llvm::DenseMap<const CompileJob *, UnitPrefix> ByUnit;
  std::map<std::string, uint64_t> Reach; ///< Of each system header, in bytes.
  mutable std::mutex Lock;
  unsigned Built = 0;
  std::string Error;
};

} // namespace portolan

#endif
