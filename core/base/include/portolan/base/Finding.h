//===- portolan/base/Finding.h - findings and per-unit results as plain values ---===//
#ifndef PORTOLAN_BASE_FINDING_H
#define PORTOLAN_BASE_FINDING_H

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace portolan {

/// The platform a translation unit is parsed as; File for a file that is
/// not a translation unit (an assembly source, a build file, a binary).
enum class Platform { LinuxX86_64, WindowsX86_64, File };

/// "linux-x86_64", "windows-x86_64" or "file".
const char *platformName(Platform P);
/// The platform platformName gives Name for; none for any other text.
std::optional<Platform> platformFromName(const std::string &Name);

/// One finding, resolved to a file position relative to the scan root.
struct Finding {
  std::string Rule;
  std::string Symbol;
  std::string File; ///< Relative to the scan root, '/'-separated.
  unsigned Line = 0;
  unsigned Column = 0;
  std::string Analyzer;
  std::string Note;
  std::string Snippet; ///< The source line, trimmed.
  /// How the preprocessor conditionals around the finding treat the
  /// platform it ties the code to: "none" (not guarded), "x86-only" or
  /// "windows-only" (guarded, no other branch), "has-alternative" (a branch
  /// for another architecture or OS exists), "has-fallback" (a generic
  /// #else exists). See docs/rules.md.
  std::string Guard = "none";
  /// True for code the parse skipped (an #ifdef __AVX2__ path), found by
  /// lexing the skipped range.
  bool Inactive = false;
  /// Worth attention, not a known break (Advisory in the SDK).
  bool Advisory = false;
  /// The outcome of --verify-target for this line: empty when not checked,
  /// "no error on aarch64", or "fails on aarch64: <first error>".
  std::string TargetCheck;

  bool operator<(const Finding &O) const;
  bool operator==(const Finding &O) const;
};

/// At most this many errors are kept per unit; reports show "100+".
inline constexpr size_t MaxErrorsPerUnit = 100;

/// A compiler diagnostic of error severity met while parsing a unit.
struct ParseError {
  ParseError() = default;
  ParseError(std::string File, unsigned Line, unsigned Column, std::string Message,
             std::string ProjectFile = "", unsigned ProjectLine = 0)
      : File(std::move(File)), Line(Line), Column(Column), Message(std::move(Message)),
        ProjectFile(std::move(ProjectFile)), ProjectLine(ProjectLine) {}
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
  std::string Message;
  /// Where the project reaches File: File and Line themselves for a project
  /// file, else the #include line of the project file that brought the
  /// system header in. Not stored; used by the target check.
  std::string ProjectFile;
  unsigned ProjectLine = 0;
  /// A fatal error ends the parse: nothing after it is checked.
  bool Fatal = false;
};

/// A plugin that failed while analyzing a unit.
struct AnalyzerError {
  std::string Analyzer;
  std::string Message;
};

/// Everything one translation unit produced.
/// The scan's passes: every unit of the plan; then the sources another file
/// may include, that no unit read; then the headers no parse read. A shard
/// (scan --shard) cannot know what the other shards' units read: it runs
/// its share of those as candidates, which a merge keeps only when no unit
/// of any shard read their file (ResultsStore::mergeFrom).
enum class UnitPhase {
  Unit = 0,
  Deferred = 1,
  Header = 2,
  DeferredCandidate = 3,
  HeaderCandidate = 4
};
inline bool isCandidate(UnitPhase P) {
  return P == UnitPhase::DeferredCandidate || P == UnitPhase::HeaderCandidate;
}

struct TUResult {
  std::string File; ///< Main file, relative to the scan root.
  Platform Plat = Platform::LinuxX86_64;
  std::string CommandSource; ///< "compile_commands" or "inferred".
  bool Parsed = false;       ///< False when the frontend could not run at all.
  double ParseSeconds = 0;
  double TargetSeconds = 0; ///< The --verify-target parse, 0 when none ran.
  /// The other architecture's intrinsic header (arm_neon.h, lsxintrin.h)
  /// that failed in this x86 parse: the unit is written for that
  /// architecture, so its errors say nothing about the port.
  std::string ForeignArch;
  std::vector<Finding> Findings;
  std::vector<ParseError> Errors;
  std::vector<AnalyzerError> AnalyzerErrors;
  /// Every project file the parse read, relative to the root.
  std::vector<std::string> FilesRead;
  /// For incremental rescans: the content hash of each of FilesRead (same
  /// order), and a key for everything else the result depends on (command
  /// line, plugins, knowledge base). Empty when not computed.
  std::vector<std::string> FileHashes;
  std::string CacheKey;
  /// Lines of the unit's own file that its parse skipped under a
  /// conditional that asserts Windows (#ifdef _WIN32 ... #endif), first
  /// and last of each range; what a parse as Windows would see. Not stored.
  std::vector<std::pair<unsigned, unsigned>> SkippedWindowsLines;
  /// Parsed again with _MSC_VER defined (ScanDriver.h). Not stored.
  bool MsvcVersionAssumed = false;
  /// Parsed over a shared precompiled prefix (SharedPrefix.h). Not stored.
  bool OverSharedPrefix = false;
  /// The run whose stored result was reused, unchanged; 0 when parsed.
  int64_t ReusedFrom = 0;
  /// The stored unit itself (its row in the results file), when reused.
  int64_t ReusedUnit = 0;
  /// Which of the scan's passes ran it (ScanDriver.h, runScan): what a
  /// merge of shards needs to tell which units one process would have run.
  UnitPhase Phase = UnitPhase::Unit;
};

} // namespace portolan

#endif
