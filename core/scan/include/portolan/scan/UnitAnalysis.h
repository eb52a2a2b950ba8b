//===- portolan/scan/UnitAnalysis.h - one unit, parsed once -----------------===//
#ifndef PORTOLAN_SCAN_UNITANALYSIS_H
#define PORTOLAN_SCAN_UNITANALYSIS_H

#include "portolan/base/Finding.h"
#include "portolan/kb/LexicalNames.h"
#include "portolan/scan/CompilePlan.h"
#include "portolan/scan/PluginHost.h"

#include <llvm/ADT/StringRef.h>
#include <llvm/ADT/StringSet.h>

#include <memory>
#include <string>
#include <vector>

namespace portolan {

/// Clang's resource directory (holding include/immintrin.h ...): the
/// PORTOLAN_CLANG_RESOURCE_DIR environment variable, else the one of the
/// Clang Portolan was built with.
std::string clangResourceDir();

/// Files' stats and contents shared by the parses of one scan: a header
/// that every unit includes is looked up and read once, not once per unit.
/// Thread-safe; the files must not change while it lives.
struct ParseCache;
std::shared_ptr<ParseCache> makeParseCache();

/// Parses Job once with Clang and runs every loaded plugin over it. Never
/// throws: a unit that cannot be parsed comes back with Parsed == false and
/// its errors; a plugin that throws is recorded in AnalyzerErrors. With
/// Names, the ranges the parse skipped are scanned lexically too, and
/// every finding gets its guard context. With Cache, files are read
/// through it.
/// With SharedPrefixPch, the parse starts from that precompiled header
/// (buildPrefixPch), which must hold only headers Job's parse reads first,
/// in the same order and with the same command.
TUResult analyzeUnit(const CompileJob &Job, llvm::StringRef Root,
                     const PluginHost &Plugins, const LexicalNames *Names = nullptr,
                     ParseCache *Cache = nullptr, llvm::StringRef SharedPrefixPch = {});

/// Job's command line with the flags every parse adds (resource folder,
/// syntax only, no warnings, no error limit).
std::vector<std::string> parseArguments(const CompileJob &Job);

/// Precompiles Includes (each "<name>" or "\"name\"", in order) with Job's
/// command into Base.pch, writing the header Base.h first; false with
/// Error when that fails or the headers have errors. Identifiers, when
/// given, receives every name the headers wrote (macros, declarations,
/// names tested by their conditionals); Macros what they do with macros.
struct PrefixMacros {
  llvm::StringSet<> All;   ///< Every macro they define or undefine.
  llvm::StringSet<> AtEnd; ///< Those defined at their end.
  /// Those defined once and never undefined, with the file that does.
  llvm::StringMap<std::string> Once;
};
bool buildPrefixPch(const CompileJob &Job, const std::vector<std::string> &Includes,
                    const std::string &Base, ParseCache *Cache, std::string &Error,
                    llvm::StringSet<> *Identifiers = nullptr, PrefixMacros *Macros = nullptr);

} // namespace portolan

#endif
