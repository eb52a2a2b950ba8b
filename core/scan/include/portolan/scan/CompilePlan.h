//===- portolan/scan/CompilePlan.h - how each translation unit is parsed ----===//
#ifndef PORTOLAN_SCAN_COMPILEPLAN_H
#define PORTOLAN_SCAN_COMPILEPLAN_H

#include "portolan/scan/Discovery.h"
#include "portolan/base/Finding.h"

#include <llvm/ADT/StringRef.h>

#include <optional>
#include <string>
#include <vector>

namespace portolan {

/// One translation unit to parse, with the full command line to parse it.
struct CompileJob {
  std::string File;      ///< Absolute path of the main file.
  std::string RelFile;   ///< Relative to the scan root.
  std::string Directory; ///< Working directory of the command.
  /// The command line, argv[0] first and the file last; the driver adds the
  /// flags every parse needs (resource dir, syntax only, no warnings).
  std::vector<std::string> Args;
  Platform Plat = Platform::LinuxX86_64;
  std::string Source; ///< "compile_commands", "msbuild" or "inferred".
  /// The project files its #include lines reach (all branches, followed
  /// through project headers, resolved as inference would), the unit's own
  /// file first.
  std::vector<std::string> Closure;
  /// Only the preprocessor runs: a test unit whose own file gives findings
  /// only in its directives (set by the prefilter).
  bool DirectivesOnly = false;
};

/// The flags an inferred command gets for its platform: the target, and for
/// Windows (mingw-w64's headers) Microsoft's extensions.
std::vector<std::string> platformFlags(Platform Plat);

/// Job's inferred command made for Plat instead of its own platform.
CompileJob inferredFor(const CompileJob &Job, Platform Plat);

struct PlanOptions {
  /// Folder holding compile_commands.json, as clang-tidy's -p; or a Visual
  /// Studio solution or project (.sln, .vcxproj), or a folder holding one
  /// and no compile_commands.json; empty to infer.
  std::string BuildDir;
  /// The Visual Studio configuration, "Release|x64"; empty: the first
  /// Release configuration for x64.
  std::string MsBuildConfig;
  /// Forces the platform of inferred units; unset infers it per unit.
  std::optional<Platform> ForcedPlatform;
  /// Added to every inferred command before the file (e.g. -DNAME).
  std::vector<std::string> ExtraArgs;
};

/// CompileJob::Source of a header parsed alone: one that some unit's
/// includes name, though only behind a conditional (its findings are
/// inactive), and one that no unit includes at all.
inline constexpr const char *HeaderBehindSkippedInclude = "header-behind-skipped-include";
inline constexpr const char *HeaderIncludedNowhere = "header-included-nowhere";

struct CompilePlan {
  std::vector<CompileJob> Jobs;
  /// Sources another project file may include: each is parsed as a unit
  /// only if no unit of Jobs read it.
  std::vector<CompileJob> Deferred;
  /// The project's headers, each parsed alone only if no unit's parse read
  /// it (it is reached only through an include the parse skipped, such as
  /// `#ifdef __AVX2__ #include "avx2_kernels.h"`, or not at all).
  std::vector<CompileJob> Headers;
  /// One line per problem met while planning ("<file>: <reason>").
  std::vector<std::string> Problems;
};

/// Plans one job per source file of Tree. Commands come from the
/// compilation database when one is given and lists the file; otherwise they
/// are inferred: language from the extension, include folders from where the
/// tree keeps its headers, and the Windows platform for a unit whose include
/// closure within the project reaches a Windows SDK header that no
/// Windows-testing conditional (#ifdef _WIN32 ...) guards.
CompilePlan planCompilation(const SourceTree &Tree, const PlanOptions &Options);

/// An #include (or #import) directive, found lexically.
struct IncludeDirective {
  std::string Name;
  /// Inside a conditional that tests for Windows (_WIN32, _MSC_VER, ...).
  bool UnderWindowsGuard = false;
  bool Angled = false; ///< <name> rather than "name".
  unsigned Depth = 0;  ///< How many conditionals enclose it.
};

/// The #include directives in Text, in order, without preprocessing.
std::vector<IncludeDirective> scanIncludeDirectives(llvm::StringRef Text);
/// The names of the #include directives in Text, in order.
std::vector<std::string> scanIncludes(llvm::StringRef Text);

/// True when Name (as written in an #include) is a Windows SDK header whose
/// presence makes a unit a Windows unit.
bool isWindowsSdkHeader(llvm::StringRef Name);

} // namespace portolan

#endif
