//===- portolan/Finding.h - findings and per-unit results as plain values -===//
#ifndef PORTOLAN_FINDING_H
#define PORTOLAN_FINDING_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace portolan {

/// The platform a translation unit is parsed as; File for a file that is
/// not a translation unit (an assembly source, a build file, a binary).
enum class Platform { LinuxX86_64, WindowsX86_64, File };

/// "linux-x86_64", "windows-x86_64" or "file".
const char *platformName(Platform P);

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

  bool operator<(const Finding &O) const;
  bool operator==(const Finding &O) const;
};

/// At most this many errors are kept per unit; reports show "100+".
inline constexpr size_t MaxErrorsPerUnit = 100;

/// A compiler diagnostic of error severity met while parsing a unit.
struct ParseError {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
  std::string Message;
};

/// A plugin that failed while analyzing a unit.
struct AnalyzerError {
  std::string Analyzer;
  std::string Message;
};

/// Everything one translation unit produced.
struct TUResult {
  std::string File; ///< Main file, relative to the scan root.
  Platform Plat = Platform::LinuxX86_64;
  std::string CommandSource; ///< "compile_commands" or "inferred".
  bool Parsed = false;       ///< False when the frontend could not run at all.
  double ParseSeconds = 0;
  std::vector<Finding> Findings;
  std::vector<ParseError> Errors;
  std::vector<AnalyzerError> AnalyzerErrors;
  /// Every project file the parse read, relative to the root.
  std::vector<std::string> FilesRead;
};

} // namespace portolan

#endif
