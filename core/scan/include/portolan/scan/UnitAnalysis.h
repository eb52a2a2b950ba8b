//===- portolan/scan/UnitAnalysis.h - one unit, parsed once -----------------===//
#ifndef PORTOLAN_SCAN_UNITANALYSIS_H
#define PORTOLAN_SCAN_UNITANALYSIS_H

#include "portolan/base/Finding.h"
#include "portolan/kb/LexicalNames.h"
#include "portolan/scan/CompilePlan.h"
#include "portolan/scan/PluginHost.h"

#include <llvm/ADT/StringRef.h>

#include <memory>
#include <string>

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
TUResult analyzeUnit(const CompileJob &Job, llvm::StringRef Root,
                     const PluginHost &Plugins, const LexicalNames *Names = nullptr,
                     ParseCache *Cache = nullptr);

} // namespace portolan

#endif
